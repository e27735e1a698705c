import { type DeploymentRunResult, type ExecutionCount, TRANSITIONS_TARGET } from '../deployment-run.ts';
import type { BenchResults } from '../report.ts';
import { ms, type TargetLine, table, verdict } from './format.ts';

const usd = (value: number) => `$${value.toFixed(value < 1 ? 3 : 2)}`;
const states = (execution: ExecutionCount) => execution.statesEntered.map((name) => `\`${name}\``).join(' → ');

/** Section 5: deployment pipeline, with its line in the targets table. */
export function deploymentSection(results: BenchResults, targets: TargetLine[]): string {
  const { deployment } = results;
  const title = '## 5. Deployment pipeline';
  if (!deployment) return `${title}\n\nNot measured: ${results.failures['Deployment pipeline'] ?? 'skipped'}.`;

  const { execution } = deployment.threeStage;
  const { price } = deployment;
  const priceNote = `${usd(price.usdPer1000Transitions)} per 1,000 transitions, ${price.region}, ${price.checkedOn}`;
  targets.push({
    target: `Deployment run (webhook, approval, deploy + health check) ≤ ${TRANSITIONS_TARGET} state transitions`,
    result: `${execution.stateEntered} states entered, ${execution.retries} retries: ${usd(costPer1000Runs(deployment))} per 1,000 runs (${priceNote})`,
    pass: execution.stateEntered <= TRANSITIONS_TARGET,
  });
  return [
    title,
    '',
    'Method: a worker process runs `startLocalStack` on a temporary data folder (handlers at log level WARN, ready in',
    `${(deployment.stackStartupMs / 1000).toFixed(1)} s) and a loopback HTTP server on 127.0.0.1 standing in for the CI system (\`/ci\`), the deploy`,
    'target (`/deploy`) and the environment (`/health`), all answered 200. The bench process is the API client, so its',
    'polling shares no event loop with the gateway, the handlers or the local Step Functions engine. Through the API:',
    'two users registered and logged in (the second a maintainer), a project, and two environments on the loopback server',
    '(health check `/health`, 2 attempts 1 s apart; webhook deploy target `/deploy`; approvers owner and maintainer,',
    'self-approval allowed).',
    '',
    transitionsPart(deployment),
    '',
    startLatencyPart(deployment),
  ].join('\n');
}

/** AWS bills a Standard workflow a transition per state entered and per retry. */
function billedTransitions(execution: ExecutionCount): number {
  return execution.stateEntered + execution.retries;
}

/** 1,000 runs of `transitions` each are `transitions` thousand transitions. */
function costPer1000Runs({ threeStage, price }: DeploymentRunResult): number {
  return billedTransitions(threeStage.execution) * price.usdPer1000Transitions;
}

