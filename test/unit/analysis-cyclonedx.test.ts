import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { toCycloneDx, toPurl } from '#shared/analysis/dependencies/cyclonedx';
import { readExternalDependencies } from '#shared/analysis/dependencies/manifests';
import type { ExternalDependency } from '#shared/analysis/model';

/**
 * The official CycloneDX 1.6 JSON schema (test/fixtures/cyclonedx/README.md). Formats are not
 * checked (ajv-formats is not a dependency of this repository); the one format field written,
 * metadata.timestamp, is checked apart.
 */
function cycloneDxValidator() {
  const schema = (name: string): object =>
    JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/cyclonedx', name), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema('spdx.schema.json'));
  ajv.addSchema(schema('jsf-0.82.schema.json'));
  return ajv.compile(schema('bom-1.6.schema.json'));
}

const dependency = (
  ecosystem: ExternalDependency['ecosystem'],
  name: string,
  version: string,
  direct = true,
): ExternalDependency => ({ ecosystem, name, version, direct, source: 'lock' });

describe('toPurl', () => {
  it('writes the purl spec examples of each ecosystem', () => {
    // Expected values are the examples of https://github.com/package-url/purl-spec (PURL-TYPES).
    expect(toPurl(dependency('npm', '@angular/animation', '12.3.1'))).toBe('pkg:npm/%40angular/animation@12.3.1');
    expect(toPurl(dependency('npm', 'foobar', '12.3.1'))).toBe('pkg:npm/foobar@12.3.1');
    expect(toPurl(dependency('pypi', 'Django_Package', '1.11.1'))).toBe('pkg:pypi/django-package@1.11.1');
    expect(toPurl(dependency('golang', 'github.com/gorilla/context', '234fd47e07d1004f0aed9c'))).toBe(
      'pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c',
    );
    expect(toPurl(dependency('maven', 'org.apache.xmlgraphics:batik-anim', '1.9.1'))).toBe(
      'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1',
    );
    expect(toPurl(dependency('cargo', 'rand', '0.7.2'))).toBe('pkg:cargo/rand@0.7.2');
    expect(toPurl(dependency('npm', 'x', '1.0.0+build.5'))).toBe('pkg:npm/x@1.0.0%2Bbuild.5');
    expect(toPurl(dependency('maven', 'g:a', ''))).toBe('pkg:maven/g/a');
  });
});

describe('toCycloneDx', () => {
  it("validates against the CycloneDX 1.6 schema for this repository's whole package-lock.json", () => {
    const root = process.cwd();
    const dependencies = readExternalDependencies([
      { path: 'package.json', text: readFileSync(join(root, 'package.json'), 'utf8') },
      { path: 'package-lock.json', text: readFileSync(join(root, 'package-lock.json'), 'utf8') },
    ]);
    const bom = toCycloneDx(dependencies, { projectName: 'trellis', commit: 'abc123' }) as {
      serialNumber: string;
      metadata: { timestamp: string };
      components: { purl: string }[];
      dependencies: { ref: string; dependsOn: string[] }[];
    };
    const validate = cycloneDxValidator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema does reject what is not CycloneDX: a component type it does not define.
    expect(validate({ ...bom, components: [{ type: 'gadget', name: 'x' }] })).toBe(false);
    expect(new Date(bom.metadata.timestamp).toISOString()).toBe(bom.metadata.timestamp);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.components.length).toBe(new Set(dependencies.map(toPurl)).size);
    expect(bom.dependencies[0]!.dependsOn.length).toBe(dependencies.filter((d) => d.direct).length);
  });

  it('lists a package once per purl with its sources, the project depending on the direct ones', () => {
    const bom = toCycloneDx(
      [
        { ...dependency('npm', '@scope/a', '1.0.0', false), source: 'web/package-lock.json' },
        { ...dependency('npm', '@scope/a', '1.0.0', true), source: 'api/package-lock.json' },
        dependency('maven', 'org.example:lib', '', true),
        dependency('cargo', 'rand_core', '0.6.4', false),
      ],
      { projectName: 'shop', commit: 'deadbeef', timestamp: '2026-01-02T03:04:05.000Z', serialNumber: 'urn:uuid:0' },
    );
    expect(bom).toEqual({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: 'urn:uuid:0',
      version: 1,
      metadata: {
        timestamp: '2026-01-02T03:04:05.000Z',
        tools: { components: [{ type: 'application', name: 'Trellis code analysis' }] },
        component: { type: 'application', 'bom-ref': 'project', name: 'shop', version: 'deadbeef' },
      },
      components: [
        {
          type: 'library',
          'bom-ref': 'pkg:cargo/rand_core@0.6.4',
          name: 'rand_core',
          version: '0.6.4',
          purl: 'pkg:cargo/rand_core@0.6.4',
          scope: 'required',
          properties: [
            { name: 'trellis:dependency:direct', value: 'false' },
            { name: 'trellis:dependency:source', value: 'lock' },
          ],
        },
        {
          type: 'library',
          'bom-ref': 'pkg:maven/org.example/lib',
          group: 'org.example',
          name: 'lib',
          purl: 'pkg:maven/org.example/lib',
          scope: 'required',
          properties: [
            { name: 'trellis:dependency:direct', value: 'true' },
            { name: 'trellis:dependency:source', value: 'lock' },
          ],
        },
        {
          type: 'library',
          'bom-ref': 'pkg:npm/%40scope/a@1.0.0',
          name: '@scope/a',
          version: '1.0.0',
          purl: 'pkg:npm/%40scope/a@1.0.0',
          scope: 'required',
          properties: [
            { name: 'trellis:dependency:direct', value: 'true' },
            { name: 'trellis:dependency:source', value: 'api/package-lock.json' },
            { name: 'trellis:dependency:source', value: 'web/package-lock.json' },
          ],
        },
      ],
      dependencies: [{ ref: 'project', dependsOn: ['pkg:maven/org.example/lib', 'pkg:npm/%40scope/a@1.0.0'] }],
    });
  });
});
