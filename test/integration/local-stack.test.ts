import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMINS_GROUP } from '#shared/auth/context';
import { TABLE_DEFINITION } from '#shared/data/table-definition';
import { EVENT_RULES } from '#shared/events/rules';
import { LOCAL_REGION, type LocalEndpoints } from '../../scripts/local/aws-env.ts';
import { type BusEvent, type LocalEventBus, startEventBus } from '../../scripts/local/event-bus.ts';
import { type EventPattern, matchesEventPattern, validateEventPattern } from '../../scripts/local/event-pattern.ts';
import { type LocalGateway, startGateway } from '../../scripts/local/gateway.ts';
import { createJwtAuthorizer } from '../../scripts/local/jwt-authorizer.ts';
import { type LambdaHandler, wrapHandler } from '../../scripts/local/lambda-runtime.ts';
import type { Logger } from '../../scripts/local/log.ts';
import { getFreePort } from '../../scripts/local/ports.ts';
import { stateFile } from '../../scripts/local/state.ts';
import {
  api,
  pollUntil,
  readDeadLetters,
  readPublishedEvents,
  registerAndLogin,
  strongPassword,
} from '../support/client.ts';
import { localClientConfig, localCognito, localDynamoDB } from '../support/local-clients.ts';
import { descendantsOf, isRunning, type NpmStart, startNpm } from '../support/processes.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
const endpoints = inject('endpoints');
const resources = inject('resources');
const issuer = inject('issuer');

const silent: Logger = { level: 'ERROR', debug() {}, info() {}, warn() {}, error() {} };

