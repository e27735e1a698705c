import type { RouteAccess } from '#shared/api/routes';
import { ANALYSIS_UPLOAD_PREFIX } from '#shared/schemas/analyses';
import { IMPORT_UPLOAD_PREFIX } from '#shared/schemas/test-runs';
import { INDEXED_EVENT_TYPES } from '#shared/search/indexing-rules';
import { CODE_ANALYSIS_MACHINE, DEPLOYMENT_PIPELINE, TEST_RUN_MACHINE } from '#shared/workflows/state-machines';

/** The bus a rule listens on. */
export type EventBusKind =
  /** The platform's custom bus (`trellis-<stage>`): the domain events of the catalogue. */
  | 'platform'
  /** The account's `default` bus: events AWS services emit (`aws.states`, ...). */
  | 'default';

/** An EventBridge rule and the Lambda it invokes. */
export interface EventRuleDefinition {
  id: string;
  description: string;
  /** Where the rule listens. @default 'platform' */
  bus?: EventBusKind;
  /** An EventBridge event pattern (the subset the local bus matches is documented there). */
  eventPattern: Record<string, unknown>;
  /** `timeoutSeconds`: for a consumer that does bulk work (the default suits a quick one). */
  target: { handler: string; access: RouteAccess; timeoutSeconds?: number };
}

/** The bus a rule listens on, its default applied. */
export function busOf(rule: Pick<EventRuleDefinition, 'bus'>): EventBusKind {
  return rule.bus ?? 'platform';
}

/**
 * S3 "Object Created" on the default bus for objects under `prefix` of an artifacts bucket.
 * CloudFormation names the bucket `trellis-<stage>-dataartifactsbucket<hash>-<suffix>`
 * (`trellis-local-artifacts` locally): the pattern narrows to Trellis artifacts buckets, and the
 * consumer ignores every bucket but its own, as ReconcileDeploymentRun does with other stages' machines.
 */
function uploadedObjectPattern(prefix: string): Record<string, unknown> {
  return {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: {
      bucket: { name: [{ wildcard: 'trellis-*artifacts*' }] },
      object: { key: [{ prefix }] },
    },
  };
}

/** The Step Functions statuses of an execution that ended without succeeding. */
export const UNSUCCESSFUL_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * A rule on the default bus for the executions of the machine `machine` that ended without
 * succeeding, and the consumer that reconciles what the run left behind (it writes the table
 * and announces on the bus). Stage-independent: the machine is `trellis-<stage>-<machine>`;
 * the consumer reads its own machine's ARN to ignore another stage's machine in the same
 * account.
 */
function endedRunRule({
  id,
  description,
  machine,
  handler,
}: Pick<EventRuleDefinition, 'id' | 'description'> & { machine: string; handler: string }): EventRuleDefinition {
  return {
    id,
    description,
    bus: 'default',
    eventPattern: {
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: [...UNSUCCESSFUL_EXECUTION_STATUSES],
        stateMachineArn: [{ wildcard: `*:stateMachine:trellis-*-${machine}` }],
      },
    },
    target: { handler, access: { table: 'readWrite', events: true, stateMachines: [machine] } },
  };
}

/**
 * Every rule. The CDK events construct creates each rule on its bus with a Lambda target
 * (retries + DLQ); the local EventBridge endpoint matches the same patterns and invokes the
 * same handlers.
 */
export const EVENT_RULES: readonly EventRuleDefinition[] = [
  {
    id: 'RecordActivity',
    description: 'Records every domain event of a project in its activity trail',
    eventPattern: { source: [{ prefix: 'trellis.' }] },
    target: { handler: 'functions/activity/record-event.ts', access: { table: 'readWrite' } },
  },
  endedRunRule({
    id: 'ReconcileDeploymentRun',
    description:
      'Finishes a deployment whose pipeline run ended (failed, timed out, stopped) without its Finish task, releasing the environment lock',
    machine: DEPLOYMENT_PIPELINE,
    handler: 'functions/deployments/reconcile-run.ts',
  }),
  endedRunRule({
    id: 'ReconcileTestRun',
    description:
      'Errors a test run whose execution ended (failed, timed out, stopped) without its SummarizeRun or FailRun task',
    machine: TEST_RUN_MACHINE,
    handler: 'functions/test-runs/reconcile-test-run.ts',
  }),
  {
    id: 'IndexTestRun',
    description:
      "Writes each result of a completed test run into its case's history and creates the cases an import named",
    eventPattern: { source: ['trellis.tests'], 'detail-type': ['Test Run Completed'] },
    // 10,000 results and cases take seconds on DynamoDB, minutes on DynamoDB Local.
    target: { handler: 'functions/test-runs/index-test-run.ts', access: { table: 'readWrite' }, timeoutSeconds: 600 },
  },
  {
    id: 'ProcessUploadedImport',
    description:
      'Imports a JUnit report uploaded through a presigned URL once S3 announces it (artifacts bucket, imports/ prefix)',
    bus: 'default',
    eventPattern: uploadedObjectPattern(IMPORT_UPLOAD_PREFIX),
    // Streaming a report of up to 200 MB (100,000 cases) through the parser takes longer than a
    // quick consumer's minute.
    target: {
      handler: 'functions/test-runs/process-uploaded-import.ts',
      access: { table: 'readWrite', artifacts: 'read', events: true },
      timeoutSeconds: 600,
    },
  },
  {
    id: 'StartUploadedAnalysis',
    description:
      'Starts the code analysis an archive was uploaded for through a presigned URL (artifacts bucket, analysis-uploads/ prefix)',
    bus: 'default',
    eventPattern: uploadedObjectPattern(ANALYSIS_UPLOAD_PREFIX),
    target: {
      handler: 'functions/analyses/start-uploaded-analysis.ts',
      // `artifacts`: the consumer reads its bucket's name to ignore other buckets' objects.
      access: { table: 'readWrite', artifacts: 'read', stateMachines: [CODE_ANALYSIS_MACHINE] },
    },
  },
  endedRunRule({
    id: 'ReconcileCodeAnalysis',
    description:
      'Fails a code analysis whose execution ended (failed, timed out, stopped) without its Finish or Fail task',
    machine: CODE_ANALYSIS_MACHINE,
    handler: 'functions/analyses/reconcile-analysis.ts',
  }),
  // search (issue 11)
  {
    id: 'ForwardToSearchIndex',
    description:
      "Puts each change of a searchable resource in its project's group of the search index's FIFO queue (EventBridge cannot give a FIFO target a per-event message group)",
    eventPattern: { source: [{ prefix: 'trellis.' }], 'detail-type': [...INDEXED_EVENT_TYPES] },
    target: { handler: 'functions/search/forward-to-index.ts', access: { searchIndexQueue: 'send' } },
  },
];
