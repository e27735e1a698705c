import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalOutcome,
  approvalRulesOf,
  approvalsGranted,
  approvedStageStatus,
  approverRefusal,
  enoughApprovals,
  gatePlacement,
  needsGate,
  refAllowed,
  unapprovable,
} from '#shared/deployments/protection';
import { formatText } from '#shared/i18n/catalogue';
import { GitRef } from '#shared/schemas/deployments';
import { Protection } from '#shared/schemas/environments';
import type { Stage } from '#shared/schemas/pipelines';

const protection = (rules: Record<string, unknown> = {}) => Protection.parse(rules);
const REVIEWER = '00000000-0000-4000-8000-000000000001';
const AUTHOR = '00000000-0000-4000-8000-000000000002';
const deployStage: Stage = { type: 'deploy', name: 'release' };
const approvalStage: Stage = { type: 'approval', name: 'sign-off' };
const webhookStage: Stage = {
  type: 'webhook',
  name: 'build',
  url: 'https://ci.example.com',
  hasSecret: false,
  waitForCallback: false,
  timeoutSeconds: 60,
};

describe('the protection gate', () => {
  it('exists when the environment asks for approvals or a wait timer', () => {
    expect(needsGate(undefined)).toBe(false);
    expect(needsGate(protection({ requiredApprovals: 0 }))).toBe(false);
    expect(needsGate(protection({ requiredApprovals: 0, waitTimerSeconds: 5 }))).toBe(true);
    expect(needsGate(protection())).toBe(true);
  });

  it('is inserted before the first deploy stage unless an approval stage comes first', () => {
    expect(gatePlacement([webhookStage, deployStage])).toEqual({ index: 1, inserted: true });
    expect(gatePlacement([webhookStage, approvalStage, deployStage])).toEqual({ index: 1, inserted: false });
    expect(gatePlacement([deployStage, approvalStage])).toEqual({ index: 0, inserted: true });
    expect(gatePlacement([webhookStage])).toEqual({ index: 0, inserted: true });
  });

  it("takes the environment's rules over a pipeline stage's, which may only ask for more", () => {
    const rules = protection({ requiredApprovals: 2, approverRoles: ['owner'], waitTimerSeconds: 30 });
    expect(approvalRulesOf({ requiredApprovals: 1, approverRoles: ['developer'] }, 'stage', rules)).toMatchObject({
      requiredApprovals: 2,
      approverRoles: ['owner'],
      stageRoles: ['developer'],
      waitSeconds: 30,
    });
    expect(approvalRulesOf({ requiredApprovals: 3 }, 'stage', rules).requiredApprovals).toBe(3);
    expect(approvalRulesOf({}, 'inserted', protection({ requiredApprovals: 0, waitTimerSeconds: 5 }))).toMatchObject({
      requiredApprovals: 0,
      waitSeconds: 5,
    });
    expect(approvalRulesOf({}, 'none', rules)).toMatchObject({ requiredApprovals: 2, waitSeconds: 0 });
  });
});

describe('approverRefusal', () => {
  const rules = approvalRulesOf(
    {},
    'inserted',
    protection({ approverRoles: ['owner'], approverUserIds: [REVIEWER, AUTHOR], preventSelfApproval: true }),
  );

  it('lets named users approve whatever their role, and the approver roles', () => {
    expect(approverRefusal(rules, { userId: REVIEWER, role: 'viewer' }, AUTHOR)).toBeNull();
    expect(approverRefusal(rules, { userId: 'someone-else', role: 'owner' }, AUTHOR)).toBeNull();
  });

  it('refuses other roles and, when prevented, the author', () => {
    expect(approverRefusal(rules, { userId: 'someone-else', role: 'maintainer' }, AUTHOR)?.code).toBe(
      'NOT_AN_APPROVER',
    );
    expect(approverRefusal(rules, { userId: AUTHOR, role: 'owner' }, AUTHOR)?.code).toBe('SELF_APPROVAL');
  });

  it('needs a role of both the environment and a gate stage that narrows them', () => {
    const narrowed = approvalRulesOf(
      { approverRoles: ['maintainer'] },
      'stage',
      protection({ approverRoles: ['owner', 'maintainer'] }),
    );
    expect(approverRefusal(narrowed, { userId: 'u', role: 'owner' }, AUTHOR)?.code).toBe('NOT_AN_APPROVER');
    expect(approverRefusal(narrowed, { userId: 'u', role: 'maintainer' }, AUTHOR)).toBeNull();
    expect(
      approverRefusal(narrowed, { userId: 'u', role: 'owner' }, AUTHOR)?.detail &&
        formatText(approverRefusal(narrowed, { userId: 'u', role: 'owner' }, AUTHOR)!.detail, 'en'),
    ).toBe('Approvals for this stage come from: maintainer.');
  });

  it('finds a gate nobody can approve when a stage narrows the roles to none and names nobody', () => {
    const environment = protection({ approverRoles: ['owner', 'maintainer'] });
    expect(unapprovable(approvalRulesOf({ approverRoles: ['developer'] }, 'stage', environment))).toBe(true);
    expect(unapprovable(approvalRulesOf({ approverRoles: ['developer', 'owner'] }, 'stage', environment))).toBe(false);
    const named = protection({ approverRoles: ['owner'], approverUserIds: [REVIEWER] });
    expect(unapprovable(approvalRulesOf({ approverRoles: ['developer'] }, 'stage', named))).toBe(false);
    const timerOnly = protection({ requiredApprovals: 0, waitTimerSeconds: 5 });
    expect(unapprovable(approvalRulesOf({}, 'inserted', timerOnly))).toBe(false);
  });
});

