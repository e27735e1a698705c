import { putQualityGateRecord } from '#shared/analysis/gate/repository';
import type { ProjectScope } from '#shared/auth/project-access';
import { publishEvent } from '#shared/events/publisher';
import type { QualityGate, QualityGateInput } from '#shared/schemas/quality-gate';

/**
 * PUT …/quality-gate: replaces the project's gate (validated by QualityGateInput) and announces
 * `Quality Gate Updated`. Analyses completed before keep the verdict they had; the next ones
 * (and coverage attached from now on) are judged by the new gate.
 */
export async function putQualityGate(scope: ProjectScope, input: QualityGateInput): Promise<QualityGate> {
  const record = {
    projectId: scope.projectId,
    conditions: input.conditions,
    updatedAt: new Date().toISOString(),
    updatedBy: scope.caller.auth.userId,
  };
  await putQualityGateRecord(record);
  await publishEvent(
    'Quality Gate Updated',
    scope.projectId,
    { conditions: record.conditions },
    { actorId: record.updatedBy, correlationId: scope.caller.correlationId },
  );
  return { ...record, isDefault: false };
}
