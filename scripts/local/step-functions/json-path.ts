import { type StateMachineDefinition as EngineDefinition, StateMachine } from 'aws-local-stepfunctions';

/**
 * Evaluates a reference path against `input` (after `inputPath`, when given) exactly as the
 * engine does, by letting the engine run a one-state Pass machine: the engine does not
 * export its JSONPath evaluation. Rejects when the path selects nothing.
 */
export async function selectPath(input: unknown, path: string, inputPath?: string | null): Promise<unknown> {
  const select = new StateMachine(
    {
      StartAt: 'Select',
      States: {
        Select: {
          Type: 'Pass',
          ...(inputPath !== undefined && { InputPath: inputPath }),
          Parameters: { 'value.$': path },
          End: true,
        },
      },
    } as unknown as EngineDefinition,
    { validationOptions: { noValidate: true } },
  );
  const output = (await select.run(input as never).result) as { value: unknown };
  return output.value;
}
