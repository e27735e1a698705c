import { healthWindow, judgeProbe } from '#shared/deployments/health-rules';
import { type DeploymentRunInput, environmentOf, loadActiveDeployment } from '#shared/deployments/lifecycle';
import { targetVersion } from '#shared/deployments/rollback-rules';
import { outboundClient } from '#shared/http/outbound';

// Health checks after a deploy (and after a rollback): a window of consecutive healthy
// answers, each optionally naming the version that must be running. The state machine
// loops CheckHealth with the check's interval until the window is full or the probes run out.

export interface HealthInput extends DeploymentRunInput {
  attempt?: number;
  /** Healthy answers in a row so far. */
  successes?: number;
  /** After a rollback the previous version must be the one running. */
  rollback?: boolean;
}

export interface HealthResult {
  healthy: boolean;
  attempt: number;
  successes: number;
  attemptsLeft: boolean;
  intervalSeconds: number;
  detail: string;
}

/** One health probe of the environment (healthy when there is nothing to probe). */
export async function checkHealth(input: HealthInput): Promise<HealthResult> {
  const deployment = await loadActiveDeployment(input);
  const environment = await environmentOf(deployment);
  const attempt = (input.attempt ?? 0) + 1;
  const check = environment.healthCheck;
  if (!check || !environment.url) {
    return { healthy: true, attempt, successes: 1, attemptsLeft: false, intervalSeconds: 1, detail: 'no health check' };
  }
  const expectedVersion = targetVersion(deployment, input.rollback ?? false);
  let probe: { ok: boolean; detail: string };
  try {
    const url = new URL(check.path, environment.url);
    // Defence in depth for paths stored before they were validated as paths.
    if (url.origin !== new URL(environment.url).origin) throw new Error('the path leaves the environment host');
    const response = await outboundClient.request(url.toString(), { method: 'GET', timeoutMs: check.timeoutMs });
    probe = judgeProbe(
      check,
      { status: response.status, headers: response.headers, body: response.body.toString('utf8') },
      expectedVersion,
    );
  } catch (error) {
    probe = { ok: false, detail: `GET ${check.path} failed: ${(error as Error).message}` };
  }
  return { ...healthWindow(check, attempt, input.successes ?? 0, probe.ok), attempt, detail: probe.detail };
}
