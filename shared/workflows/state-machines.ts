import type { RouteAccess } from '#shared/api/route-definition';

/** A Lambda task of a state machine: the handler and what it may touch. */
export interface WorkflowTask {
  handler: string;
  access: RouteAccess;
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

/**
 * Every state machine of the platform. The CDK workflows construct deploys each one; the
 * local Step Functions endpoint runs the same files with the same substitutions.
 * (The deployment pipeline, test-run and code-analysis machines arrive with their issues.)
 */
export const STATE_MACHINES: readonly StateMachineDefinition[] = [
  {
    id: 'DeploymentPipeline',
    definitionFile: 'statemachines/deployment-pipeline.asl.json',
    tasks: {
      BeginRunFunction: pipelineTask('begin-run', { table: 'readWrite', events: true }),
      NextStageFunction: pipelineTask('next-stage', { table: 'readWrite', events: true }),
      RunWebhookFunction: pipelineTask('run-webhook', { table: 'readWrite', events: true }),
      WaitForCallbackFunction: pipelineTask('wait-for-callback', {
        table: 'readWrite',
        events: true,
        publicApiUrl: true,
      }),
      RequestApprovalFunction: pipelineTask('request-approval', { table: 'readWrite', events: true }),
      DeployVersionFunction: pipelineTask('deploy-version', { table: 'readWrite', events: true }),
      CheckHealthFunction: pipelineTask('check-health', { table: 'read', events: true }),
      // Finishing releases the lock and starts the next queued run of this same machine.
      FinishFunction: pipelineTask('finish', {
        table: 'readWrite',
        events: true,
        stateMachines: ['DeploymentPipeline'],
      }),
    },
  },
];

function pipelineTask(name: string, access: RouteAccess): WorkflowTask {
  return { handler: `functions/deployment-pipeline/${name}.ts`, access };
}
