import { setTimeout as delay } from 'node:timers/promises';
import {
  DescribeExecutionCommand,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { type DeploymentStatus, TERMINAL_STATUSES } from '#shared/schemas/deployments';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-env.ts';
import { BenchApiClient } from './api-client.ts';
import { startStackWorker } from './stack-worker.ts';
import { type Summary, summarize } from './stats.ts';

/** Target: state transitions (states entered) per successful run of the 3-stage pipeline. */
export const TRANSITIONS_TARGET = 25;

/** The Standard-workflow price the cost is computed with. */
export const STANDARD_PRICE = {
  usdPer1000Transitions: 0.025,
  region: 'us-east-1',
  checkedOn: '2026-11-21',
  source: 'https://aws.amazon.com/step-functions/pricing/',
} as const;

/** The state machine that runs deployments (statemachines/deployment-pipeline.asl.json). */
const DEPLOYMENT_PIPELINE = 'DeploymentPipeline';
/** Pause after each parked run is cancelled, so its events are delivered before the next POST. */
const PAUSE_BETWEEN_RUNS_MS = 100;

export interface DeploymentRunOptions {
  /** Measured POST → running runs, after `warmupRuns` unmeasured ones. */
  runs: number;
  warmupRuns: number;
  /** Pause between a status GET's answer and the next GET. */
  pollIntervalMs: number;
  /** How long any one wait (for a status, for the execution to close) may last. */
  timeoutMs: number;
}

export interface ExecutionCount {
  deploymentId: string;
  executionArn: string;
  /** The execution's status when its history was read (SUCCEEDED, ABORTED, …). */
  status: string;
  /** Events whose type ends with `StateEntered`: one billed transition each. */
  stateEntered: number;
  /** The names of the states entered, in order. */
  statesEntered: string[];
  /** Task attempts beyond the first of each state entered (AWS bills each retry as a transition). */
  retries: number;
  historyEvents: number;
}

/** One parked run: POST /deployments until the deployment left `queued`. */
export interface StartSample {
  deploymentId: string;
  /** POST sent → 202 received, ms. */
  acceptedMs: number;
  /** POST sent → the answer of the first GET showing `running` or a later status, ms. */
  observedMs: number;
  /** Server clock: the deployment's `startedAt − createdAt`, ms. */
  serverMs: number;
  /** The first status other than `queued` the GETs saw. */
  firstStatus: string;
  polls: number;
}

export interface LatencyFigure extends Summary {
  max: number;
}

export interface DeploymentRunResult {
  stackStartupMs: number;
  /** The successful run of webhook → approval → deploy (+ health check). */
  threeStage: {
    execution: ExecutionCount;
    stages: Array<{ name: string; type: string; status: string }>;
    /** Who approved: the creator (allowed, `preventSelfApproval: false`), or a maintainer if refused. */
    approvedBy: 'creator' | 'maintainer';
    acceptedMs: number;
    /** POST sent → first GET showing `waiting_for_approval`, ms (handler modules still cold). */
    toWaitingForApprovalMs: number;
    /** Approval POST sent → first GET showing `succeeded`, ms. */
    approvalToSucceededMs: number;
  };
  /** The last measured parked run, read right after its cancel (not waited for). */
  cancelledRun: ExecutionCount;
  /** Parked runs (warm-up included) whose execution is still RUNNING once all were cancelled. */
  cancelledStillRunning: number;
  /** Requests the loopback server received, by `METHOD /path`. */
  loopbackHits: Record<string, number>;
  start: {
    runs: number;
    warmupRuns: number;
    pollIntervalMs: number;
    pauseBetweenRunsMs: number;
    accepted: LatencyFigure;
    observed: LatencyFigure;
    server: LatencyFigure;
    /** Every status GET of the measured runs: the resolution of `observed`. */
    getRoundTrip: LatencyFigure;
    firstStatuses: Record<string, number>;
    samples: StartSample[];
    warmup: StartSample[];
  };
  price: typeof STANDARD_PRICE;
}

/**
 * Runs the real deployment state machine on the local stack, which runs in a worker process
 * (deployment-run.worker.ts) while this process is the API client, so the fast polling
 * shares no event loop with the gateway, the handlers and the Step Functions engine. Through
 * the API: a successful 3-stage run (webhook, approval, deploy with a health check) whose
 * execution history is read with the SDK's SFN client to count state transitions; then
 * parked runs against a single-approval pipeline, timed from the POST to `running`, each
 * cancelled afterwards. The worker (stack and loopback server) is always stopped.
 */
export async function measureDeploymentPipeline(options: DeploymentRunOptions): Promise<DeploymentRunResult> {
  const worker = await startStackWorker();
  try {
    const { ready } = worker;
    const api = new Api(ready.apiUrl, options);
    const team = await seed(api, ready.loopbackUrl);
    const sfn = new SFNClient({
      endpoint: ready.stepFunctionsEndpoint,
      region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      maxAttempts: 1,
    });
    const stateMachineArn = ready.stateMachineArns[DEPLOYMENT_PIPELINE];
    if (!stateMachineArn) throw new Error(`the local stack has no ${DEPLOYMENT_PIPELINE} state machine`);

    const { deploymentId, ...run } = await runThreeStages(api, team);
    const execution = await countTransitions(sfn, stateMachineArn, deploymentId, options.timeoutMs);
    if (execution.status !== 'SUCCEEDED') {
      throw new Error(`the 3-stage run's execution ended ${execution.status}, not SUCCEEDED`);
    }

    const warmup: StartSample[] = [];
    const samples: StartSample[] = [];
    const roundTrips: number[] = [];
    for (let i = 0; i < options.warmupRuns + options.runs; i++) {
      const measured = i >= options.warmupRuns;
      const sample = await parkedRun(api, team, `2.0.${i}`, measured ? roundTrips : []);
      (measured ? samples : warmup).push(sample);
      await delay(PAUSE_BETWEEN_RUNS_MS);
    }
    const last = samples.at(-1) ?? warmup.at(-1);
    if (!last) throw new Error('no parked run was made');
    // Not waited for: the cancel should have stopped it (ABORTED); what it is now is the figure.
    const cancelledRun = await countTransitions(sfn, stateMachineArn, last.deploymentId, options.timeoutMs, false);
    const stillRunning = await executionNames(sfn, stateMachineArn, 'RUNNING');
    const parkedIds = [...warmup, ...samples].map((sample) => sample.deploymentId);
    const cancelledStillRunning = parkedIds.filter((id) => stillRunning.has(id)).length;
    sfn.destroy();

    const firstStatuses: Record<string, number> = {};
    for (const sample of samples) firstStatuses[sample.firstStatus] = (firstStatuses[sample.firstStatus] ?? 0) + 1;
    const { loopbackHits } = await worker.stop();
    return {
      stackStartupMs: ready.stackStartupMs,
      threeStage: { ...run, execution },
      cancelledRun,
      cancelledStillRunning,
      loopbackHits,
      start: {
        runs: options.runs,
        warmupRuns: options.warmupRuns,
        pollIntervalMs: options.pollIntervalMs,
        pauseBetweenRunsMs: PAUSE_BETWEEN_RUNS_MS,
        accepted: figure(samples.map((s) => s.acceptedMs)),
        observed: figure(samples.map((s) => s.observedMs)),
        server: figure(samples.map((s) => s.serverMs)),
        getRoundTrip: figure(roundTrips),
        firstStatuses,
        samples,
        warmup,
      },
      price: STANDARD_PRICE,
    };
  } finally {
    await worker.stop().catch(() => {});
  }
}

function figure(samplesMs: number[]): LatencyFigure {
  if (samplesMs.length === 0) throw new Error('no samples');
  return { ...summarize(samplesMs), max: Math.max(...samplesMs) };
}

// ——— The API client ———

/** The client plus the run's polling settings. */
class Api extends BenchApiClient {
  constructor(
    apiUrl: string,
    readonly options: DeploymentRunOptions,
  ) {
    super(apiUrl);
  }
}

interface Deployment {
  id: string;
  status: string;
  createdAt: string;
  startedAt?: string;
  failureReason?: string;
  stages: Array<{ name: string; type: string; status: string }>;
}

interface Team {
  projectId: string;
  owner: string;
  maintainer: string;
  release: { environmentId: string; pipelineId: string };
  parked: { environmentId: string; pipelineId: string };
}

const PASSWORD = 'Bench-password-1';

async function user(api: Api, email: string, name: string): Promise<{ userId: string; accessToken: string }> {
  const { id: userId } = await api.ok<{ id: string }>('POST', '/v1/auth/register', undefined, {
    email,
    password: PASSWORD,
    name,
  });
  const { accessToken } = await api.ok<{ accessToken: string }>('POST', '/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
  });
  return { userId, accessToken };
}

