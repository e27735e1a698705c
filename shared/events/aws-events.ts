import * as z from 'zod/mini';

// Events AWS services put on the account's default bus, as far as Trellis consumes them.
// AWS documents these shapes; fields it sets to null (or leaves out) are optional here.

const optionalText = z.optional(z.nullable(z.string()));

/**
 * `detail` of `source: aws.states`, `detail-type: Step Functions Execution Status Change`
 * (Step Functions user guide, "Automating Step Functions event delivery with EventBridge").
 * Dates are epoch milliseconds; `input` and `output` are JSON strings (null when too large
 * to include).
 */
export const StepFunctionsExecutionStatusChange = z.object({
  executionArn: z.string(),
  stateMachineArn: z.string(),
  name: z.string(),
  status: z.string(),
  startDate: z.number(),
  stopDate: z.optional(z.nullable(z.number())),
  input: optionalText,
  output: optionalText,
  error: optionalText,
  cause: optionalText,
});
export type StepFunctionsExecutionStatusChange = z.infer<typeof StepFunctionsExecutionStatusChange>;

/**
 * `detail` of `source: aws.s3`, `detail-type: Object Created`, which S3 puts on the default
 * bus for a bucket with EventBridge notifications on (S3 user guide, "EventBridge message
 * structure"). `reason` is PutObject, POST Object, CopyObject or CompleteMultipartUpload.
 */
export const S3ObjectCreated = z.object({
  bucket: z.object({ name: z.string() }),
  object: z.object({
    key: z.string(),
    size: z.optional(z.number()),
    etag: z.optional(z.string()),
    'version-id': optionalText,
    sequencer: z.optional(z.string()),
  }),
  reason: optionalText,
});
export type S3ObjectCreated = z.infer<typeof S3ObjectCreated>;
