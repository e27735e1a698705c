import { readFileSync } from 'node:fs';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endedStages, isStageDone, movesCurrentVersion, type Outcome } from '#shared/deployments/outcome-rules';
import { previousVersionAtStart, restoredVersion, rollsBack, targetVersion } from '#shared/deployments/rollback-rules';
import type { DeploymentStage } from '#shared/schemas/deployments';
import { STAGE_STATUSES } from '#shared/schemas/deployments';

const NOW = '2026-01-01T00:00:00.000Z';
const OUTCOMES: Outcome[] = ['succeeded', 'failed', 'rolled_back', 'cancelled'];
const stage = (name: string, status: DeploymentStage['status']): DeploymentStage => ({
  name,
  type: 'webhook',
  status,
  attempts: 1,
});

describe('movesCurrentVersion', () => {
  it("moves the environment's currentVersion only when the deployment succeeded", () => {
    expect(movesCurrentVersion('succeeded')).toBe(true);
    expect(movesCurrentVersion('failed')).toBe(false);
    expect(movesCurrentVersion('rolled_back')).toBe(false);
    expect(movesCurrentVersion('cancelled')).toBe(false);
  });
});

describe('endedStages', () => {
  it('skips pending stages, keeps finished ones and gives the stage in flight the outcome and reason', () => {
    // Prepare
    const stages = [stage('build', 'succeeded'), stage('deploy', 'running'), stage('smoke', 'pending')];

    // Act
    const ended = endedStages(stages, 'rolled_back', 'unhealthy', NOW);

    // Assess
    expect(ended).toEqual([
      stage('build', 'succeeded'),
      { ...stage('deploy', 'rolled_back'), endedAt: NOW, failureReason: 'unhealthy' },
      stage('smoke', 'skipped'),
    ]);
  });

  it('gives a stage that succeeded with the deployment no failure reason', () => {
    const [approved] = endedStages([stage('sign-off', 'running')], 'succeeded', 'approved', NOW);
    expect(approved).toEqual({ ...stage('sign-off', 'succeeded'), endedAt: NOW });
  });

  it('leaves no stage unfinished, and never changes one that was', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...STAGE_STATUSES), { maxLength: 8 }),
        fc.constantFrom(...OUTCOMES),
        (statuses, outcome) => {
          // Prepare
          const stages = statuses.map((status, index) => stage(`s${index}`, status));

          // Act
          const ended = endedStages(stages, outcome, 'why', NOW);

          // Assess
          ended.forEach((after, index) => {
            expect(isStageDone(after.status)).toBe(true);
            if (isStageDone(stages[index]!.status)) expect(after).toBe(stages[index]);
          });
        },
      ),
    );
  });
});

describe('targetVersion', () => {
  const deployment = { version: '1.4.0', previousVersion: '1.3.2' };

  it('deploys (and expects running) the new version, and the previous one on rollback', () => {
    expect(targetVersion(deployment, false)).toBe('1.4.0');
    expect(targetVersion(deployment, true)).toBe('1.3.2');
  });

  it('has nothing to roll back to on a first deployment', () => {
    expect(targetVersion({ version: '1.0.0', previousVersion: null }, true)).toBeNull();
  });
});

describe('previousVersionAtStart and restoredVersion', () => {
  it('restores what the environment runs when the run begins, or what the deployer reported', () => {
    const deployment = { version: '2', previousVersion: previousVersionAtStart({ currentVersion: '1' }) };
    expect(restoredVersion(deployment)).toBe('1');
    expect(restoredVersion(deployment, '0.9')).toBe('0.9');
    expect(restoredVersion({ version: '1', previousVersion: previousVersionAtStart({ currentVersion: null }) })).toBe(
      '',
    );
  });
});

describe('rollsBack, and the state machine that decides it', () => {
  const pipeline = JSON.parse(
    readFileSync(new URL('../../statemachines/deployment-pipeline.asl.json', import.meta.url), 'utf8'),
  ) as {
    States: Record<string, { Choices: { Next: string }[]; Default: string }>;
  };

  /** Runs the machine's CanRollBack choice alone: which state a failure goes to. */
  async function canRollBackState(state: Record<string, unknown>): Promise<string> {
    const choice = pipeline.States.CanRollBack!;
    const targets = [...choice.Choices.map((rule) => rule.Next), choice.Default];
    const machine = new StateMachine(
      {
        StartAt: 'CanRollBack',
        States: {
          CanRollBack: choice,
          ...Object.fromEntries(targets.map((target) => [target, { Type: 'Pass', Result: target, End: true }])),
        },
      } as unknown as StateMachineDefinition,
      { validationOptions: { noValidate: true } },
    );
    return (await machine.run(state as never).result) as string;
  }

  it('rolls back only a failure after the deploy, and only when there is a previous version', () => {
    expect(rollsBack({ afterDeploy: true, previousVersion: '1.3.2' })).toBe(true);
    expect(rollsBack({ afterDeploy: false, previousVersion: '1.3.2' })).toBe(false);
    expect(rollsBack({ afterDeploy: true, previousVersion: null })).toBe(false);
  });

  it('is the rule the CanRollBack choice applies', async () => {
    for (const afterDeploy of [true, false]) {
      for (const previousVersion of ['1.3.2', null]) {
        for (const waitForCallback of [true, false]) {
          // Prepare: the run's state when a check failed ($.deployed is set once the target was called).
          const state = {
            run: { previousVersion },
            ...(afterDeploy ? { deployed: { waitForCallback, timeoutSeconds: 60, initialDelaySeconds: 0 } } : {}),
          };

          // Act
          const next = await canRollBackState(state);

          // Assess
          const expected = rollsBack({ afterDeploy, previousVersion })
            ? waitForCallback
              ? 'RollBackAndWait'
              : 'RollBack'
            : 'RecordFailure';
          expect(next, JSON.stringify(state)).toBe(expected);
        }
      }
    }
  });
});
