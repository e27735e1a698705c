/**
 * The load generator for the local-gateway benchmark, in its own Node process so that it
 * does not share an event loop with the gateway it measures (see local-latency.ts). Reads its
 * config as JSON from argv[2] and writes the result as JSON to argv[3].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { LatencyRecorder, type Summary } from './stats.ts';

export interface ClientConfig {
  apiUrl: string;
  accessToken: string;
  projectId: string;
  userId: string;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  concurrencies: number[];
  /** Measured requests per target and concurrency, split into `blocks` interleaved blocks. */
  requests: number;
  blocks: number;
  warmupRequests: number;
}

export interface TargetResult {
  latency: Summary;
  requestsPerSecond: number;
  errors: number;
}

/** Per concurrency, per target name. */
export type ClientResult = Record<string, Record<string, TargetResult>>;

export const GATEWAY = 'gateway';
export const GET_ITEM = 'direct GetItem';
export const BATCH_GET = 'direct BatchGetItem';

type Call = () => Promise<boolean>;

function targets(config: ClientConfig): Record<string, Call> {
  const dynamodb = new DynamoDBClient({
    endpoint: config.dynamodbEndpoint,
    region: config.region,
    credentials: config.credentials,
    maxAttempts: 1,
  });
  const projectKey = { PK: { S: `PROJECT#${config.projectId}` }, SK: { S: 'PROJECT' } };
  const membershipKey = { PK: { S: `PROJECT#${config.projectId}` }, SK: { S: `MEMBER#${config.userId}` } };
  const url = `${config.apiUrl}/v1/projects/${config.projectId}`;
  const headers = { authorization: `Bearer ${config.accessToken}` };
  return {
    [GATEWAY]: async () => {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      return response.status === 200;
    },
    [GET_ITEM]: async () => {
      const result = await dynamodb.send(
        new GetItemCommand({ TableName: config.tableName, Key: projectKey, ConsistentRead: true }),
      );
      return result.Item !== undefined;
    },
    // The same reads GetProject makes (project + caller's membership), for attribution.
    [BATCH_GET]: async () => {
      const result = await dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: { [config.tableName]: { Keys: [projectKey, membershipKey], ConsistentRead: true } },
        }),
      );
      return result.Responses?.[config.tableName]?.length === 2;
    },
  };
}

/** `count` calls spread over `concurrency` workers, each timed on its own. */
async function runBlock(call: Call, count: number, concurrency: number, recorder?: LatencyRecorder) {
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const started = process.hrtime.bigint();
      const ok = await call().catch(() => false);
      recorder?.recordNs(process.hrtime.bigint() - started);
      if (!ok) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { errors, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const [configFile, resultFile] = process.argv.slice(2);
  const config = JSON.parse(readFileSync(configFile!, 'utf8')) as ClientConfig;
  const calls = targets(config);
  const names = Object.keys(calls);
  const perBlock = Math.ceil(config.requests / config.blocks);
  const result: ClientResult = {};

  for (const concurrency of config.concurrencies) {
    for (const name of names) await runBlock(calls[name]!, config.warmupRequests, concurrency);
    const recorders = new Map(names.map((name) => [name, new LatencyRecorder()]));
    const totals = new Map(names.map((name) => [name, { errors: 0, ms: 0, count: 0 }]));
    for (let block = 0; block < config.blocks; block++) {
      // Alternate which target goes first, so neither always follows the other.
      for (const name of block % 2 === 0 ? names : [...names].reverse()) {
        const { errors, ms } = await runBlock(calls[name]!, perBlock, concurrency, recorders.get(name));
        const total = totals.get(name)!;
        total.errors += errors;
        total.ms += ms;
        total.count += perBlock;
      }
    }
    result[String(concurrency)] = Object.fromEntries(
      names.map((name) => {
        const total = totals.get(name)!;
        return [
          name,
          {
            latency: recorders.get(name)!.summary(),
            requestsPerSecond: (total.count / total.ms) * 1000,
            errors: total.errors,
          },
        ];
      }),
    );
  }
  writeFileSync(resultFile!, JSON.stringify(result));
}

// Only as the entry of its own process: the report imports the path names above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
