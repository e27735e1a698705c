import { SYNTAX_PACKAGE_FILES } from '#shared/analysis/syntax/grammars';
import type { RouteAccess } from '#shared/api/route-definition';

/** A Lambda task of a state machine: the handler and what it may touch. */
export interface WorkflowTask {
  handler: string;
  access: RouteAccess;
  /** The Lambda's timeout (CDK and the local runtime alike); default the workflow default, 60 s. */
  timeoutSeconds?: number;
  /** The Lambda's memory (and with it its CPU share); default 1024 MB. */
  memoryMb?: number;
  /** Package files the task reads at run time (grammar .wasm files), carried in its bundle like a route's. */
  packageFiles?: readonly string[];
}

/**
 * A Step Functions state machine: its ASL file (JSONPath) and the `${Name}` substitutions
 * it needs. Task substitutions become Lambda ARNs (CDK creates one Lambda per task; local
 * mode maps the same names to the handlers in-process); resource substitutions become the
 * table name, bus name and the like.
 */
export interface StateMachineDefinition {
  /** PascalCase id; names the state machine and its Lambdas. */
  id: string;
  /** Relative to the repository root, e.g. `statemachines/deployment-pipeline.asl.json`. */
  definitionFile: string;
  /** `${Name}` → Lambda task. */
  tasks: Record<string, WorkflowTask>;
  /** `${Name}` → platform resource the definition references directly (SDK integrations). */
  resources?: Record<string, 'tableName' | 'eventBusName' | 'artifactsBucket'>;
  /** `${Name}` → another state machine of this list (for startExecution.sync). */
  stateMachines?: Record<string, string>;
}

/** The state machine that runs deployments (statemachines/deployment-pipeline.asl.json). */
export const DEPLOYMENT_PIPELINE = 'DeploymentPipeline';

/** The state machine that executes test runs (statemachines/test-run.asl.json). */
export const TEST_RUN_MACHINE = 'TestRun';

/** The state machine that analyses a code snapshot (statemachines/code-analysis.asl.json). */
export const CODE_ANALYSIS_MACHINE = 'CodeAnalysis';

/**
 * Every state machine of the platform. The CDK workflows construct deploys each one; the
 * local Step Functions endpoint runs the same files with the same substitutions.
 */