/** A confirmed user straight in cognito-local (no handler involved), optionally an admin, and its tokens. */
async function cognitoUser(options: { admin?: boolean } = {}) {
  const cognito = localCognito();
  const email = `gateway-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = strongPassword();
  try {
    const signUp = await cognito.send(
      new SignUpCommand({ ClientId: resources.userPoolClientId, Username: email, Password: password }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: resources.userPoolId, Username: email }));
    if (options.admin) {
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: resources.userPoolId, Username: email, GroupName: ADMINS_GROUP }),
      );
    }
    const auth = await cognito.send(
      new InitiateAuthCommand({
        ClientId: resources.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    return {
      sub: signUp.UserSub as string,
      accessToken: auth.AuthenticationResult?.AccessToken as string,
      idToken: auth.AuthenticationResult?.IdToken as string,
    };
  } finally {
    cognito.destroy();
  }
}

/** Signs a token with cognito-local's own key (it ships in the package), with chosen claims. */
async function signWithCognitoLocalKey(
  claims: Record<string, unknown>,
  options: { expiresIn?: string; issuer?: string } = {},
) {
  const require = createRequire(import.meta.url);
  const keyFile = join(
    dirname(require.resolve('cognito-local/package.json')),
    'lib',
    'keys',
    'cognitoLocal.private.json',
  );
  const key = createPrivateKey((JSON.parse(readFileSync(keyFile, 'utf8')) as { pem: string }).pem);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .setIssuer(options.issuer ?? issuer)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
}

describe('npm start', () => {
  let workDir: string;
  const runs: NpmStart[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'trellis-npm-start-'));
  });
  afterAll(async () => {
    for (const run of runs) run.kill();
    await rm(workDir, { recursive: true, force: true });
  });

  async function emulatorPorts() {
    return {
      DYNAMODB_PORT: String(await getFreePort()),
      S3_PORT: String(await getFreePort()),
      COGNITO_PORT: String(await getFreePort()),
      EVENTBRIDGE_PORT: String(await getFreePort()),
    };
  }

  /** Starts `npm start`, waits for its API line (60 s deadline) and a health answer. */
  async function start(ports: Record<string, string>) {
    const startedAt = Date.now();
    const run = startNpm({ PORT: '0', TRELLIS_DATA_DIR: workDir, ...ports });
    runs.push(run);
    const url = await run.apiUrl;
    const health = await api(url, 'GET', '/v1/health');
    const msToHealth = Date.now() - startedAt;
    const emulators = descendantsOf(run.pid).filter((process) =>
      /DynamoDBLocal\.jar|cognito-local/.test(process.command),
    );
    return { run, url, health, msToHealth, emulators };
  }

  async function stop(run: NpmStart, emulatorPids: number[], how: 'SIGTERM' | 'Ctrl+C' = 'SIGTERM') {
    if (how === 'Ctrl+C') {
      // What a terminal does on Ctrl+C: SIGINT to every process of the foreground group, once.
      process.kill(-run.pid, 'SIGINT');
      const exit = await run.exited;
      expect(exit, run.output()).toEqual({ code: 0, signal: null });
      expect(run.output()).toContain('SIGINT: stopping the local stack');
      expect(run.output()).not.toContain('again');
    } else {
      process.kill(run.pid, 'SIGTERM');
      const exit = await run.exited;
      // npm exits 0 when its script does; the `sh -c` npm puts in between can make it re-raise SIGTERM instead.
      expect(exit.code === 0 || exit.signal === 'SIGTERM', `npm exit ${JSON.stringify(exit)}\n${run.output()}`).toBe(
        true,
      );
    }
    await pollUntil(
      () => emulatorPids.filter(isRunning),
      (left) => left.length === 0,
      {
        timeoutMs: 15_000,
        description: 'the emulators to exit',
      },
    );
  }

  it('serves /v1/health after a cold start, stops gracefully on one Ctrl+C, and keeps state and tokens across a restart', async () => {
    // Prepare: a cold start on an empty data folder.
    const firstPorts = await emulatorPorts();
    const first = await start(firstPorts);
    console.info(`npm start → GET /v1/health answered in ${first.msToHealth} ms (cold, empty data folder)`);
    expect(first.health.status, first.health.text).toBe(200);
    expect(first.emulators.map((process) => process.command).join('\n')).toMatch(/DynamoDBLocal\.jar/);
    expect(first.emulators.map((process) => process.command).join('\n')).toMatch(/cognito-local/);

    const state = JSON.parse(await readFile(stateFile(workDir), 'utf8')) as Record<string, string>;
    const endpointsOf = (ports: Record<string, string>): Pick<LocalEndpoints, 'dynamodb' | 's3' | 'cognito'> => ({
      dynamodb: `http://127.0.0.1:${ports.DYNAMODB_PORT}`,
      s3: `http://127.0.0.1:${ports.S3_PORT}`,
      cognito: `http://127.0.0.1:${ports.COGNITO_PORT}`,
    });
    const marker = { PK: { S: 'TEST#restart' }, SK: { S: 'TEST#restart' }, note: { S: 'survives' } };
    const email = `restart-${Date.now()}@example.com`;
    const apiUser = await registerAndLogin(first.url, { name: 'Restart' });
    await withClients(endpointsOf(firstPorts), async ({ dynamodb, s3, cognito }) => {
      await dynamodb.send(new PutItemCommand({ TableName: state.tableName, Item: marker }));
      await s3.send(new PutObjectCommand({ Bucket: state.bucketName, Key: 'restart/marker.txt', Body: 'still here' }));
      await cognito.send(
        new SignUpCommand({ ClientId: state.userPoolClientId, Username: email, Password: strongPassword() }),
      );
    });

    // Act: one Ctrl+C, then start again on the same data folder: other ports, except Cognito's,
    // which (no COGNITO_PORT given) comes from the data folder.
    await stop(
      first.run,
      first.emulators.map((process) => process.pid),
      'Ctrl+C',
    );
    const { COGNITO_PORT: _previousPort, ...secondPorts } = await emulatorPorts();
    const second = await start(secondPorts);
    console.info(`npm start → GET /v1/health answered in ${second.msToHealth} ms (warm restart, same data folder)`);

    // Assess: same pool and client, and the table, object and user are all still there.
    expect(second.health.status, second.health.text).toBe(200);
    expect(JSON.parse(await readFile(stateFile(workDir), 'utf8'))).toEqual(state);
    await withClients(
      endpointsOf({ ...secondPorts, COGNITO_PORT: firstPorts.COGNITO_PORT }),
      async ({ dynamodb, s3, cognito }) => {
        const table = await dynamodb.send(new DescribeTableCommand({ TableName: state.tableName }));
        // DescribeTable lists the indexes in no particular order.
        expect(table.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
          TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName).sort(),
        );
        const item = await dynamodb.send(
          new GetItemCommand({ TableName: state.tableName, Key: { PK: marker.PK, SK: marker.SK } }),
        );
        expect(item.Item).toEqual(marker);
        const object = await s3.send(new GetObjectCommand({ Bucket: state.bucketName, Key: 'restart/marker.txt' }));
        expect(await object.Body?.transformToString()).toBe('still here');
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: state.userPoolId, Username: email }));
        expect(user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value).toBe(email);
      },
    );
    // The token from before the restart still works: same issuer, same pool keys.
    const me = await api(second.url, 'GET', '/v1/me', { token: apiUser.accessToken });
    expect(me.status, me.text).toBe(200);
    await stop(
      second.run,
      second.emulators.map((process) => process.pid),
    );
  }, 150_000);
});

