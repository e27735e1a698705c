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
