import { describe, expect, it } from 'vitest';
import { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { endedRunInput, endedRunReason, isUnsuccessfulEnd } from '#shared/workflows/ended-runs';

const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:trellis-dev-TestRun:01jrun';

describe('endedRunReason', () => {
  it('names the status alone when the run ended without an error or cause (an operator stopped it)', () => {
    expect(endedRunReason({ status: 'ABORTED', error: null, cause: null })).toBe('the run ended aborted');
    expect(endedRunReason({ status: 'ABORTED', error: '', cause: '' })).toBe('the run ended aborted');
  });

  it("adds the error and the cause, a Lambda error's JSON cause read down to its message", () => {
    expect(endedRunReason({ status: 'TIMED_OUT', error: 'States.Timeout', cause: 'ran too long' })).toBe(
      'the run ended timed out: States.Timeout: ran too long',
    );
    const cause = JSON.stringify({ errorType: 'Error', errorMessage: 'table throttled', trace: [] });
    expect(endedRunReason({ status: 'FAILED', error: 'TestRunErrored', cause })).toBe(
      'the run ended failed: TestRunErrored: table throttled',
    );
  });

  it('keeps within 1,000 characters', () => {
    expect(endedRunReason({ status: 'FAILED', error: 'Error', cause: 'x'.repeat(5_000) })).toHaveLength(1_000);
  });
});

describe('isUnsuccessfulEnd', () => {
  it('is true for FAILED, TIMED_OUT and ABORTED only', () => {
    expect(['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED', 'RUNNING'].filter(isUnsuccessfulEnd)).toEqual([
      'FAILED',
      'TIMED_OUT',
      'ABORTED',
    ]);
  });
});

describe('endedRunInput', () => {
  it("answers the run's input, keys it does not know left out (the parent's execution id)", () => {
    const input = JSON.stringify({ projectId: 'p1', runId: 'r1', AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: 'x' });
    expect(endedRunInput({ executionArn, input }, TestRunTaskInput, "a test run's input")).toEqual({
      projectId: 'p1',
      runId: 'r1',
    });
  });

  it('throws, naming the execution, when the input is missing, not JSON or of another shape', () => {
    expect(() => endedRunInput({ executionArn, input: null }, TestRunTaskInput, "a test run's input")).toThrow(
      `The event of ${executionArn} does not include the run's input`,
    );
    expect(() => endedRunInput({ executionArn, input: '{' }, TestRunTaskInput, "a test run's input")).toThrow(
      /is not JSON/,
    );
    expect(() =>
      endedRunInput({ executionArn, input: '{"projectId":"p1"}' }, TestRunTaskInput, "a test run's input"),
    ).toThrow(`The input of ${executionArn} is not a test run's input`);
  });
});