async function withClients(
  at: Pick<LocalEndpoints, 'dynamodb' | 's3' | 'cognito'>,
  use: (clients: { dynamodb: DynamoDBClient; s3: S3Client; cognito: CognitoIdentityProviderClient }) => Promise<void>,
) {
  const clients = {
    dynamodb: localDynamoDB(at.dynamodb),
    s3: new S3Client({
      ...localClientConfig(at.s3),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    cognito: localCognito(at.cognito),
  };
  try {
    await use(clients);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

describe('local gateway (the shared stack)', () => {
  it('answers an unknown route with 404 problem+json naming the method and path', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing-here'],
      ['DELETE', '/v1/health'],
      ['GET', '/v1/projects/a/b/c'],
    ] as const) {
      const response = await api(apiUrl, method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toEqual({
        type: 'https://trellis.dev/problems/route-not-found',
        title: 'Not found',
        status: 404,
        detail: `No route matches ${method} ${path}; GET /v1/openapi.json lists every route.`,
        instance: path,
        code: 'ROUTE_NOT_FOUND',
        requestId: response.headers.get('apigw-requestid'),
      });
      expect(response.headers.get('apigw-requestid')).toBeTruthy();
    }
  });

  it('refuses a user route without a valid bearer token with 401 problem+json saying why', async () => {
    const { sub } = await cognitoUser();
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const foreign = await new SignJWT({ sub, client_id: resources.userPoolClientId, token_use: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .setIssuer(issuer)
      .setExpirationTime('1h')
      .sign(otherKey);
    const access = { sub, client_id: resources.userPoolClientId, token_use: 'access' };
    const tokens: Record<string, [string | undefined, string, string]> = {
      'no token': [undefined, 'TOKEN_MISSING', 'No bearer token'],
      garbage: ['not-a-jwt', 'TOKEN_INVALID', 'not a well-formed JWT'],
      'signed by another key': [foreign, 'TOKEN_INVALID', 'signature does not verify'],
      expired: [await signWithCognitoLocalKey(access, { expiresIn: '-1m' }), 'TOKEN_EXPIRED', 'has expired'],
      'another issuer': [
        await signWithCognitoLocalKey(access, { issuer: 'http://127.0.0.1:1/local_other' }),
        'TOKEN_INVALID',
        `issued by http://127.0.0.1:1/local_other, not by this stack's user pool (${issuer})`,
      ],
      'another app client': [
        await signWithCognitoLocalKey({ ...access, client_id: 'someone-else' }),
        'TOKEN_INVALID',
        'another app client',
      ],
    };
    for (const [name, [token, code, reason]] of Object.entries(tokens)) {
      const response = await api(apiUrl, 'GET', '/v1/me', { token });
      expect(response.status, name).toBe(401);
      expect(response.headers.get('content-type'), name).toBe('application/problem+json');
      expect(response.body, name).toMatchObject({ status: 401, title: 'Unauthorized', code, instance: '/v1/me' });
      expect((response.body as { detail: string }).detail, name).toContain(reason);
    }
  });

  it('lets a token from a real login through to the handler', async () => {
    const user = await registerAndLogin(apiUrl, { name: 'Grace Hopper' });
    const me = await api(apiUrl, 'GET', '/v1/me', { token: user.accessToken });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ id: user.userId, email: user.email });
    // The id token passes the authorizer too (audience via `aud` instead of `client_id`).
    expect((await api(apiUrl, 'GET', '/v1/me', { token: user.idToken })).status).toBe(200);
  });

  it('accepts exactly the issuer cognito-local puts in its tokens', async () => {
    const { accessToken, idToken } = await cognitoUser();
    expect(decodeJwt(accessToken).iss).toBe(issuer);
    expect(decodeJwt(idToken)).toMatchObject({ iss: issuer, aud: resources.userPoolClientId, token_use: 'id' });
    expect(decodeJwt(accessToken)).toMatchObject({ client_id: resources.userPoolClientId, token_use: 'access' });
  });
});

describe('local gateway (event and response mapping)', () => {
  const handlers: Record<string, LambdaHandler> = {
    echo: (event, context) => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        event,
        context: {
          functionName: context.functionName,
          awsRequestId: context.awsRequestId,
          remainingMs: context.getRemainingTimeInMillis(),
          invokedFunctionArn: context.invokedFunctionArn,
        },
      }),
    }),
    shaped: () => ({
      statusCode: 201,
      headers: { 'x-shaped': 'yes', 'content-type': 'text/plain' },
      cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'],
      body: Buffer.from('binary ok').toString('base64'),
      isBase64Encoded: true,
    }),
    bareObject: () => ({ hello: 'world' }),
    bareString: () => 'just text',
    throws: () => {
      throw new Error('boom');
    },
    malformed: () => ({ statusCode: 'two hundred' }),
    hangs: () => new Promise(() => {}),
  };
  const route = (id: string, method: string, path: string, auth: 'public' | 'user' = 'public') => ({
    id,
    method,
    path,
    handler: id,
    auth,
  });
  let gateway: LocalGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      routes: [
        route('echo', 'GET', '/v1/things/{thingId}/parts/{partId}', 'user'),
        route('echo', 'POST', '/v1/things'),
        route('echo', 'GET', '/v1/things/special'),
        route('shaped', 'GET', '/v1/shaped'),
        route('bareObject', 'GET', '/v1/bare-object'),
        route('bareString', 'GET', '/v1/bare-string'),
        route('throws', 'GET', '/v1/throws'),
        route('malformed', 'GET', '/v1/malformed'),
        route('hangs', 'GET', '/v1/hangs'),
      ],
      loadHandler: async (id) => wrapHandler(handlers[id] as LambdaHandler),
      authorizer: createJwtAuthorizer({
        issuer,
        audience: [resources.userPoolClientId],
        jwksUrl: `${issuer}/.well-known/jwks.json`,
      }),
      log: silent,
      timeoutMs: 300,
    });
  });
  afterAll(() => gateway.stop());

  /** node:http rather than fetch: fetch folds repeated headers before they are sent. */
  function rawGet(path: string, headers: Record<string, string | string[]>) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const request = httpRequest(`${gateway.url}${path}`, { headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  it('builds a payload 2.0 event with decoded parameters, joined headers, cookies and flattened JWT claims', async () => {
    // Prepare: an admin, so the token carries cognito:groups.
    const { accessToken, sub } = await cognitoUser({ admin: true });

    // Act
    const response = await rawGet('/v1/things/caf%C3%A9%20au%20lait/parts/7?tag=a&tag=b&q=x%26y&flag', {
      authorization: `Bearer ${accessToken}`,
      'x-repeated': ['one', 'two'],
      cookie: 'session=abc; theme=dark',
      'user-agent': 'local-stack-test',
    });

    // Assess
    expect(response.status, response.body).toBe(200);
    const { event, context } = JSON.parse(response.body);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/things/{thingId}/parts/{partId}',
      rawPath: '/v1/things/caf%C3%A9%20au%20lait/parts/7',
      rawQueryString: 'tag=a&tag=b&q=x%26y&flag',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'x&y', flag: '' },
      pathParameters: { thingId: 'café au lait', partId: '7' },
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: expect.stringContaining('127.0.0.1'),
        http: {
          method: 'GET',
          path: '/v1/things/caf%C3%A9%20au%20lait/parts/7',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'local-stack-test',
        },
        requestId: response.headers['apigw-requestid'],
        routeKey: 'GET /v1/things/{thingId}/parts/{partId}',
        stage: '$default',
        timeEpoch: expect.any(Number),
        authorizer: {
          jwt: {
            claims: {
              sub,
              'cognito:groups': `[${ADMINS_GROUP}]`,
              client_id: resources.userPoolClientId,
              token_use: 'access',
              iss: issuer,
            },
            scopes: ['aws.cognito.signin.user.admin'],
          },
        },
      },
    });
    expect(event.headers['x-repeated']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(typeof event.requestContext.authorizer.jwt.claims.exp).toBe('string');
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(event.body).toBeUndefined();
    expect(context.functionName).toBe('echo');
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:echo$/);
    expect(context.remainingMs).toBeGreaterThan(0);
    expect(context.remainingMs).toBeLessThanOrEqual(300);
  });

  it('prefers a literal route to a parameterized one and leaves public routes without an authorizer', async () => {
    const response = await api(gateway.url, 'GET', '/v1/things/special');
    const { event } = response.body;
    expect(event.routeKey).toBe('GET /v1/things/special');
    expect(event.pathParameters).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', async () => {
    const json = await api(gateway.url, 'POST', '/v1/things', { body: { name: 'x' } });
    expect(json.body.event).toMatchObject({ body: '{"name":"x"}', isBase64Encoded: false });

    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const binary = await api(gateway.url, 'POST', '/v1/things', {
      rawBody: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(binary.body.event).toMatchObject({ body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true });
  });

  it('maps a structured response: status, headers, cookies as set-cookie, base64 body decoded', async () => {
    const response = await rawGet('/v1/shaped', {});
    expect(response.status).toBe(201);
    expect(response.headers['x-shaped']).toBe('yes');
    expect(response.headers['set-cookie']).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(response.body).toBe('binary ok');
    expect(response.headers['apigw-requestid']).toBeTruthy();
  });

  it('turns a bare result into a 200 application/json response', async () => {
    const object = await api(gateway.url, 'GET', '/v1/bare-object');
    expect(object.status).toBe(200);
    expect(object.headers.get('content-type')).toBe('application/json');
    expect(object.body).toEqual({ hello: 'world' });
    const text = await api(gateway.url, 'GET', '/v1/bare-string');
    expect(text.text).toBe('just text');
  });

  it('answers 500 when the handler throws or returns something unusable, and 503 past the timeout', async () => {
    for (const path of ['/v1/throws', '/v1/malformed']) {
      const response = await api(gateway.url, 'GET', path);
      expect(response.status, path).toBe(500);
      expect(response.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    }
    const slow = await api(gateway.url, 'GET', '/v1/hangs');
    expect(slow.status).toBe(503);
    expect(slow.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('refuses bodies over 10 MB (API Gateway) and events over 6 MB (Lambda) with 413', async () => {
    for (const size of [10 * 1024 * 1024 + 1, 7 * 1024 * 1024]) {
      const response = await api(gateway.url, 'POST', '/v1/things', {
        rawBody: 'x'.repeat(size),
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status, `${size} bytes`).toBe(413);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', instance: '/v1/things' });
      expect((response.body as { detail: string }).detail).toMatch(size > 10 * 1024 * 1024 ? /10 MB/ : /6 MB/);
    }
    // Just under Lambda's limit still goes through.
    const fits = await api(gateway.url, 'POST', '/v1/things', {
      rawBody: 'x'.repeat(5 * 1024 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expect(fits.status).toBe(200);
  });
});

describe('local Cognito', () => {
  it('answers a wrong password and an unknown user like Cognito: NotAuthorizedException', async () => {
    const cognito = localCognito();
    const email = `fidelity-${Date.now()}@example.com`;
    const password = strongPassword();
    await cognito.send(
      new SignUpCommand({ ClientId: resources.userPoolClientId, Username: email, Password: password }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: resources.userPoolId, Username: email }));
    const login = (username: string, secret: string) =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId: resources.userPoolClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: secret },
        }),
      );

    for (const [username, secret] of [
      [email, `${password}x`],
      [`nobody-${Date.now()}@example.com`, password],
    ] as const) {
      await expect(login(username, secret)).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
    }
    const ok = await login(email, password);
    expect(ok.AuthenticationResult).toMatchObject({
      ExpiresIn: 3600,
      TokenType: 'Bearer',
      AccessToken: expect.any(String),
    });
    cognito.destroy();
  });
});

describe('local EventBridge (the shared stack)', () => {
  const client = () => new EventBridgeClient(localClientConfig(endpoints.eventbridge));

  it('accepts PutEvents from the real SDK, answers an EventId and archives the event', async () => {
    const eventBridge = client();
    const detail = { marker: `archive-${Date.now()}`, nested: { n: 1 } };
    // A source no rule listens to: this checks publishing, not a consumer.
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: resources.eventBusName,
            Source: 'local-stack.test',
            DetailType: 'Thing Happened',
            Detail: JSON.stringify(detail),
            Resources: ['arn:aws:test:::thing/1'],
          },
        ],
      }),
    );
    eventBridge.destroy();
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries?.[0]?.EventId;
    expect(eventId).toEqual(expect.any(String));

    const archived = (await readPublishedEvents(dataDir)).find((event) => event.id === eventId);
    expect(archived).toMatchObject({
      version: '0',
      id: eventId,
      'detail-type': 'Thing Happened',
      source: 'local-stack.test',
      account: expect.stringMatching(/^\d{12}$/),
      region: LOCAL_REGION,
      resources: ['arn:aws:test:::thing/1'],
      detail,
    });
    expect(archived?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('fails bad entries one by one like EventBridge, and accepts the rest', async () => {
    const eventBridge = client();
    const valid = { Source: 'local-stack.test', DetailType: 'Fine', Detail: '{}' };
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { ...valid, EventBusName: 'no-such-bus' },
          { ...valid, EventBusName: resources.eventBusName, Detail: '{not json' },
          { ...valid, EventBusName: resources.eventBusName, Source: 'aws.s3' },
          { ...valid, EventBusName: `arn:aws:events:${LOCAL_REGION}:000000000000:event-bus/${resources.eventBusName}` },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.map((entry) => entry.ErrorCode ?? 'ok')).toEqual([
      'ResourceNotFoundException',
      'MalformedDetail',
      'NotAuthorizedForSourceException',
      'ok',
    ]);
    await expect(
      eventBridge.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 11 }, () => ({ ...valid, EventBusName: resources.eventBusName })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(eventBridge.send(new ListRulesCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
    eventBridge.destroy();
  });

  it('is wired to the project rules', () => {
    for (const rule of EVENT_RULES) expect(() => validateEventPattern(rule.eventPattern, rule.id)).not.toThrow();
  });

  it("accepts PutEvents to the account's default bus, by name, by ARN and when no bus is named", async () => {
    const eventBridge = client();
    const marker = `default-bus-${Date.now()}`;
    const entry = { Source: 'local-stack.test', DetailType: 'Thing Happened', Detail: JSON.stringify({ marker }) };
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { ...entry, EventBusName: 'default' },
          { ...entry, EventBusName: `arn:aws:events:${LOCAL_REGION}:000000000000:event-bus/default` },
          entry,
          // AWS sources stay reserved to AWS on the default bus too.
          { ...entry, EventBusName: 'default', Source: 'aws.states' },
        ],
      }),
    );
    eventBridge.destroy();
    expect(result.Entries?.map((item) => item.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'NotAuthorizedForSourceException',
    ]);
    const archived = (await readPublishedEvents(dataDir)).filter((event) => event.detail.marker === marker);
    expect(archived.map((event) => event.id)).toEqual(result.Entries?.slice(0, 3).map((item) => item.EventId));
  });
});

