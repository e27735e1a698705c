import { deltaContributors, type FunctionBundle, isSdkPackage, SIZE_DELTA_TARGET_KB } from '../bundle-size.ts';
import type { BenchResults } from '../report.ts';
import { clientSetName } from '../targets.ts';
import { kb, signedKb, type TargetLine, table, verdict } from './format.ts';

/** Section 1: bundle size per function, with its line in the targets table. */
export function bundleSection(results: BenchResults, targets: TargetLine[]): string {
  const { bundles } = results;
  const title = '## 1. Bundle size per function';
  if (!bundles) return `${title}\n\nNot measured: ${results.failures['Bundle size'] ?? 'skipped'}.`;

  const targetBytes = SIZE_DELTA_TARGET_KB * 1024;
  const rows = bundles.functions.map((b) => {
    const delta = b.ours.bytes - b.floor.bytes;
    const extra = b.clientsInBundle.filter((client) => !b.fn.clients.includes(client));
    return [
      b.fn.id,
      `\`${b.fn.handler}\``,
      clientSetName(b.fn.clients),
      kb(b.ours.bytes),
      kb(b.floor.bytes),
      signedKb(delta),
      signedKb(deltaContributors(b).sdk),
      extra.length > 0 ? `**${extra.join(', ')}**` : '—',
      `≤ ${SIZE_DELTA_TARGET_KB}`,
      verdict(delta <= targetBytes),
    ];
  });
  const deltas = bundles.functions.map((b) => b.ours.bytes - b.floor.bytes);
  const passing = deltas.filter((delta) => delta <= targetBytes).length;
  const worst = bundles.functions[deltas.indexOf(Math.max(...deltas))]!;
  targets.push({
    target: `Bundle ≤ floor + ${SIZE_DELTA_TARGET_KB} KB, every function`,
    result: `${passing} of ${deltas.length} within; largest delta ${signedKb(Math.max(...deltas))} KB (${worst.fn.id}), smallest ${signedKb(Math.min(...deltas))} KB`,
    pass: passing === deltas.length,
  });

  const typical = bundles.functions.find((b) => b.fn.id === results.typicalFunction) ?? bundles.functions[0]!;
  return [
    title,
    '',
    'Method: every route handler (`ROUTES`) and event consumer (`EVENT_RULES`) is bundled with the options of',
    'the CDK function construct (esbuild: ESM, platform node, target node22, minify, external source map',
    'without sources, `mainFields: [module, main]`, the `createRequire` banner, all of `@aws-sdk` bundled).',
    'Size is the `.mjs` file; the source map is not counted. The **floor** of a function is an entry bundled',
    'the same way that only creates, at module scope, the SDK clients the function is entitled to by its',
    '`access` (table → DynamoDB client + DocumentClient, artifacts → S3, events → EventBridge, userPool or',
    'functions/auth/ → Cognito, secrets → KMS, stateMachines → Step Functions) and exports a trivial handler. "of which SDK" is the part of the delta in',
    '`@aws-sdk/*` and `@smithy/*` (command classes, and clients the floor does not have). "SDK clients beyond',
    'floor" lists clients found in the bundle (esbuild metafile) that the function\'s `access` does not',
    'grant: they come in through shared modules that create a client at module scope.',
    '',
    table(
      [
        'Function',
        'Handler',
        'Floor clients',
        'Size KB',
        'Floor KB',
        'Delta KB',
        'of which SDK KB',
        'SDK clients beyond floor',
        'Target KB',
        'Verdict',
      ],
      rows,
      [3, 4, 5, 6],
    ),
    '',
    contributorsTable(typical),
    classicZodNote(results),
  ].join('\n');
}

function contributorsTable(bundle: FunctionBundle): string {
  const { sdk, others, unattributed } = deltaContributors(bundle);
  const top = others.filter((c) => !isSdkPackage(c.group) && c.deltaBytes > 0).slice(0, 15);
  const rest = others.filter((c) => !top.includes(c)).reduce((sum, c) => sum + c.deltaBytes, 0);
  const rows = [
    ...top.map((c) => [`\`${c.group}\``, signedKb(c.deltaBytes)]),
    ['everything else outside the SDK', signedKb(rest)],
    ['`@aws-sdk/*` + `@smithy/*` (commands, extra clients)', signedKb(sdk)],
    ['banner, esbuild runtime, unattributed', signedKb(unattributed)],
    ['**total delta**', `**${signedKb(bundle.ours.bytes - bundle.floor.bytes)}**`],
  ];
  return [
    `### What ${bundle.fn.id} adds to its floor`,
    '',
    `Bytes in the minified output per input (esbuild metafile, \`bytesInOutput\`), ${bundle.fn.id} minus its floor,`,
    'grouped by npm package or repository file, largest first (outside `@aws-sdk`/`@smithy`).',
    '',
    table(['Input', 'Delta KB'], rows, [1]),
  ].join('\n');
}

function classicZodNote({ classicZod }: BenchResults): string {
  if (!classicZod) return '';
  return [
    '',
    '### zod/mini versus classic zod',
    '',
    `${classicZod.id} bundled with classic \`zod\` aliased in place of \`zod/mini\`: ${kb(classicZod.classicBytes)} KB against`,
    `${kb(classicZod.miniBytes)} KB, so zod/mini saves ${kb(classicZod.classicBytes - classicZod.miniBytes)} KB in this function`,
    '(size only: classic zod lacks some mini check functions, so the aliased bundle would not run).',
  ].join('\n');
}