describe('enoughApprovals', () => {
  it('counts approvals only', () => {
    const decisions = [{ decision: 'approve' as const }, { decision: 'reject' as const }];
    expect(enoughApprovals(decisions, 1)).toBe(true);
    expect(enoughApprovals(decisions, 2)).toBe(false);
  });
});

describe('refAllowed', () => {
  it('allows any ref without allowedRefs', () => {
    expect(refAllowed(undefined, undefined)).toBe(true);
  });

  it('matches * within a segment and ** across segments; a missing ref is refused', () => {
    const allowed = ['main', 'release/*', 'hotfix/**', 'v*.*'];
    expect(refAllowed('main', allowed)).toBe(true);
    expect(refAllowed('release/1.2', allowed)).toBe(true);
    expect(refAllowed('release/1/2', allowed)).toBe(false);
    expect(refAllowed('hotfix/a/b', allowed)).toBe(true);
    expect(refAllowed('v1.2', allowed)).toBe(true);
    expect(refAllowed('vX2', allowed)).toBe(false);
    expect(refAllowed('mainline', allowed)).toBe(false);
    expect(refAllowed(undefined, allowed)).toBe(false);
  });
});

describe('GitRef', () => {
  it('takes branch and tag names and refuses what git check-ref-format refuses', () => {
    for (const ref of ['main', 'release/1.2', 'v1.4.2', 'feature/a-b_c'])
      expect(GitRef.safeParse(ref).success, ref).toBe(true);
    for (const ref of ['release/../main', 'a//b', '.hidden', 'x/.y', 'main.lock', 'a.lock/b', 'main/', 'main.']) {
      expect(GitRef.safeParse(ref).success, ref).toBe(false);
    }
  });
});

describe('Protection settings', () => {
  it('refuse approvals that nobody could give', () => {
    const result = Protection.safeParse({ requiredApprovals: 1, approverRoles: [] });
    expect(result.success).toBe(false);
    expect(Protection.safeParse({ requiredApprovals: 1, approverRoles: [], approverUserIds: [REVIEWER] }).success).toBe(
      true,
    );
  });
});

describe('approvalOutcome', () => {
  const approve = { decision: 'approve' as const };
  const reject = { decision: 'reject' as const };

  it('fails the stage on one rejection, whatever approvals came before', () => {
    // Prepare
    const decisions = [approve, approve, reject];

    // Act and assess
    expect(approvalOutcome('reject', decisions, 2)).toBe('rejected');
  });

  it('passes the stage once the approvals reach the required number, and waits before', () => {
    expect(approvalOutcome('approve', [approve], 2)).toBe('waiting');
    expect(approvalOutcome('approve', [approve, approve], 2)).toBe('approved');
    expect(approvalOutcome('approve', [reject, approve], 2)).toBe('waiting');
  });

  it('approves exactly when the stored approvals reach the requirement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(approve, reject), { maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (earlier, required) => {
          // Prepare: the new approval is stored with the others before they are counted.
          const decisions = [...earlier, approve];

          // Act
          const outcome = approvalOutcome('approve', decisions, required);

          // Assess
          expect(outcome === 'approved').toBe(approvalsGranted(decisions) >= required);
          expect(approvalsGranted(decisions)).toBe(decisions.filter((decision) => decision === approve).length);
        },
      ),
    );
  });
});

describe('approvedStageStatus', () => {
  it("keeps an approved gate running through the environment's wait timer, else succeeds it", () => {
    expect(approvedStageStatus({ waitSeconds: 30 })).toBe('running');
    expect(approvedStageStatus({ waitSeconds: 0 })).toBe('succeeded');
  });
});