describe('local EventBridge: the platform bus and the default bus (injected rules)', () => {
  let busDir: string;
  let bus: LocalEventBus;
  const received: Record<string, BusEvent[]> = { onPlatform: [], onDefault: [], runs: [] };

  beforeAll(async () => {
    busDir = await mkdtemp(join(tmpdir(), 'trellis-buses-'));
    bus = await startEventBus({
      dataDir: busDir,
      busName: 'test-bus',
      rules: [
        { id: 'OnPlatform', eventPattern: { source: ['test.both'] }, target: { handler: 'onPlatform' } },
        { id: 'OnDefault', bus: 'default', eventPattern: { source: ['test.both'] }, target: { handler: 'onDefault' } },
        { id: 'Runs', bus: 'default', eventPattern: { source: ['aws.states'] }, target: { handler: 'runs' } },
      ],
      loadHandler: async (id) =>
        wrapHandler((event) => {
          received[id]?.push(event as BusEvent);
        }),
      log: silent,
    });
  });
  afterAll(async () => {
    await bus.stop();
    await rm(busDir, { recursive: true, force: true });
  });

  it('delivers an event only to the rules of the bus it was put on', async () => {
    // Act
    const eventBridge = new EventBridgeClient(localClientConfig(bus.endpoint));
    const entry = { Source: 'test.both', DetailType: 'Both', Detail: '{}' };
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { ...entry, EventBusName: 'test-bus' },
          { ...entry, EventBusName: 'default' },
        ],
      }),
    );
    eventBridge.destroy();
    await bus.drain();

    // Assess
    const [onPlatform, onDefault] = result.Entries?.map((item) => item.EventId) ?? [];
    expect(received.onPlatform?.map((event) => event.id)).toEqual([onPlatform]);
    expect(received.onDefault?.map((event) => event.id)).toEqual([onDefault]);
    expect(received.runs).toEqual([]);
  });

  it("takes an AWS service's event in-process onto the default bus, archived and delivered like any other", async () => {
    // Act
    const id = await bus.putServiceEvent({
      source: 'aws.states',
      detailType: 'Step Functions Execution Status Change',
      resources: ['arn:aws:states:us-east-1:000000000000:execution:trellis-local-Thing:run-1'],
      detail: { status: 'ABORTED' },
      time: new Date('2025-01-02T03:04:05.678Z'),
    });
    await bus.drain();

    // Assess
    expect(received.runs).toEqual([
      {
        version: '0',
        id,
        'detail-type': 'Step Functions Execution Status Change',
        source: 'aws.states',
        account: '000000000000',
        time: '2025-01-02T03:04:05Z',
        region: LOCAL_REGION,
        resources: ['arn:aws:states:us-east-1:000000000000:execution:trellis-local-Thing:run-1'],
        detail: { status: 'ABORTED' },
      },
    ]);
    expect((await readPublishedEvents(busDir)).map((event) => event.id)).toContain(id);
  });
});

