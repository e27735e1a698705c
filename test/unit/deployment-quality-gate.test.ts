import { readFileSync } from 'node:fs';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  judgeQualityGate,
  type QualityGateClock,
  type QualityGateVerdict,
  type VersionAnalysis,
} from '#shared/deployments/quality-gate-rules';
import { formatText } from '#shared/i18n/catalogue';
import { PipelineBody } from '#shared/schemas/pipelines';
import { defaultGateOn } from '../support/gates.ts';

/** A JSON object as the engine passes it to and from a task (the package does not export its type). */
type JSONObject = { [key: string]: JSONObject | string | number | boolean | null | JSONObject[] };

// The default gate passes a clean change, and fails one that breaks two of its conditions.
const PASSED = defaultGateOn();
const FAILED = defaultGateOn({
  max_cyclomatic_complexity: { overall: 31, newCode: 22 },
  dependency_cycles: { overall: 3, newCode: 1 },
});

const START = Date.parse('2026-01-01T00:00:00.000Z');
/** 30 s into a stage that waits 60 s, looking every 10 s. */
const CLOCK: QualityGateClock = { startedAt: START, now: START + 30_000, waitSeconds: 60, pollSeconds: 10 };

const analysis = (id: string, status: VersionAnalysis['status'], changes: Partial<VersionAnalysis> = {}) => ({
  id,
  status,
  gate: null,
  failureCode: null,
  ...changes,
});

/** The verdict with its reason worded in `locale`, as a deployment shows it. */
function worded(verdict: QualityGateVerdict, locale: 'en' | 'zh-CN' = 'en') {
  return verdict.outcome === 'failed' ? { ...verdict, reason: formatText(verdict.reason, locale) } : verdict;
}