export const STATE_MACHINES: readonly StateMachineDefinition[] = [
  {
    id: DEPLOYMENT_PIPELINE,
    definitionFile: 'statemachines/deployment-pipeline.asl.json',
    tasks: {
      BeginRunFunction: pipelineTask('begin-run', { table: 'readWrite', events: true }),
      NextStageFunction: pipelineTask('next-stage', { table: 'readWrite', events: true }),
      RunWebhookFunction: pipelineTask('run-webhook', { table: 'readWrite', events: true, secrets: ['decrypt'] }),
      WaitForCallbackFunction: pipelineTask('wait-for-callback', {
        table: 'readWrite',
        events: true,
        publicApiUrl: true,
        secrets: ['decrypt'],
      }),
      RequestApprovalFunction: pipelineTask('request-approval', { table: 'readWrite', events: true }),
      // A deploy target with waitForCallback gets a callbackUrl, like a webhook stage.
      DeployVersionFunction: pipelineTask('deploy-version', {
        table: 'readWrite',
        events: true,
        publicApiUrl: true,
        secrets: ['decrypt'],
      }),
      CheckHealthFunction: pipelineTask('check-health', { table: 'read', events: true }),
      StartTestRunFunction: pipelineTask('start-test-run', { table: 'readWrite', events: true }),
      CheckTestGateFunction: pipelineTask('check-test-gate', { table: 'readWrite', events: true }),
      // Reads the analyses of the deployment's version (same table, GSI2) and records the verdict on the stage.
      CheckQualityGateFunction: pipelineTask('check-quality-gate', { table: 'readWrite', events: true }),
      // Finishing releases the lock and starts the next queued run of this same machine.
      FinishFunction: pipelineTask('finish', {
        table: 'readWrite',
        events: true,
        stateMachines: [DEPLOYMENT_PIPELINE],
      }),
    },
    // A `test` stage runs the TestRun machine as a child execution (startExecution.sync:2).
    stateMachines: { TestRunStateMachine: TEST_RUN_MACHINE },
  },
  {
    // prepare → Map over the cases (bounded) → execute by type → summarize; any breakage → FailRun.
    id: TEST_RUN_MACHINE,
    definitionFile: 'statemachines/test-run.asl.json',
    tasks: {
      PrepareRunFunction: testRunTask('prepare-run', { table: 'readWrite', events: true }, { timeoutSeconds: 120 }),
      // A scenario of many steps, each retried, against a slow target; the case is errored before this runs out.
      ExecuteCaseFunction: testRunTask('execute-case', { table: 'readWrite' }, { timeoutSeconds: 300 }),
      PlanLoadFunction: testRunTask('plan-load', { table: 'readWrite' }),
      // Up to 300 s of load plus the last requests' timeout; a full vCPU (1769 MB) generates it.
      RunLoadShareFunction: testRunTask('run-load-share', { table: 'read' }, { timeoutSeconds: 360, memoryMb: 1769 }),
      MergeLoadFunction: testRunTask('merge-load', { table: 'readWrite' }),
      SummarizeRunFunction: testRunTask('summarize-run', { table: 'readWrite', events: true }, { timeoutSeconds: 120 }),
      FailRunFunction: testRunTask('fail-run', { table: 'readWrite', events: true }),
    },
  },
  {
    // begin → inventory (snapshot read once, batches to S3) → Map over batches (bounded) → merge → gate → finish; any breakage → FailAnalysis.
    id: CODE_ANALYSIS_MACHINE,
    definitionFile: 'statemachines/code-analysis.asl.json',
    tasks: {
      BeginAnalysisFunction: analysisTask('begin-analysis', { table: 'readWrite', events: true }),
      // Streams an archive of up to 500 MB once from S3 and writes the batches: minutes, not seconds.
      // A git ref: its token is decrypted, the fetched commit recorded, and the pack (up to 500 MB)
      // arrives in one answer that isomorphic-git indexes in memory.
      InventoryFunction: analysisTask(
        'inventory',
        { table: 'readWrite', artifacts: 'readWrite', secrets: ['decrypt'] },
        { timeoutSeconds: 900, memoryMb: 3008 },
      ),
      // Parses with tree-sitter (WebAssembly grammars carried in the bundle); a full vCPU.
      AnalyseBatchFunction: analysisTask(
        'analyse-batch',
        { artifacts: 'readWrite' },
        { timeoutSeconds: 600, memoryMb: 1769, packageFiles: SYNTAX_PACKAGE_FILES },
      ),
      // Reads the analysis and the branch index to find the base analysis of the new-code comparison.
      MergeFunction: analysisTask(
        'merge',
        { table: 'read', artifacts: 'readWrite' },
        { timeoutSeconds: 600, memoryMb: 1769 },
      ),
      // Reads the coverage report and the project's gate; writes the coverage mapped onto the files.
      EvaluateGateFunction: analysisTask('evaluate-gate', { table: 'read', artifacts: 'readWrite' }),
      // Judges again (as EvaluateGate) when a coverage report arrived while it completed.
      FinishAnalysisFunction: analysisTask('finish-analysis', {
        table: 'readWrite',
        artifacts: 'readWrite',
        events: true,
      }),
      FailAnalysisFunction: analysisTask('fail-analysis', { table: 'readWrite', events: true }),
    },
  },
];

function analysisTask(
  name: string,
  access: RouteAccess,
  limits: Pick<WorkflowTask, 'timeoutSeconds' | 'memoryMb' | 'packageFiles'> = {},
): WorkflowTask {
  return { handler: `functions/code-analysis-tasks/${name}.ts`, access, ...limits };
}

function testRunTask(
  name: string,
  access: RouteAccess,
  limits: Pick<WorkflowTask, 'timeoutSeconds' | 'memoryMb'> = {},
): WorkflowTask {
  return { handler: `functions/test-run-tasks/${name}.ts`, access, ...limits };
}

function pipelineTask(name: string, access: RouteAccess): WorkflowTask {
  return { handler: `functions/deployment-pipeline-tasks/${name}.ts`, access };
}