/**
 * Two users (the owner creates and, preventSelfApproval being off, approves; a maintainer
 * approves if the API refuses), a project, and two environments on the loopback server: one
 * with the 3-stage pipeline, one with a pipeline of a single approval stage.
 */
async function seed(api: Api, loopbackUrl: string): Promise<Team> {
  const owner = await user(api, 'deploy-owner@example.com', 'Deploy Owner');
  const maintainer = await user(api, 'deploy-maintainer@example.com', 'Deploy Maintainer');
  const { id: projectId } = await api.ok<{ id: string }>('POST', '/v1/projects', owner.accessToken, {
    name: 'Deployment benchmark',
    key: 'DEPLOY',
  });
  // Members join by invitation: the owner invites the maintainer's email, the maintainer accepts.
  const invitation = await api.ok<{ id: string }>('POST', `/v1/projects/${projectId}/invitations`, owner.accessToken, {
    email: 'deploy-maintainer@example.com',
    role: 'maintainer',
  });
  await api.ok('POST', `/v1/me/invitations/${invitation.id}/accept`, maintainer.accessToken);
  const environment = async (name: string) => {
    const created = await api.ok<{ id: string }>('POST', `/v1/projects/${projectId}/environments`, owner.accessToken, {
      name,
      url: loopbackUrl,
      healthCheck: { path: '/health', attempts: 2, intervalSeconds: 1 },
      deployTarget: { type: 'webhook', url: `${loopbackUrl}/deploy` },
      protection: { approverRoles: ['owner', 'maintainer'], preventSelfApproval: false },
    });
    return created.id;
  };
  const pipeline = async (name: string, stages: unknown[]) => {
    const created = await api.ok<{ id: string }>('POST', `/v1/projects/${projectId}/pipelines`, owner.accessToken, {
      name,
      stages,
    });
    return created.id;
  };
  return {
    projectId,
    owner: owner.accessToken,
    maintainer: maintainer.accessToken,
    release: {
      environmentId: await environment('release'),
      pipelineId: await pipeline('Build, sign-off, release', [
        { type: 'webhook', name: 'build', url: `${loopbackUrl}/ci` },
        { type: 'approval', name: 'sign-off' },
        { type: 'deploy', name: 'release' },
      ]),
    },
    parked: {
      environmentId: await environment('parked'),
      pipelineId: await pipeline('Sign-off only', [{ type: 'approval', name: 'sign-off' }]),
    },
  };
}

