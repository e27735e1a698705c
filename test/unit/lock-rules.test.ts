import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterQueued, lockedRefusal, nextInQueue, queuesWhenBusy } from '#shared/deployments/lock-rules';
import { formatText } from '#shared/i18n/catalogue';
import { DEFAULT_MAX_QUEUED } from '#shared/schemas/environments';

describe('a deployment that finds the environment locked', () => {
  it('is refused as ENVIRONMENT_BUSY under concurrency: reject, however short the queue', () => {
    // Prepare
    const policy = { concurrency: 'reject' as const, maxQueued: 5 };

    // Act
    const refusal = lockedRefusal(policy, 0);

    // Assess
    expect(queuesWhenBusy(policy)).toBe(false);
    expect(refusal && { code: refusal.code, detail: formatText(refusal.detail, 'en') }).toEqual({
      code: 'ENVIRONMENT_BUSY',
      detail: 'Another deployment is running against this environment.',
    });
  });

  it('joins the queue under concurrency: queue while fewer than maxQueued wait', () => {
    // Prepare
    const policy = { concurrency: 'queue' as const, maxQueued: 3 };

    // Act and assess
    expect(queuesWhenBusy(policy)).toBe(true);
    expect(lockedRefusal(policy, 0)).toBeNull();
    expect(lockedRefusal(policy, 2)).toBeNull();
  });

  it('is refused as DEPLOYMENT_QUEUE_FULL once maxQueued already wait, naming the cap', () => {
    // Prepare
    const policy = { concurrency: 'queue' as const, maxQueued: 3 };

    // Act
    const refusal = lockedRefusal(policy, 3);

    // Assess
    expect(refusal?.code).toBe('DEPLOYMENT_QUEUE_FULL');
    expect(refusal?.detail && formatText(refusal.detail, 'en')).toMatch(
      /^3 deployments already wait for this environment/,
    );
  });

  it('applies the default cap to an environment stored before maxQueued existed', () => {
    // Prepare
    const policy = { concurrency: 'queue' as const };

    // Act and assess
    expect(lockedRefusal(policy, DEFAULT_MAX_QUEUED - 1)).toBeNull();
    expect(lockedRefusal(policy, DEFAULT_MAX_QUEUED)?.code).toBe('DEPLOYMENT_QUEUE_FULL');
  });

  it('never lets more than maxQueued deployments wait, whatever arrives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.nat({ max: 300 }), (maxQueued, arrivals) => {
        // Prepare: every arrival finds the environment locked.
        const policy = { concurrency: 'queue' as const, maxQueued };
        let queued = 0;

        // Act
        for (let arrival = 0; arrival < arrivals; arrival++) if (!lockedRefusal(policy, queued)) queued++;

        // Assess
        expect(queued).toBe(Math.min(arrivals, maxQueued));
      }),
    );
  });
});

describe('a deployment just queued', () => {
  it('starts when it took the lock with its insert', () => {
    expect(afterQueued('01dep', '01dep')).toBe('start');
  });

  it('takes the lock itself when the holder finished meanwhile (nobody else would start it)', () => {
    expect(afterQueued(undefined, '01dep')).toBe('take');
  });

  it('waits while another deployment holds the lock', () => {
    expect(afterQueued('01other', '01dep')).toBe('wait');
  });
});

describe('the next deployment of an environment', () => {
  it('is the oldest queued one; running and finished ones are passed over', () => {
    // Prepare
    const deployments = [
      { id: '01j0000003', status: 'queued' },
      { id: '01j0000001', status: 'succeeded' },
      { id: '01j0000002', status: 'queued' },
      { id: '01j0000000', status: 'running' },
    ];

    // Act
    const next = nextInQueue(deployments);

    // Assess
    expect(next?.id).toBe('01j0000002');
  });

  it('is nobody when none is queued', () => {
    expect(nextInQueue([{ id: '01j0000001', status: 'cancelled' }])).toBeUndefined();
    expect(nextInQueue([])).toBeUndefined();
  });

  it('is always queued and never younger than another queued one (first come, first served)', () => {
    const deployment = fc.record({
      id: fc.stringMatching(/^01[0-9a-z]{8}$/),
      status: fc.constantFrom('queued', 'running', 'succeeded', 'failed', 'cancelled'),
    });
    fc.assert(
      fc.property(fc.array(deployment, { maxLength: 30 }), (deployments) => {
        // Act
        const next = nextInQueue(deployments);

        // Assess
        const queued = deployments.filter((candidate) => candidate.status === 'queued');
        expect(next === undefined).toBe(queued.length === 0);
        for (const other of queued) expect(next?.status === 'queued' && next.id <= other.id).toBe(true);
      }),
    );
  });
});
