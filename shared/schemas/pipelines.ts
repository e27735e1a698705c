import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import { HttpUrl, Secret, Slug } from '#shared/schemas/environments';
import * as s from '#shared/schemas/messages';
import { ProjectRole } from '#shared/schemas/projects';

const StageName = Slug;

export const WebhookStageInput = z.strictObject({
  type: z.literal('webhook'),
  name: StageName,
  url: HttpUrl,
  secret: z.optional(Secret),
  waitForCallback: z._default(z.boolean(), false),
  timeoutSeconds: z._default(z.int().check(z.minimum(1), z.maximum(86_400)), 3_600),
});

export const ApprovalStageInput = z.strictObject({
  type: z.literal('approval'),
  name: StageName,
  requiredApprovals: z.optional(z.int().check(z.minimum(1), z.maximum(10))),
  approverRoles: z.optional(z.array(ProjectRole).check(z.minLength(1), z.maxLength(4))),
  timeoutSeconds: z.optional(z.int().check(z.minimum(1), z.maximum(604_800))),
});

export const DeployStageInput = z.strictObject({ type: z.literal('deploy'), name: StageName });

export const TestStageInput = z.strictObject({
  type: z.literal('test'),
  name: StageName,
  suiteId: ResourceId,
  minPassRate: z.number().check(z.minimum(0), z.maximum(1)),
});

export const StageInput = z.discriminatedUnion('type', [
  WebhookStageInput,
  ApprovalStageInput,
  DeployStageInput,
  TestStageInput,
]);
export type StageInput = z.infer<typeof StageInput>;

/** Stages run in order; names are unique within the pipeline. */
const Stages = z.array(StageInput).check(
  z.minLength(1),
  z.maxLength(20),
  z.refine(
    (stages) => new Set(stages.map((stage) => stage.name)).size === stages.length,
    zodMessage(s.stageNamesUnique),
  ),
);

export const PipelineBody = z.strictObject({
  name: text(100),
  description: z.optional(z.string().check(z.maxLength(2000))),
  stages: Stages,
});
export type PipelineBody = z.infer<typeof PipelineBody>;

export const PipelineParams = z.strictObject({ projectId: ResourceId, pipelineId: ResourceId });

/** A stage as stored and shown: a webhook's secret becomes `hasSecret`. */
export const Stage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('webhook'),
    name: z.string(),
    url: z.string(),
    hasSecret: z.boolean(),
    waitForCallback: z.boolean(),
    timeoutSeconds: z.int(),
  }),
  ApprovalStageInput,
  DeployStageInput,
  TestStageInput,
]);
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    name: z.string(),
    description: z.optional(z.string()),
    version: z.int(),
    stages: z.array(Stage),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'Pipeline' }));
export type Pipeline = z.infer<typeof Pipeline>;

export const PipelinePage = pageOf(Pipeline).check(z.meta({ id: 'PipelinePage' }));
