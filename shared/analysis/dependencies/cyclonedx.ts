// The external dependencies of an analysis as a CycloneDX 1.6 JSON SBOM
// (https://cyclonedx.org/docs/1.6/json/), each component identified by its package URL
// (https://github.com/package-url/purl-spec). The project itself is metadata.component; it
// depends on the direct dependencies. Edges between external packages are not known here
// (ExternalDependency has none), so no other dependency entries are written.
import { randomUUID } from 'node:crypto';
import type { ExternalDependency } from '#shared/analysis/model';

/** What the SBOM says about the analysed project. */
export interface SbomMetadata {
  /** The project's name (its slug or display name). */
  projectName: string;
  /** The analysed commit; the project component's version. */
  commit: string;
  /** When the analysis ran (ISO 8601); now by default. */
  timestamp?: string;
  /** urn:uuid serial number; a random one by default. Pass the same one to regenerate the same document. */
  serialNumber?: string;
}

const PROJECT_REF = 'project';

/** Percent-encodes one purl segment; `:` stays as it is, as the purl spec asks. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replaceAll('%3A', ':');
}

/**
 * The package URL of a dependency: `pkg:npm/%40scope/name@1.0.0`, `pkg:pypi/name@1.0`,
 * `pkg:golang/github.com/x/y@v1.0.0`, `pkg:maven/group/artifact@1.0`, `pkg:cargo/name@1.0`.
 * Without a version (a managed Maven version), the purl has none.
 */
export function toPurl(dependency: ExternalDependency): string {
  const { ecosystem, name, version } = dependency;
  let segments: string[];
  if (ecosystem === 'maven') segments = name.split(':');
  else if (ecosystem === 'golang') segments = name.split('/');
  else if (ecosystem === 'npm' && name.startsWith('@')) segments = name.split('/');
  else segments = [ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name];
  const path = segments.map(encodeSegment).join('/');
  return `pkg:${ecosystem}/${path}${version ? `@${encodeSegment(version)}` : ''}`;
}

/**
 * A CycloneDX 1.6 JSON document listing every dependency once per purl (direct when any
 * source lists it as direct), with the project as metadata.component depending on the direct ones.
 */
export function toCycloneDx(dependencies: ExternalDependency[], meta: SbomMetadata): object {
  const byPurl = new Map<string, { dependency: ExternalDependency; direct: boolean; sources: Set<string> }>();
  for (const dependency of dependencies) {
    const purl = toPurl(dependency);
    const known = byPurl.get(purl);
    if (known) {
      known.direct ||= dependency.direct;
      known.sources.add(dependency.source);
    } else byPurl.set(purl, { dependency, direct: dependency.direct, sources: new Set([dependency.source]) });
  }
  const purls = [...byPurl.keys()].sort();
  const components = purls.map((purl) => {
    const { dependency, direct, sources } = byPurl.get(purl)!;
    const [group, artifact] = dependency.ecosystem === 'maven' ? dependency.name.split(':') : [];
    return {
      type: 'library',
      'bom-ref': purl,
      ...(group && artifact ? { group, name: artifact } : { name: dependency.name }),
      ...(dependency.version ? { version: dependency.version } : {}),
      purl,
      scope: 'required',
      properties: [
        { name: 'trellis:dependency:direct', value: String(direct) },
        ...[...sources].sort().map((source) => ({ name: 'trellis:dependency:source', value: source })),
      ],
    };
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: meta.serialNumber ?? `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: meta.timestamp ?? new Date().toISOString(),
      tools: { components: [{ type: 'application', name: 'Trellis code analysis' }] },
      component: { type: 'application', 'bom-ref': PROJECT_REF, name: meta.projectName, version: meta.commit },
    },
    components,
    dependencies: [{ ref: PROJECT_REF, dependsOn: purls.filter((purl) => byPurl.get(purl)!.direct) }],
  };
}