/** Polls the deployment until `done` says so; a terminal status that is not awaited ends the benchmark. */
async function pollUntil(
  api: Api,
  team: Team,
  deploymentId: string,
  done: (status: string) => boolean,
  roundTrips: number[] = [],
): Promise<{ deployment: Deployment; answeredAt: number; polls: number }> {
  const started = performance.now();
  for (let polls = 1; ; polls++) {
    const sent = performance.now();
    const deployment = await api.ok<Deployment>(
      'GET',
      `/v1/projects/${team.projectId}/deployments/${deploymentId}`,
      team.owner,
    );
    const answeredAt = performance.now();
    roundTrips.push(answeredAt - sent);
    if (done(deployment.status)) return { deployment, answeredAt, polls };
    if (TERMINAL_STATUSES.has(deployment.status as DeploymentStatus)) {
      throw new Error(
        `deployment ${deploymentId} ended ${deployment.status}${deployment.failureReason ? `: ${deployment.failureReason}` : ''}`,
      );
    }
    if (answeredAt - started > api.options.timeoutMs) {
      throw new Error(`deployment ${deploymentId} still ${deployment.status} after ${api.options.timeoutMs} ms`);
    }
    await delay(api.options.pollIntervalMs);
  }
}

type ThreeStageRun = Omit<DeploymentRunResult['threeStage'], 'execution'> & { deploymentId: string };

async function runThreeStages(api: Api, team: Team): Promise<ThreeStageRun> {
  const started = performance.now();
  const { id } = await api.ok<{ id: string }>('POST', `/v1/projects/${team.projectId}/deployments`, team.owner, {
    pipelineId: team.release.pipelineId,
    environmentId: team.release.environmentId,
    version: '1.0.0',
  });
  const acceptedMs = performance.now() - started;
  const parked = await pollUntil(api, team, id, (status) => status === 'waiting_for_approval');

  const approvalPath = `/v1/projects/${team.projectId}/deployments/${id}/approvals`;
  const approvalSent = performance.now();
  let approvedBy: 'creator' | 'maintainer' = 'creator';
  const byCreator = await api.request('POST', approvalPath, team.owner, { decision: 'approve' });
  if (byCreator.status === 403) {
    approvedBy = 'maintainer';
    await api.ok('POST', approvalPath, team.maintainer, { decision: 'approve' });
  } else if (byCreator.status !== 200) {
    throw new Error(`POST ${approvalPath} answered ${byCreator.status}: ${byCreator.text.slice(0, 500)}`);
  }
  const finished = await pollUntil(api, team, id, (status) => status === 'succeeded');
  return {
    deploymentId: id,
    stages: finished.deployment.stages.map(({ name, type, status }) => ({ name, type, status })),
    approvedBy,
    acceptedMs,
    toWaitingForApprovalMs: parked.answeredAt - started,
    approvalToSucceededMs: finished.answeredAt - approvalSent,
  };
}