describe('judgeQualityGate', () => {
  it('passes on the completed analysis whose gate passed', () => {
    const verdict = judgeQualityGate('v1', [analysis('a1', 'completed', { gate: PASSED })], CLOCK);
    expect(verdict).toEqual({ outcome: 'passed', analysisId: 'a1', gateStatus: 'passed' });
  });

  it('fails on a failed gate, naming each failing condition with its value', () => {
    const verdict = worded(judgeQualityGate('v1', [analysis('a1', 'completed', { gate: FAILED })], CLOCK));
    expect(verdict).toEqual({
      outcome: 'failed',
      analysisId: 'a1',
      gateStatus: 'failed',
      reason:
        'The quality gate failed: the highest cyclomatic complexity of a function on new code is 22 (required ≤ 15); ' +
        'dependency cycles on new code is 1 (required ≤ 0).',
    });
  });

  it('words the gate failure in Chinese for a Chinese reader', () => {
    const verdict = worded(judgeQualityGate('v1', [analysis('a1', 'completed', { gate: FAILED })], CLOCK), 'zh-CN');
    expect(verdict).toMatchObject({ reason: expect.stringMatching(/^质量门禁未通过：新代码的函数最高圈复杂度为 22/) });
  });

  it('lets the newest completed analysis decide, even when an older one of the version failed its gate', () => {
    const analyses = [
      analysis('a3', 'running'),
      analysis('a2', 'completed', { gate: PASSED }),
      analysis('a1', 'completed', { gate: FAILED }),
    ];
    expect(judgeQualityGate('v1', analyses, CLOCK)).toMatchObject({ outcome: 'passed', analysisId: 'a2' });
  });

  it('fails a completed analysis without a gate result: nothing vouches for the version', () => {
    const verdict = worded(judgeQualityGate('v1', [analysis('a1', 'completed')], CLOCK));
    expect(verdict).toEqual({
      outcome: 'failed',
      analysisId: 'a1',
      gateStatus: null,
      reason: 'the analysis a1 of version v1 completed without a quality gate result',
    });
  });

  it('fails at once when the analysis failed and no other is in progress, naming it and why', () => {
    const verdict = worded(
      judgeQualityGate('v1', [analysis('a1', 'failed', { failureCode: 'ARCHIVE_HOSTILE' })], CLOCK),
    );
    expect(verdict).toEqual({
      outcome: 'failed',
      analysisId: 'a1',
      gateStatus: null,
      reason: 'the analysis a1 of version v1 failed (ARCHIVE_HOSTILE)',
    });
  });

  it.each(['waiting_for_upload', 'queued', 'running'] as const)(
    'waits for an analysis that is %s, even when an earlier one of the version failed',
    (status) => {
      const analyses = [analysis('a2', status), analysis('a1', 'failed', { failureCode: 'FETCH_REFUSED' })];
      expect(judgeQualityGate('v1', analyses, CLOCK)).toEqual({
        outcome: 'waiting',
        analysisId: 'a2',
        pollSeconds: 10,
      });
    },
  );

  it('waits for an analysis to be created while time is left', () => {
    expect(judgeQualityGate('v1', [], CLOCK)).toEqual({ outcome: 'waiting', analysisId: null, pollSeconds: 10 });
  });

  it('looks for the last time on the deadline, not an interval past it', () => {
    const verdict = judgeQualityGate('v1', [], { ...CLOCK, now: START + 56_500 });
    expect(verdict).toEqual({ outcome: 'waiting', analysisId: null, pollSeconds: 4 });
  });

  it('fails once waitSeconds passed without a completed analysis, whether one is running or none exists', () => {
    const late = { ...CLOCK, now: START + 60_000 };
    for (const analyses of [[], [analysis('a1', 'running')]]) {
      const verdict = worded(judgeQualityGate('v1.4.2', analyses, late));
      expect(verdict).toMatchObject({
        outcome: 'failed',
        gateStatus: null,
        reason: 'no analysis of version v1.4.2 completed within 60 s',
      });
    }
  });

  it('with waitSeconds 0 judges what is there at the first look and never waits', () => {
    const now = { ...CLOCK, now: START, waitSeconds: 0 };
    expect(judgeQualityGate('v1', [analysis('a1', 'running')], now)).toMatchObject({ outcome: 'failed' });
    expect(judgeQualityGate('v1', [analysis('a1', 'completed', { gate: PASSED })], now)).toMatchObject({
      outcome: 'passed',
    });
  });

  it('never schedules a look past the deadline and never waits less than a second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 3_700_000 }),
        (waitSeconds, pollSeconds, elapsedMs) => {
          // Act
          const verdict = judgeQualityGate('v1', [], {
            startedAt: START,
            now: START + elapsedMs,
            waitSeconds,
            pollSeconds,
          });

          // Assess
          const deadline = START + waitSeconds * 1000;
          if (verdict.outcome === 'waiting') {
            expect(verdict.pollSeconds).toBeGreaterThanOrEqual(1);
            expect(verdict.pollSeconds).toBeLessThanOrEqual(pollSeconds);
            expect(START + elapsedMs + (verdict.pollSeconds - 1) * 1000).toBeLessThan(deadline);
          } else {
            expect(START + elapsedMs).toBeGreaterThanOrEqual(deadline);
          }
        },
      ),
    );
  });
});

describe('the quality-gate stage in a pipeline', () => {
  const body = (stage: Record<string, unknown>) => ({ name: 'Release', stages: [{ name: 'quality', ...stage }] });

  it('waits 600 s unless the pipeline says otherwise, between 0 and 3600 s', () => {
    expect(PipelineBody.parse(body({ type: 'quality-gate' })).stages[0]).toEqual({
      type: 'quality-gate',
      name: 'quality',
      waitSeconds: 600,
    });
    expect(PipelineBody.safeParse(body({ type: 'quality-gate', waitSeconds: 0 })).success).toBe(true);
    expect(PipelineBody.safeParse(body({ type: 'quality-gate', waitSeconds: 3_600 })).success).toBe(true);
    for (const waitSeconds of [-1, 3_601, 1.5, '60']) {
      const result = PipelineBody.safeParse(body({ type: 'quality-gate', waitSeconds }));
      expect(result.error?.issues[0]?.path, String(waitSeconds)).toEqual(['stages', 0, 'waitSeconds']);
    }
    expect(PipelineBody.safeParse(body({ type: 'quality-gate', suiteId: 'x' })).success).toBe(false);
  });
});

