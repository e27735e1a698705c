import type { ServiceEvent } from '../event-bus.ts';
import type { ExecutionRecord } from './store.ts';

/** Takes a service event onto the default bus; a rejection is logged, never fails the execution. */
export type StatusEventSink = (event: ServiceEvent) => Promise<unknown>;

const STATUS_CHANGE_SOURCE = 'aws.states';
const STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/**
 * The `Step Functions Execution Status Change` event of an execution as it is now, in AWS's
 * shape: dates in epoch milliseconds, input and output as JSON strings, fields that do not
 * apply as null (Step Functions user guide, "Step Functions events" in EventBridge).
 */
export function executionStatusChange(record: ExecutionRecord): ServiceEvent {
  return {
    source: STATUS_CHANGE_SOURCE,
    detailType: STATUS_CHANGE_DETAIL_TYPE,
    resources: [record.executionArn],
    time: new Date(record.stopDate ?? record.startDate),
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate ?? null,
      input: record.input,
      inputDetails: { included: true },
      output: record.output ?? null,
      outputDetails: record.output === undefined ? null : { included: true },
      error: record.error ?? null,
      cause: record.cause ?? null,
      redriveCount: 0,
    },
  };
}
