import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/data/client';
import { recordOf, table } from '#shared/data/repository';
import type { GateCondition } from '#shared/schemas/quality-gate';

/**
 * Storage of a project's quality gate: one item, PK = PROJECT#<projectId>, SK = QUALITYGATE.
 * No item: the project has not set a gate and the default applies (rules.ts).
 */
export interface QualityGateRecord {
  projectId: string;
  conditions: GateCondition[];
  updatedAt: string;
  updatedBy: string;
}

const gateKey = (projectId: string) => ({ PK: `PROJECT#${projectId}`, SK: 'QUALITYGATE' });

/** The project's own gate, if it set one. */
export async function getQualityGateRecord(projectId: string): Promise<QualityGateRecord | undefined> {
  const key = gateKey(projectId);
  return recordOf<QualityGateRecord>(await table.get(key.PK, key.SK));
}

/** Sets the project's gate (the last write wins: a gate is replaced whole, never merged). */
export async function putQualityGateRecord(record: QualityGateRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: { ...gateKey(record.projectId), type: 'QualityGate', ...record } }),
  );
}