describe('the state machine runs the quality-gate stage as a polling loop', () => {
  const asl = JSON.parse(
    readFileSync(new URL('../../statemachines/deployment-pipeline.asl.json', import.meta.url), 'utf8'),
  ) as StateMachineDefinition;

  /**
   * Runs the whole deployment machine with every task faked: one quality-gate stage whose
   * checks answer `checks` in turn (an answer or an error to throw). Returns what Finish was
   * told and the seconds each wait was given.
   */
  async function runQualityGateStage(checks: ({ done: boolean; pollSeconds: number } | Error)[]) {
    let stageServed = false;
    const finishes: { outcome: string; error?: { Error: string; Cause: string } }[] = [];
    const waits: number[] = [];
    const checkInputs: unknown[] = [];
    const lambda = (payload: object): JSONObject => ({ Payload: payload as JSONObject });
    const machine = new StateMachine(asl, { validationOptions: { noValidate: true } });
    const stage = { index: 0, name: 'quality', waitForCallback: false, timeoutSeconds: 0, initialDelaySeconds: 0 };
    const execution = machine.run({ projectId: 'p1', deploymentId: 'd1' } as never, {
      overrides: {
        taskResourceLocalHandlers: {
          BeginRun: () => lambda({ previousVersion: null }),
          NextStage: () => {
            const next = stageServed
              ? { ...stage, done: true, index: 1, type: 'none', name: '', waitSeconds: 0 }
              : { ...stage, done: false, type: 'quality-gate', waitSeconds: 0 };
            stageServed = true;
            return lambda(next);
          },
          CheckQualityGate: (input) => {
            checkInputs.push((input as { Payload: unknown }).Payload);
            const answer = checks.shift();
            if (!answer) throw new Error('checked more often than the test planned');
            if (answer instanceof Error) throw answer;
            waits.push(answer.pollSeconds);
            return lambda(answer);
          },
          FinishSucceeded: () => {
            finishes.push({ outcome: 'succeeded' });
            return lambda({ status: 'succeeded' });
          },
          RecordFailure: (input) => {
            finishes.push((input as { Payload: (typeof finishes)[number] }).Payload);
            return lambda({ status: 'failed' });
          },
        },
        waitTimeOverrides: { WaitForAnalysis: 0 },
      },
    });
    const result = await execution.result.catch((error: Error) => error);
    return { finishes, waits, checkInputs, result };
  }

  it('looks again after each wait until the check is done, then the deployment succeeds', async () => {
    const { finishes, waits, checkInputs } = await runQualityGateStage([
      { done: false, pollSeconds: 10 },
      { done: false, pollSeconds: 3 },
      { done: true, pollSeconds: 0 },
    ]);
    expect(finishes).toEqual([{ outcome: 'succeeded' }]);
    expect(waits).toEqual([10, 3, 0]);
    expect(checkInputs).toEqual(Array(3).fill({ projectId: 'p1', deploymentId: 'd1', index: 0 }));
  });

  it('records the failure with the check error as the reason when the gate fails', async () => {
    const failure = Object.assign(new Error('The quality gate failed: dependency cycles on new code is 1'), {
      name: 'QualityGateFailed',
    });
    const { finishes } = await runQualityGateStage([{ done: false, pollSeconds: 10 }, failure]);
    expect(finishes).toHaveLength(1);
    expect(finishes[0]).toMatchObject({ outcome: 'failed', error: { Error: 'QualityGateFailed' } });
    expect(finishes[0]?.error?.Cause).toContain('dependency cycles on new code is 1');
  });
});