/**
 * One deployment against the single-approval pipeline: POST, then GETs every
 * `pollIntervalMs` until it left `queued`; then it is left to park at its approval and
 * cancelled, which releases the environment for the next run.
 */
async function parkedRun(api: Api, team: Team, version: string, roundTrips: number[]): Promise<StartSample> {
  const started = performance.now();
  const { id } = await api.ok<{ id: string }>('POST', `/v1/projects/${team.projectId}/deployments`, team.owner, {
    pipelineId: team.parked.pipelineId,
    environmentId: team.parked.environmentId,
    version,
  });
  const acceptedMs = performance.now() - started;
  const left = await pollUntil(api, team, id, (status) => status !== 'queued', roundTrips);
  const { deployment } = left;
  if (!deployment.startedAt) throw new Error(`deployment ${id} is ${deployment.status} without a startedAt`);
  const sample: StartSample = {
    deploymentId: id,
    acceptedMs,
    observedMs: left.answeredAt - started,
    serverMs: Date.parse(deployment.startedAt) - Date.parse(deployment.createdAt),
    firstStatus: deployment.status,
    polls: left.polls,
  };
  await pollUntil(api, team, id, (status) => status === 'waiting_for_approval');
  const cancelled = await api.ok<Deployment>(
    'POST',
    `/v1/projects/${team.projectId}/deployments/${id}/cancel`,
    team.owner,
    { reason: 'benchmark run' },
  );
  if (cancelled.status !== 'cancelled') throw new Error(`deployment ${id} is ${cancelled.status} after its cancel`);
  return sample;
}

// ——— The execution history ———

/** Polls until `read` returns a value, or fails after `timeoutMs`. */
async function eventually<T>(what: string, timeoutMs: number, read: () => Promise<T | undefined>): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await delay(20);
  }
}

/** The executions of the state machine (all pages), by name, with their ARN; optionally of one status. */
async function executionNames(
  sfn: SFNClient,
  stateMachineArn: string,
  statusFilter?: ExecutionStatus,
): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter, nextToken }));
    for (const execution of page.executions ?? []) {
      if (execution.name && execution.executionArn) byName.set(execution.name, execution.executionArn);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return byName;
}

/** The deployment's execution (named after it) from ListExecutions, once it has closed if `waitForClose`. */
async function findExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  deploymentId: string,
  timeoutMs: number,
  waitForClose: boolean,
): Promise<{ executionArn: string; status: string }> {
  const executionArn = await eventually(`no execution named ${deploymentId}`, timeoutMs, async () =>
    (await executionNames(sfn, stateMachineArn)).get(deploymentId),
  );
  // The API shows the outcome when the Finish task recorded it, before the final state is entered.
  const status = await eventually(`execution ${executionArn} still RUNNING`, timeoutMs, async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' && waitForClose ? undefined : described.status;
  });
  return { executionArn, status: status ?? 'UNKNOWN' };
}

/** Counts state transitions the way AWS bills a Standard workflow: one per state entered. */
async function countTransitions(
  sfn: SFNClient,
  stateMachineArn: string,
  deploymentId: string,
  timeoutMs: number,
  waitForClose = true,
): Promise<ExecutionCount> {
  const { executionArn, status } = await findExecution(sfn, stateMachineArn, deploymentId, timeoutMs, waitForClose);
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData: false }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const entered = events.filter((event) => event.type?.endsWith('StateEntered'));
  const typed = (type: string) => events.filter((event) => event.type === type).length;
  const attempts = typed('TaskScheduled') + typed('LambdaFunctionScheduled');
  return {
    deploymentId,
    executionArn,
    status,
    stateEntered: entered.length,
    statesEntered: entered.map((event) => event.stateEnteredEventDetails?.name ?? '?'),
    retries: Math.max(0, attempts - typed('TaskStateEntered')),
    historyEvents: events.length,
  };
}