describe('local EventBridge delivery (injected rules)', () => {
  let busDir: string;
  let bus: LocalEventBus;
  const received: Record<string, BusEvent[]> = { flaky: [], broken: [], picky: [] };

  beforeAll(async () => {
    busDir = await mkdtemp(join(tmpdir(), 'trellis-bus-'));
    const targets: Record<string, LambdaHandler> = {
      flaky: (event) => {
        received.flaky?.push(event as BusEvent);
        if (received.flaky?.length === 1) throw new Error('first delivery fails');
      },
      broken: (event) => {
        received.broken?.push(event as BusEvent);
        throw new Error('consumer is broken');
      },
      picky: (event) => {
        received.picky?.push(event as BusEvent);
      },
    };
    bus = await startEventBus({
      dataDir: busDir,
      busName: 'test-bus',
      rules: [
        { id: 'Flaky', eventPattern: { source: ['test.flaky'] }, target: { handler: 'flaky' } },
        { id: 'Broken', eventPattern: { source: ['test.broken'] }, target: { handler: 'broken' } },
        { id: 'Picky', eventPattern: { detail: { kind: [{ prefix: 'yes' }] } }, target: { handler: 'picky' } },
      ],
      loadHandler: async (id) => wrapHandler(targets[id] as LambdaHandler),
      log: silent,
      retryAttempts: 2,
      retryBackoffMs: 10,
    });
  });
  afterAll(async () => {
    await bus.stop();
    await rm(busDir, { recursive: true, force: true });
  });

  it('retries a failing target, then writes the event and the error to the DLQ file', async () => {
    // Act
    const eventBridge = new EventBridgeClient(localClientConfig(bus.endpoint));
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'test-bus', Source: 'test.flaky', DetailType: 'Flaky', Detail: '{"kind":"no"}' },
          { EventBusName: 'test-bus', Source: 'test.broken', DetailType: 'Broken', Detail: '{"kind":"yes please"}' },
          { EventBusName: 'test-bus', Source: 'test.other', DetailType: 'Ignored', Detail: '{"kind":"nope"}' },
        ],
      }),
    );
    eventBridge.destroy();
    // Drain through HTTP, as a test in another process would.
    expect((await fetch(`${bus.endpoint}/_local/drain`, { method: 'POST' })).status).toBe(200);

    // Assess
    const [flakyId, brokenId] = result.Entries?.map((entry) => entry.EventId) ?? [];
    expect(received.flaky?.map((event) => event.id)).toEqual([flakyId, flakyId]);
    expect(received.broken?.map((event) => event.id)).toEqual([brokenId, brokenId, brokenId]);
    expect(received.picky?.map((event) => event.id)).toEqual([brokenId]);
    expect(received.broken?.[0]).toMatchObject({
      version: '0',
      'detail-type': 'Broken',
      source: 'test.broken',
      region: LOCAL_REGION,
      resources: [],
      detail: { kind: 'yes please' },
    });
    const deadLetters = await readDeadLetters(busDir);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      ruleId: 'Broken',
      attempts: 3,
      error: { message: 'consumer is broken' },
      event: { id: brokenId },
    });
    expect((await readPublishedEvents(busDir)).map((event) => event.id)).toEqual(
      result.Entries?.map((entry) => entry.EventId),
    );
  });
});

