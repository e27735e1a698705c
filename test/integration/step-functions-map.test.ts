import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '#shared/workflows/state-machines';
import { type Invocation, readJournal } from '../fixtures/statemachines/handlers/journal.ts';
import { pollUntil } from '../support/client.ts';
import { closed, startExecution, startLocalEngine } from '../support/step-functions.ts';

// The Map features the TestRun machine relies on, on the local engine: ItemSelector with
// $$.Map.Item.Value, MaxConcurrency, a Choice inside the item processor, results in item
// order; and a restart in the middle of a Map, whose iterations finished in another order
// than they started.

const HANDLERS = 'test/fixtures/statemachines/handlers';

/** Each item: values over 100 take a Pass; the others wait for an approval (a token), then are doubled. */
const BOUNDED_MAP = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'journal.$': '$.journal' },
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Route',
        States: {
          Route: {
            Type: 'Choice',
            Choices: [{ Variable: '$.value', NumericGreaterThan: 100, Next: 'Big' }],
            Default: 'Approve',
          },
          Big: { Type: 'Pass', Parameters: { 'value.$': '$.value', big: true }, End: true },
          Approve: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL substitution, not a template
              FunctionName: '${RequestApproval}',
              Payload: { 'token.$': '$$.Task.Token', 'value.$': '$.value', 'journal.$': '$.journal' },
            },
            TimeoutSeconds: 3600,
            ResultPath: null,
            Next: 'Double',
          },
          Double: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: {
              // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL substitution, not a template
              FunctionName: '${Double}',
              Payload: { 'value.$': '$.value', 'journal.$': '$.journal' },
            },
            OutputPath: '$.Payload',
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

describe('local Step Functions: Map states', () => {
  let workDir: string;
  let definitions: StateMachineDefinition[];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'trellis-sfn-map-'));
    const file = join(workDir, 'bounded-map.asl.json');
    await writeFile(file, JSON.stringify(BOUNDED_MAP));
    definitions = [
      {
        id: 'BoundedMap',
        definitionFile: file,
        tasks: {
          RequestApproval: { handler: `${HANDLERS}/request-approval.ts`, access: {} },
          Double: { handler: `${HANDLERS}/double.ts`, access: {} },
        },
      },
    ];
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  const startEngine = (dataDir: string) => startLocalEngine(dataDir, { definitions });

  const approvals = async (journal: string): Promise<Invocation[]> =>
    (await readJournal(journal)).filter(({ task }) => task === 'RequestApproval');
  const doubled = async (journal: string): Promise<number[]> =>
    (await readJournal(journal)).filter(({ task }) => task === 'Double').map(({ event }) => event.value as number);
  /** Waits until `count` items asked for their approval; returns the token of each value. */
  const tokensOnce = async (journal: string, count: number): Promise<Map<number, string>> => {
    const found = await pollUntil(
      () => approvals(journal),
      (list) => list.length >= count,
      {
        description: `${count} approvals asked`,
      },
    );
    return new Map(found.map(({ event }) => [event.value as number, event.token as string]));
  };
  const approve = (client: SFNClient, token: string) =>
    client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
  const start = (client: SFNClient, items: number[], journal: string) =>
    startExecution(client, 'BoundedMap', { items, journal });

  it('runs at most MaxConcurrency items at once, routes each through the Choice, and answers in item order', async () => {
    // Prepare
    const engine = await startEngine(join(workDir, 'bounded'));
    const journal = join(workDir, `${randomUUID()}.jsonl`);
    try {
      // Act
      const executionArn = await start(engine.client, [1, 2, 3, 500, 4], journal);
      const seen: number[] = [];
      for (let approved = 0; approved < 4; approved++) {
        const tokens = await tokensOnce(journal, Math.min(approved + 2, 4));
        // Assess: only MaxConcurrency (2) items wait at any time; the next starts when one ends.
        expect((await approvals(journal)).length).toBe(Math.min(approved + 2, 4));
        // Approve the newest waiting one first: items end in another order than they started.
        const waiting = [...tokens.keys()].filter((value) => !seen.includes(value));
        const value = Math.max(...waiting);
        seen.push(value);
        await approve(engine.client, tokens.get(value)!);
      }
      const execution = await closed(engine.client, executionArn);

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output!)).toEqual([
        { value: 2 },
        { value: 4 },
        { value: 6 },
        { value: 500, big: true },
        { value: 8 },
      ]);
      expect((await doubled(journal)).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      await engine.stop();
    }
  });

  it('resumes a Map after a restart with each iteration answered its own recorded results', async () => {
    // Prepare: items 1 and 2 wait; 2 then 1 are approved and doubled (in that order), 3 and 4 wait; the engine stops.
    const dataDir = join(workDir, 'restart');
    const journal = join(workDir, `${randomUUID()}.jsonl`);
    const first = await startEngine(dataDir);
    let executionArn: string;
    try {
      executionArn = await start(first.client, [1, 2, 3, 4], journal);
      const tokens = await tokensOnce(journal, 2);
      await approve(first.client, tokens.get(2)!);
      await pollUntil(
        () => doubled(journal),
        (values) => values.includes(2),
        { description: 'item 2 doubled' },
      );
      await approve(first.client, tokens.get(1)!);
      await pollUntil(
        () => doubled(journal),
        (values) => values.length === 2,
        { description: 'item 1 doubled' },
      );
      await tokensOnce(journal, 4);
    } finally {
      await first.stop();
    }

    // Act: a new engine on the same folder replays the Map; the waiting items are approved.
    const second = await startEngine(dataDir);
    try {
      const tokens = new Map((await approvals(journal)).map(({ event }) => [event.value as number, event.token]));
      await approve(second.client, tokens.get(4) as string);
      await pollUntil(
        () => doubled(journal),
        (values) => values.includes(4),
        { description: 'item 4 doubled' },
      );
      await approve(second.client, tokens.get(3) as string);
      const execution = await closed(second.client, executionArn);

      // Assess: every item's own result, and no finished work done twice.
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output!)).toEqual([{ value: 2 }, { value: 4 }, { value: 6 }, { value: 8 }]);
      expect(await doubled(journal)).toEqual([2, 1, 4, 3]);
      expect((await approvals(journal)).map(({ event }) => event.value).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      await second.stop();
    }
  });
});
