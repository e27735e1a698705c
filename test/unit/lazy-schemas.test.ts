import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '#shared/events/catalogue';
import {
  AnalysisCoverage,
  AnalysisSummary,
  analysisCoverageSchema,
  analysisSummarySchema,
} from '#shared/schemas/analyses';
import { GateCondition, GateResult, gateConditionSchema, gateResultSchema } from '#shared/schemas/quality-gate';
import { TestRunSummary, testRunSummarySchema } from '#shared/schemas/test-results';

// The event catalogue names these schemas through their first-use builders (cold start); events
// must still be validated by the very schemas the API answers with.
describe('schemas the event catalogue builds on first use', () => {
  it.each([
    { name: 'AnalysisSummary', exported: AnalysisSummary, builder: analysisSummarySchema },
    { name: 'AnalysisCoverage', exported: AnalysisCoverage, builder: analysisCoverageSchema },
    { name: 'GateCondition', exported: GateCondition, builder: gateConditionSchema },
    { name: 'GateResult', exported: GateResult, builder: gateResultSchema },
    { name: 'TestRunSummary', exported: TestRunSummary, builder: testRunSummarySchema },
  ])('$name: the builder answers the exported schema itself', ({ exported, builder }) => {
    expect(builder()).toBe(exported);
    expect(builder()).toBe(builder());
  });

  it("validates an event's nested data with the API's schema", () => {
    // Arrange
    const data = EVENT_CATALOGUE['Quality Gate Updated'].data;

    // Act
    const valid = data.safeParse({
      conditions: [{ metric: 'duplicated_lines_percent', operator: 'lte', threshold: 3 }],
    });
    const percentAbove100 = data.safeParse({
      conditions: [{ metric: 'duplicated_lines_percent', operator: 'lte', threshold: 101 }],
    });

    // Assess
    expect(valid.success).toBe(true);
    expect(percentAbove100.success).toBe(false);
  });
});
