import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import { HttpUrl, Secret, Slug } from '#shared/schemas/environments';
import * as s from '#shared/schemas/messages';
import { ProjectRole } from '#shared/schemas/projects';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

const StageName = Slug;

export const WebhookStageInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('webhook'),
  name: StageName,
  url: HttpUrl,
  secret: /* @__PURE__ */ z.optional(Secret),
  waitForCallback: /* @__PURE__ */ z._default(/* @__PURE__ */ z.boolean(), false),
  timeoutSeconds: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(86_400)),
    3_600,
  ),
});

export const ApprovalStageInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('approval'),
  name: StageName,
  requiredApprovals: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(10)),
  ),
  approverRoles: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(ProjectRole).check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(4)),
  ),
  timeoutSeconds: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(604_800)),
  ),
});

export const DeployStageInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('deploy'),
  name: StageName,
});

export const TestStageInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('test'),
  name: StageName,
  suiteId: ResourceId,
  minPassRate: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1)),
});

/**
 * Lets the deployment go on only when the code analysis of its `version` (an analysis whose
 * `commit` is the version) completed and passed the project's quality gate; it waits up to
 * `waitSeconds` for that analysis to complete.
 */
export const QualityGateStageInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('quality-gate'),
  name: StageName,
  waitSeconds: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(3_600)),
    600,
  ),
});

export const StageInput = /* @__PURE__ */ z.discriminatedUnion('type', [
  WebhookStageInput,
  ApprovalStageInput,
  DeployStageInput,
  TestStageInput,
  QualityGateStageInput,
]);
export type StageInput = z.infer<typeof StageInput>;

/** Stages run in order; names are unique within the pipeline. */
const Stages = /* @__PURE__ */ z.array(StageInput).check(
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.maxLength(20),
  /* @__PURE__ */ z.refine(
    (stages) => new Set(stages.map((stage) => stage.name)).size === stages.length,
    /* @__PURE__ */ zodMessage(s.stageNamesUnique),
  ),
);

export const PipelineBody = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ text(100),
  description: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000))),
  stages: Stages,
});
export type PipelineBody = z.infer<typeof PipelineBody>;

export const PipelineParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, pipelineId: ResourceId });

/** A stage as stored and shown: a webhook's secret becomes `hasSecret`. */
export const Stage = /* @__PURE__ */ z.discriminatedUnion('type', [
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('webhook'),
    name: /* @__PURE__ */ z.string(),
    url: /* @__PURE__ */ z.string(),
    hasSecret: /* @__PURE__ */ z.boolean(),
    waitForCallback: /* @__PURE__ */ z.boolean(),
    timeoutSeconds: /* @__PURE__ */ z.int(),
  }),
  ApprovalStageInput,
  DeployStageInput,
  TestStageInput,
  QualityGateStageInput,
]);
export type Stage = z.infer<typeof Stage>;

export const Pipeline = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    name: /* @__PURE__ */ z.string(),
    description: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    version: /* @__PURE__ */ z.int(),
    stages: /* @__PURE__ */ z.array(Stage),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Pipeline' }));
export type Pipeline = z.infer<typeof Pipeline>;

export const PipelinePage = /* @__PURE__ */ pageOf(Pipeline).check(/* @__PURE__ */ z.meta({ id: 'PipelinePage' }));
