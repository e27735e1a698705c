import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { type SarifInput, toSarif } from '#shared/analysis/reports/sarif';

// The SARIF log is checked against the OASIS SARIF 2.1.0 schema itself (a draft-04 schema:
// its `id` is draft-07's `$id`, the only keyword of draft-04 it uses that Ajv 8 reads otherwise),
// formats included: the schema's three (`uri`, `uri-reference`, `date-time`) are checked with the
// WHATWG URL parser and Date (ajv-formats is not a dependency).
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
const { id, $schema: _draft, ...rest } = schema;
const ajv = new Ajv({ strict: false, allErrors: true })
  .addFormat('uri', (value: string) => URL.canParse(value))
  .addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://base.example/'))
  .addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)));
const validate = ajv.compile({ $id: id, ...rest });
const packageVersion = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;

const INPUT: SarifInput = {
  analysis: { id: '01jq3v6m2x8k9c7w4e5r1t0y2u', commit: '4f2a9c1', branch: 'main' },
  repositoryUrl: 'https://git.example.com/team/shop.git',
  functions: [
    {
      path: 'src/cart.ts',
      name: 'Cart.total',
      startLine: 10,
      endLine: 80,
      parameters: 2,
      length: 71,
      cyclomatic: 22,
      cognitive: 31,
    },
    {
      path: 'src/cart.ts',
      name: 'Cart.add',
      startLine: 82,
      endLine: 90,
      parameters: 1,
      length: 9,
      cyclomatic: 3,
      cognitive: 2,
    },
    {
      path: 'src/my file.ts',
      name: 'parse',
      startLine: 1,
      endLine: 40,
      parameters: 1,
      length: 40,
      cyclomatic: 9,
      cognitive: 18,
    },
  ],
  duplications: [
    {
      lines: 12,
      tokens: 90,
      occurrences: [
        { path: 'src/a.ts', startLine: 5, endLine: 16 },
        { path: 'src/b.ts', startLine: 40, endLine: 51 },
        { path: 'src/c.ts', startLine: 1, endLine: 12 },
      ],
    },
  ],
  cycles: [{ files: ['src/b.ts', 'src/a.ts'], example: ['src/a.ts', 'src/b.ts'] }],
  thresholds: { cyclomatic: 15, cognitive: 15 },
  apiDocsUrl: 'https://api.trellis.example.com/v1/docs',
};

interface Result {
  ruleId: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; endLine: number } };
  }[];
  relatedLocations?: unknown[];
  partialFingerprints: Record<string, string>;
}

function resultsOf(log: Record<string, unknown>): Result[] {
  return (log as { runs: { results: Result[] }[] }).runs[0]!.results;
}

describe('SARIF report of an analysis', () => {
  it('is a valid SARIF 2.1.0 log', () => {
    const log = toSarif(INPUT, 'en');
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(validate(toSarif({ ...INPUT, repositoryUrl: undefined }, 'zh-CN'))).toBe(true);
    // The schema is strict enough to notice: a result without a message is refused, and so is a relative informationUri.
    const broken = toSarif(INPUT, 'en') as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    expect(validate(broken)).toBe(false);
    expect(validate(toSarif({ ...INPUT, apiDocsUrl: '/v1/docs' }, 'en'))).toBe(false);
  });

  it("names the tool as it is (Trellis, this package's version) and points to the deployment's API reference", () => {
    // Prepare
    const log = toSarif(INPUT, 'en') as { runs: { tool: { driver: Record<string, unknown> } }[] };

    // Act
    const driver = log.runs[0]!.tool.driver as {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: { id: string; helpUri: string; shortDescription: { text: string } }[];
    };

    // Assess
    expect(driver).toMatchObject({
      name: 'Trellis',
      version: packageVersion,
      semanticVersion: packageVersion,
      informationUri: 'https://api.trellis.example.com/v1/docs',
    });
    expect(driver.rules.map((rule) => rule.id)).toEqual(['TRL1001', 'TRL1002', 'TRL2001', 'TRL3001']);
    for (const rule of driver.rules) {
      expect(rule.helpUri, rule.id).toBe('https://api.trellis.example.com/v1/docs#operation/GetAnalysisReport');
    }
  });

  it('words the rules in the report language', () => {
    const rulesIn = (locale: 'en' | 'zh-CN') =>
      (
        toSarif(INPUT, locale) as {
          runs: { tool: { driver: { rules: { shortDescription: { text: string }; help: { text: string } }[] } } }[];
        }
      ).runs[0]!.tool.driver.rules;
    expect(rulesIn('en').map((rule) => rule.shortDescription.text)).toEqual([
      'Function too complex (cyclomatic)',
      'Function hard to understand (cognitive complexity)',
      'Duplicated code',
      'Dependency cycle',
    ]);
    expect(rulesIn('zh-CN').map((rule) => rule.shortDescription.text)).toEqual([
      '函数过于复杂（圈复杂度）',
      '函数难以理解（认知复杂度）',
      '重复代码',
      '依赖循环',
    ]);
    expect(rulesIn('zh-CN')[0]!.help.text).toContain('圈复杂度超过 15 的函数');
  });

  it('reports each function over a threshold, each duplicated block once and each cycle, where they are', () => {
    const results = resultsOf(toSarif(INPUT, 'en'));
    expect(
      results.map((result) => [result.ruleId, result.locations[0]!.physicalLocation.artifactLocation.uri]),
    ).toEqual([
      ['TRL1001', 'src/cart.ts'],
      ['TRL1002', 'src/cart.ts'],
      ['TRL1002', 'src/my%20file.ts'],
      ['TRL2001', 'src/a.ts'],
      ['TRL3001', 'src/a.ts'],
    ]);
    expect(results[0]!.message.text).toBe('Cart.total has a cyclomatic complexity of 22 (more than 15).');
    expect(results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 10, endLine: 80 });
    expect(results[3]!.message.text).toBe('12 lines duplicated in 2 other places.');
    expect(results[3]!.relatedLocations).toHaveLength(2);
    expect(results[4]!.message.text).toBe('Import cycle: src/a.ts → src/b.ts → src/a.ts (2 files in the cycle).');
  });

  it('words its messages in Chinese on request, with the same findings and fingerprints', () => {
    const english = resultsOf(toSarif(INPUT, 'en'));
    const chinese = resultsOf(toSarif(INPUT, 'zh-CN'));
    expect(chinese[0]!.message.text).toBe('Cart.total 的圈复杂度为 22（超过 15）。');
    expect(chinese.map((result) => result.partialFingerprints)).toEqual(
      english.map((result) => result.partialFingerprints),
    );
  });

  it("keeps a finding's fingerprint when its function moves, so code scanning tracks it", () => {
    const moved = { ...INPUT, functions: [{ ...[...INPUT.functions][0]!, startLine: 30, endLine: 100 }] };
    expect(resultsOf(toSarif(moved, 'en'))[0]!.partialFingerprints).toEqual(
      resultsOf(toSarif(INPUT, 'en'))[0]!.partialFingerprints,
    );
  });
});