describe('event pattern matching', () => {
  const event = {
    source: 'trellis.projects',
    'detail-type': 'Project Created',
    detail: {
      projectId: 'p1',
      count: 5,
      flag: false,
      nothing: null,
      tags: ['blue', 'green'],
      actor: { userId: 'u1', email: 'Ada@Example.COM' },
      items: [{ sku: 'a-1' }, { sku: 'b-2' }],
    },
  };
  const cases: Array<[string, EventPattern, boolean]> = [
    ['exact value', { source: ['trellis.projects'] }, true],
    ['alternatives', { 'detail-type': ['Project Deleted', 'Project Created'] }, true],
    ['no alternative matches', { source: ['trellis.users'] }, false],
    ['nested field', { detail: { actor: { userId: ['u1'] } } }, true],
    ['a field the event lacks', { detail: { missing: ['x'] } }, false],
    ['number', { detail: { count: [5] } }, true],
    ['number is not its string', { detail: { count: ['5'] } }, false],
    ['boolean', { detail: { flag: [false] } }, true],
    ['null', { detail: { nothing: [null] } }, true],
    ['array field: any element', { detail: { tags: ['green'] } }, true],
    ['array field: no element', { detail: { tags: ['red'] } }, false],
    ['array of objects', { detail: { items: { sku: ['b-2'] } } }, true],
    ['prefix', { source: [{ prefix: 'trellis.' }] }, true],
    ['prefix mismatch', { source: [{ prefix: 'aws.' }] }, false],
    ['prefix ignoring case', { detail: { actor: { email: [{ prefix: { 'equals-ignore-case': 'ada@' } }] } } }, true],
    ['suffix', { detail: { actor: { email: [{ suffix: '.COM' }] } } }, true],
    ['suffix is case-sensitive', { detail: { actor: { email: [{ suffix: '.com' }] } } }, false],
    ['equals-ignore-case', { detail: { actor: { email: [{ 'equals-ignore-case': 'ada@example.com' }] } } }, true],
    ['wildcard', { 'detail-type': [{ wildcard: 'Project *ed' }] }, true],
    ['anything-but value', { source: [{ 'anything-but': 'trellis.users' }] }, true],
    ['anything-but list', { source: [{ 'anything-but': ['trellis.users', 'trellis.projects'] }] }, false],
    ['anything-but prefix', { source: [{ 'anything-but': { prefix: 'trellis.' } }] }, false],
    ['anything-but on a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    ['exists true', { detail: { projectId: [{ exists: true }] } }, true],
    ['exists false on a missing field', { detail: { missing: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { projectId: [{ exists: false }] } }, false],
    ['exists true on an object', { detail: { actor: [{ exists: true }] } }, false],
    ['numeric range', { detail: { count: [{ numeric: ['>', 0, '<=', 5] }] } }, true],
    ['numeric out of range', { detail: { count: [{ numeric: ['<', 5] }] } }, false],
    ['numeric on a string', { source: [{ numeric: ['>', 0] }] }, false],
    ['all fields must match', { source: ['trellis.projects'], detail: { projectId: ['other'] } }, false],
    ['$or', { $or: [{ source: ['trellis.users'] }, { detail: { count: [5] } }] }, true],
    ['$or none', { $or: [{ source: ['trellis.users'] }, { detail: { count: [6] } }] }, false],
  ];

  it.each(cases)('%s', (_name, pattern, expected) => {
    validateEventPattern(pattern);
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });

  describe('the ReconcileDeploymentRun rule against Step Functions events', () => {
    const rule = EVENT_RULES.find((candidate) => candidate.id === 'ReconcileDeploymentRun');
    /** A `Step Functions Execution Status Change` event as the Step Functions user guide shows it. */
    const runEvent = (status: string, stateMachineName: string) => {
      const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${stateMachineName}`;
      const executionArn = `${arn.replace(':stateMachine:', ':execution:')}:01jexample`;
      return {
        version: '0',
        id: '315c1398-40ff-a850-213b-158f73e60175',
        'detail-type': 'Step Functions Execution Status Change',
        source: 'aws.states',
        account: '123456789012',
        time: '2019-02-26T19:42:21Z',
        region: 'us-east-1',
        resources: [executionArn],
        detail: {
          executionArn,
          stateMachineArn: arn,
          name: '01jexample',
          status,
          startDate: 1551225271984,
          stopDate: 1551225275123,
          input: '{"projectId":"p","deploymentId":"01jexample"}',
          inputDetails: { included: true },
          output: null,
          outputDetails: null,
          error: status === 'ABORTED' ? null : 'States.Runtime',
          cause: null,
        },
      };
    };
    const cases: Array<[string, ReturnType<typeof runEvent>, boolean]> = [
      ['aborted, a stage of the stack', runEvent('ABORTED', 'trellis-prod-DeploymentPipeline'), true],
      ['failed, the local machine', runEvent('FAILED', 'trellis-local-DeploymentPipeline'), true],
      ['timed out', runEvent('TIMED_OUT', 'trellis-dev-DeploymentPipeline'), true],
      ['succeeded', runEvent('SUCCEEDED', 'trellis-dev-DeploymentPipeline'), false],
      ['still running', runEvent('RUNNING', 'trellis-dev-DeploymentPipeline'), false],
      ['another machine', runEvent('FAILED', 'trellis-dev-TestRun'), false],
      ['a machine of another app', runEvent('FAILED', 'DeploymentPipeline'), false],
      [
        'the same detail from a custom source',
        { ...runEvent('FAILED', 'trellis-dev-DeploymentPipeline'), source: 'trellis.deployments' },
        false,
      ],
    ];

    it.each(cases)('%s', (_name, event, expected) => {
      expect(rule?.bus).toBe('default');
      expect(matchesEventPattern(rule?.eventPattern ?? {}, event)).toBe(expected);
    });
  });

  it('rejects patterns EventBridge would refuse or the local bus cannot match', () => {
    expect(() => validateEventPattern({ source: 'trellis.projects' })).toThrow(/must be arrays/);
    expect(() => validateEventPattern({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } })).toThrow(/unsupported filter/);
    expect(() => validateEventPattern({ detail: { n: [{ numeric: ['!=', 1] }] } })).toThrow(/numeric/);
  });
});