/** The transitions of one 3-stage run, its cost, and what a cancel leaves running. */
function transitionsPart(deployment: DeploymentRunResult): string {
  const { threeStage, cancelledRun, start, price } = deployment;
  const { execution } = threeStage;
  const billed = billedTransitions(execution);
  const pass = execution.stateEntered <= TRANSITIONS_TARGET;
  const hits = Object.entries(deployment.loopbackHits)
    .map(([request, count]) => `\`${request}\` ×${count}`)
    .join(', ');
  const transitionRows = [
    [
      'States entered (`…StateEntered` events)',
      String(execution.stateEntered),
      `≤ ${TRANSITIONS_TARGET}`,
      verdict(pass),
    ],
    ['Retries (task attempts beyond the first; billed too)', String(execution.retries), '', ''],
    ['Billed transitions per run', String(billed), '', ''],
    [
      `Cost per 1,000 runs at ${usd(price.usdPer1000Transitions)} per 1,000 transitions`,
      usd(costPer1000Runs(deployment)),
      '',
      '',
    ],
    ['Execution status / history events', `${execution.status} / ${execution.historyEvents}`, '', ''],
    ['Requests the loopback server received', hits || 'none', '', ''],
  ];

  const parked = start.warmupRuns + start.runs;
  const cancelNote =
    cancelledRun.status === 'RUNNING' || deployment.cancelledStillRunning > 0
      ? [
          `**${deployment.cancelledStillRunning} of ${parked} cancelled runs still had a RUNNING execution** once all were`,
          'cancelled (expected ABORTED: a cancel stops the execution when the deployment has its execution ARN). Per the state',
          'machine, such an execution waits at `WaitForApproval` until the approval timeout, then enters `RecordFailure` and',
          '`Failed`: 2 more transitions and a failed execution.',
        ].join('\n')
      : `All ${parked} cancelled runs' executions were stopped (${cancelledRun.status}).`;
  return [
    '### State transitions per successful 3-stage run',
    '',
    'One deployment of the pipeline webhook `build` → approval `sign-off` → deploy `release` runs the real state machine',
    '(statemachines/deployment-pipeline.asl.json) on the local Step Functions endpoint: it is polled until',
    `\`waiting_for_approval\`, approved by its ${threeStage.approvedBy}, and polled until \`succeeded\`. Its execution (found with`,
    '`ListExecutions` on the DeploymentPipeline state machine: it is named after the deployment) is read once closed with',
    '`GetExecutionHistory` through `@aws-sdk/client-sfn`, and the events whose type ends in `StateEntered` are counted:',
    'AWS bills a Standard workflow one state transition per state entered, and one more per retry. Unlike the sections',
    'above, this figure does not depend on the machine. The cost uses the Standard price of',
    `${usd(price.usdPer1000Transitions)} per 1,000 state transitions (${price.region}, ${price.source}, checked ${price.checkedOn}), before the`,
    'free tier of 4,000 transitions a month; the Lambda, DynamoDB and EventBridge calls of a run are not included.',
    '',
    table(['Figure', 'Result', 'Target', 'Verdict'], transitionRows, [1]),
    '',
    `States entered, in order: ${states(execution)}.`,
    '',
    `Local timings of this run, the first one (its handler modules load on first use): POST → 202 in ${ms(threeStage.acceptedMs)} ms,`,
    `\`waiting_for_approval\` seen ${ms(threeStage.toWaitingForApprovalMs)} ms after the POST, \`succeeded\` seen ${ms(threeStage.approvalToSucceededMs)} ms after the approval`,
    'was sent.',
    '',
    `A run cancelled while parked at its approval (the last run below), read right after its cancel: ${cancelledRun.stateEntered}`,
    `states entered (${states(cancelledRun)}), execution ${cancelledRun.status}.`,
    cancelNote,
  ].join('\n');
}

/** How long a deployment takes from POST to `running`, at the client and on the server clock. */
function startLatencyPart({ start }: DeploymentRunResult): string {
  const row = (label: string, figure: DeploymentRunResult['start']['accepted']) => [
    label,
    String(figure.n),
    ms(figure.p50),
    ms(figure.p90),
    ms(figure.max),
    ms(figure.mean),
  ];
  const firstGetRunning = start.samples.filter((sample) => sample.polls === 1).length;
  const firstStatuses = Object.entries(start.firstStatuses)
    .map(([status, count]) => `\`${status}\` ×${count}`)
    .join(', ');
  return [
    '### Local time from POST to `running`',
    '',
    `${start.runs} runs, after ${start.warmupRuns} unmeasured warm-up runs, of a pipeline with a single approval stage against the second`,
    'environment, one at a time: POST /deployments, then GET /deployments/{id} until the status is no longer `queued`,',
    `${start.pollIntervalMs} ms between a GET's answer and the next GET; then the run is left to park at its approval, cancelled`,
    `(POST …/cancel, which frees the environment), and followed by a ${start.pauseBetweenRunsMs} ms pause. "Client" runs from sending the`,
    'POST to the answer of the first GET showing `running` or a later status, so it includes one GET round trip (shown as',
    'reference); "server clock" is the deployment\'s `startedAt − createdAt` (set by CreateDeployment and by the BeginRun',
    `task), without the gateway or the polling. In ${firstGetRunning} of ${start.runs} runs the first GET after the 202 already showed`,
    `the run started; first status other than \`queued\` seen: ${firstStatuses}. No target is set for these; they are this`,
    "machine's figures (the emulators, the stack and the client share its cores).",
    '',
    table(
      ['Interval', 'n', 'p50 ms', 'p90 ms', 'max ms', 'mean ms'],
      [
        row('POST → 202', start.accepted),
        row('POST → `running` or later, client', start.observed),
        row('CreateDeployment → `running`, server clock', start.server),
        row('one status GET round trip (reference)', start.getRoundTrip),
      ],
      [1, 2, 3, 4, 5],
    ),
  ].join('\n');
}
