import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GATE_CONDITIONS,
  evaluateCondition,
  evaluateGate,
  gateFailureReason,
} from '#shared/analysis/gate/rules';
import { formatText } from '#shared/i18n/catalogue';
import { QualityGateInput } from '#shared/schemas/quality-gate';
import { CLEAN_MEASURES as CLEAN } from '../support/gates.ts';

describe('quality gate verdict', () => {
  it('passes a clean change under the default gate although the old code would fail', () => {
    const result = evaluateGate(DEFAULT_GATE_CONDITIONS, CLEAN);
    expect(result.status).toBe('passed');
    expect(result.conditions.map((condition) => [condition.metric, condition.actual, condition.status])).toEqual([
      ['max_cyclomatic_complexity', 6, 'passed'],
      ['duplicated_lines_percent', 0, 'passed'],
      ['line_coverage_percent', 92.5, 'passed'],
      ['dependency_cycles', 0, 'passed'],
    ]);
    expect(gateFailureReason(result)).toBeUndefined();
  });

  it('judges the whole code when a condition is not on new code', () => {
    const result = evaluateGate(
      [{ metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 15, onNewCode: false }],
      CLEAN,
    );
    expect(result).toMatchObject({ status: 'failed', conditions: [{ actual: 31, status: 'failed' }] });
  });

  it.each([
    ['lt', 15, 15, 'failed'],
    ['lte', 15, 15, 'passed'],
    ['gt', 80, 80, 'failed'],
    ['gte', 80, 80, 'passed'],
    ['gte', 80, 79.9, 'failed'],
  ] as const)(
    '%s %d with actual %d is %s (thresholds are inclusive only for lte/gte)',
    (operator, threshold, actual, status) => {
      const measures = { ...CLEAN, line_coverage_percent: { overall: actual, newCode: actual } };
      expect(
        evaluateCondition({ metric: 'line_coverage_percent', operator, threshold, onNewCode: true }, measures).status,
      ).toBe(status);
    },
  );

  it('fails a condition that could not be measured: no coverage report attached', () => {
    const result = evaluateGate(DEFAULT_GATE_CONDITIONS, {
      ...CLEAN,
      line_coverage_percent: { overall: undefined, newCode: undefined },
    });
    expect(result.status).toBe('failed');
    expect(result.conditions.find((condition) => condition.metric === 'line_coverage_percent')).toMatchObject({
      actual: null,
      status: 'no_value',
    });
  });

  it('lets a condition with nothing to measure pass: a change without new functions or new lines', () => {
    const result = evaluateGate(DEFAULT_GATE_CONDITIONS, {
      ...CLEAN,
      max_cyclomatic_complexity: { overall: 31, newCode: null },
      duplicated_lines_percent: { overall: 7.5, newCode: null },
      line_coverage_percent: { overall: 61, newCode: null },
    });
    expect(result.status).toBe('passed');
    expect(result.conditions.filter((condition) => condition.status === 'not_applicable')).toHaveLength(3);
  });

  it('names every failing condition with its value in both languages', () => {
    const result = evaluateGate(DEFAULT_GATE_CONDITIONS, {
      ...CLEAN,
      max_cyclomatic_complexity: { overall: 31, newCode: 22 },
      line_coverage_percent: { overall: 61, newCode: undefined },
    });
    const reason = gateFailureReason(result);
    expect(reason).toBeDefined();
    expect(formatText(reason!, 'en')).toBe(
      'The quality gate failed: the highest cyclomatic complexity of a function on new code is 22 (required ≤ 15); ' +
        'line coverage (%) on new code was not measured.',
    );
    expect(formatText(reason!, 'zh-CN')).toBe(
      '质量门禁未通过：新代码的函数最高圈复杂度为 22（要求 ≤ 15）；新代码的行覆盖率（%）没有测量值。',
    );
    // A list of another length is worded with its own pattern, not the one worded first.
    const one = evaluateGate(DEFAULT_GATE_CONDITIONS, { ...CLEAN, dependency_cycles: { overall: 3, newCode: 1 } });
    expect(formatText(gateFailureReason(one)!, 'en')).toBe(
      'The quality gate failed: dependency cycles on new code is 1 (required ≤ 0).',
    );
  });
});

describe('quality gate input', () => {
  it('accepts the default conditions', () => {
    expect(QualityGateInput.safeParse({ conditions: DEFAULT_GATE_CONDITIONS }).success).toBe(true);
  });

  it.each([
    ['a percentage over 100', [{ metric: 'line_coverage_percent', operator: 'gte', threshold: 120 }], 'conditions.0'],
    ['an unknown metric', [{ metric: 'bugs', operator: 'lte', threshold: 0 }], 'conditions.0.metric'],
    [
      'the same metric twice on new code',
      [
        { metric: 'dependency_cycles', operator: 'lte', threshold: 0, onNewCode: true },
        { metric: 'dependency_cycles', operator: 'lte', threshold: 1, onNewCode: true },
      ],
      'conditions',
    ],
  ])('refuses %s, naming the field', (_label, conditions, path) => {
    const parsed = QualityGateInput.safeParse({ conditions });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});
