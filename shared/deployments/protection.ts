import * as m from '#shared/deployments/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';
import type { Protection } from '#shared/schemas/environments';
import type { Stage } from '#shared/schemas/pipelines';
import type { ProjectRole } from '#shared/schemas/projects';

// The environment's protection rules as decisions, without I/O: where a deployment's gate
// is, who may approve, how many approvals are enough, which refs may deploy.

const DEFAULT_APPROVER_ROLES: ProjectRole[] = ['owner', 'maintainer'];

/** What an approval stage asks for, with the environment's rules applied. */
export interface ApprovalRules {
  requiredApprovals: number;
  approverRoles: ProjectRole[];
  approverUserIds: string[];
  /** A gate that is also a pipeline stage with its own roles: approvers must hold one of them too. */
  stageRoles?: ProjectRole[];
  preventSelfApproval: boolean;
  timeoutSeconds: number;
  /** The environment's wait timer after the gate's approvals. */
  waitSeconds: number;
}

/** Whether an approval stage is the environment's gate: a pipeline stage, or one inserted for it. */
export type GateKind = 'none' | 'stage' | 'inserted';

/** What kind of gate stage `index` of a deployment is. */
export function gateKindOf(
  deployment: { protectionGate?: { index: number; inserted: boolean } },
  index: number,
): GateKind {
  const gate = deployment.protectionGate;
  if (gate?.index !== index) return 'none';
  return gate.inserted ? 'inserted' : 'stage';
}

/** Whether deployments to the environment pass a gate at all. */
export function needsGate(protection: Protection | undefined): protection is Protection {
  return !!protection && (protection.requiredApprovals > 0 || (protection.waitTimerSeconds ?? 0) > 0);
}

/**
 * Where the environment's gate sits in a pipeline: the first approval stage before the first
 * deploy stage serves as the gate; otherwise one is inserted right before the first deploy
 * stage (at the start when the pipeline has none).
 */
export function gatePlacement(stages: readonly Stage[]): { index: number; inserted: boolean } {
  const firstDeploy = stages.findIndex((stage) => stage.type === 'deploy');
  const before = firstDeploy < 0 ? stages : stages.slice(0, firstDeploy);
  const approval = before.findIndex((stage) => stage.type === 'approval');
  if (approval >= 0) return { index: approval, inserted: false };
  return { index: Math.max(firstDeploy, 0), inserted: true };
}

/**
 * The rules of an approval stage. The gate takes the environment's rules (a pipeline stage
 * serving as the gate may ask for more approvals, and narrow the roles, never loosen them);
 * other approval stages default to the environment's settings.
 */
export function approvalRulesOf(
  stage: { requiredApprovals?: number; approverRoles?: ProjectRole[]; timeoutSeconds?: number },
  gate: GateKind,
  protection: Protection | undefined,
): ApprovalRules {
  const timeoutSeconds = stage.timeoutSeconds ?? protection?.approvalTimeoutSeconds ?? 86_400;
  if (gate !== 'none' && protection) {
    // An inserted gate may ask for no approval at all (a wait timer only); a pipeline stage asks for one.
    const stageMinimum = stage.requiredApprovals ?? (gate === 'inserted' ? 0 : 1);
    return {
      requiredApprovals: Math.max(stageMinimum, protection.requiredApprovals),
      approverRoles: protection.approverRoles,
      approverUserIds: protection.approverUserIds ?? [],
      ...(stage.approverRoles ? { stageRoles: stage.approverRoles } : {}),
      preventSelfApproval: protection.preventSelfApproval,
      timeoutSeconds,
      waitSeconds: protection.waitTimerSeconds ?? 0,
    };
  }
  return {
    requiredApprovals: Math.max(stage.requiredApprovals ?? protection?.requiredApprovals ?? 1, 1),
    approverRoles: stage.approverRoles ?? protection?.approverRoles ?? DEFAULT_APPROVER_ROLES,
    approverUserIds: stage.approverRoles ? [] : (protection?.approverUserIds ?? []),
    preventSelfApproval: protection?.preventSelfApproval ?? true,
    timeoutSeconds,
    waitSeconds: 0,
  };
}

/** The roles whose members may approve: the environment's, narrowed by a gate stage's own roles. */
export function eligibleRoles(rules: ApprovalRules): ProjectRole[] {
  const { stageRoles } = rules;
  return stageRoles ? rules.approverRoles.filter((role) => stageRoles.includes(role)) : rules.approverRoles;
}

/** Whether nobody could ever approve a stage with these rules (it would only wait for its timeout). */
export function unapprovable(rules: ApprovalRules): boolean {
  return rules.requiredApprovals > 0 && eligibleRoles(rules).length === 0 && rules.approverUserIds.length === 0;
}

/** Why `approver` may not decide on a stage with these rules, or null when they may. */
export function approverRefusal(
  rules: ApprovalRules,
  approver: { userId: string; role: ProjectRole },
  createdBy: string,
): { code: 'NOT_AN_APPROVER' | 'SELF_APPROVAL'; detail: LocalizedText } | null {
  const named = rules.approverUserIds.includes(approver.userId);
  const roles = eligibleRoles(rules);
  if (!named && !roles.includes(approver.role)) {
    const who = [...roles, ...(rules.approverUserIds.length > 0 ? ['the named approvers'] : [])];
    return {
      code: 'NOT_AN_APPROVER',
      detail: who.length > 0 ? m.approversAre({ approvers: who.join(', ') }) : m.approversNobody(),
    };
  }
  if (rules.preventSelfApproval && approver.userId === createdBy) {
    return { code: 'SELF_APPROVAL', detail: m.selfApproval() };
  }
  return null;
}

/** How many of the recorded decisions approve (each approver decides once per stage). */
export function approvalsGranted(decisions: readonly { decision: 'approve' | 'reject' }[]): number {
  return decisions.filter((decision) => decision.decision === 'approve').length;
}

/** Whether the recorded decisions reach the required approvals. */
export function enoughApprovals(decisions: readonly { decision: 'approve' | 'reject' }[], required: number): boolean {
  return approvalsGranted(decisions) >= required;
}

/**
 * What a new decision does to the stage, given every decision recorded on it (the new one
 * included): one rejection fails it, enough approvals pass it, otherwise it keeps waiting.
 */
export function approvalOutcome(
  decision: 'approve' | 'reject',
  decisions: readonly { decision: 'approve' | 'reject' }[],
  required: number,
): 'rejected' | 'approved' | 'waiting' {
  if (decision === 'reject') return 'rejected';
  return enoughApprovals(decisions, required) ? 'approved' : 'waiting';
}

/** An approved stage keeps running through the environment's wait timer; NextStage ends it. */
export function approvedStageStatus(rules: Pick<ApprovalRules, 'waitSeconds'>): 'running' | 'succeeded' {
  return rules.waitSeconds > 0 ? 'running' : 'succeeded';
}

/** Whether a deployment's ref may deploy to the environment (any ref when no allowedRefs). */
export function refAllowed(ref: string | undefined, allowedRefs: readonly string[] | undefined): boolean {
  if (!allowedRefs || allowedRefs.length === 0) return true;
  return ref !== undefined && allowedRefs.some((pattern) => refPattern(pattern).test(ref));
}

function refPattern(pattern: string): RegExp {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}
