import { getQualityGateRecord } from '#shared/analysis/gate/repository';
import { DEFAULT_GATE_CONDITIONS } from '#shared/analysis/gate/rules';
import type { ProjectScope } from '#shared/auth/project-access';
import type { GateCondition, QualityGate } from '#shared/schemas/quality-gate';

/** GET …/quality-gate: the project's gate, or the default one (`isDefault: true`) until it sets its own. */
export async function getQualityGateForCaller(scope: ProjectScope): Promise<QualityGate> {
  const record = await getQualityGateRecord(scope.projectId);
  if (!record) return { projectId: scope.projectId, conditions: [...DEFAULT_GATE_CONDITIONS], isDefault: true };
  return {
    projectId: record.projectId,
    conditions: record.conditions,
    isDefault: false,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** The conditions an analysis of the project is judged by: its own gate's, or the default ones. */
export async function projectGateConditions(projectId: string): Promise<readonly GateCondition[]> {
  return (await getQualityGateRecord(projectId))?.conditions ?? DEFAULT_GATE_CONDITIONS;
}
