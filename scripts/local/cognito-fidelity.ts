import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, listenOnLoopback } from './http-server.ts';
import type { Logger } from './log.ts';

export interface CognitoFidelityProxy {
  /** What the SDK talks to, and the token issuer's domain. */
  endpoint: string;
  /** Where cognito-local listens; set once it runs. */
  setTarget(url: string): void;
  stop(): Promise<void>;
}

const INITIATE_AUTH_TARGETS = new Set([
  'AWSCognitoIdentityProviderService.InitiateAuth',
  'AWSCognitoIdentityProviderService.AdminInitiateAuth',
]);

interface AwsJsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Where cognito-local answers an auth call differently from Cognito in ways a handler
 * depends on, rewrite the answer to Cognito's:
 *  - a wrong password is `InvalidPasswordException` there (Cognito reserves that for a
 *    password that breaks the policy) and an unknown user "User not authorized": Cognito
 *    answers both with `NotAuthorizedException: Incorrect username or password.`;
 *  - tokens come without `ExpiresIn` and `TokenType`: Cognito always sends both.
 */
function correctInitiateAuth(answer: AwsJsonAnswer): AwsJsonAnswer {
  const type = answer.body.__type;
  if (answer.status === 400 && (type === 'InvalidPasswordException' || type === 'NotAuthorizedException')) {
    return { status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } };
  }
  const result = answer.body.AuthenticationResult as Record<string, unknown> | undefined;
  if (answer.status === 200 && result && typeof result.AccessToken === 'string') {
    const claims = JSON.parse(Buffer.from(result.AccessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: number;
      iat?: number;
    };
    const lifetime = claims.exp !== undefined && claims.iat !== undefined ? claims.exp - claims.iat : undefined;
    return {
      status: 200,
      body: {
        ...answer.body,
        AuthenticationResult: { ExpiresIn: lifetime, TokenType: 'Bearer', ...stripUndefined(result) },
      },
    };
  }
  return answer;
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A small HTTP proxy in front of cognito-local that makes its auth answers match Cognito's
 * (see `correctInitiateAuth`); every other request passes through unchanged. Handlers
 * keep mapping Cognito's real errors, and nothing in them knows about the emulator.
 */
export async function startCognitoFidelityProxy(options: {
  port?: number;
  log: Logger;
}): Promise<CognitoFidelityProxy> {
  let target: string | undefined;
  const server = createServer((request, response) => {
    (async () => {
      if (!target) {
        response.writeHead(503).end();
        return;
      }
      const body = await readBody(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))
          headers[name] = value;
      }
      const method = request.method ?? 'GET';
      const upstream = await fetch(`${target}${request.url ?? '/'}`, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      });
      let status = upstream.status;
      let payload = Buffer.from(await upstream.arrayBuffer());
      const amzTarget = request.headers['x-amz-target'];
      if (typeof amzTarget === 'string' && INITIATE_AUTH_TARGETS.has(amzTarget)) {
        const corrected = correctInitiateAuth({
          status,
          body: JSON.parse(payload.toString('utf8') || '{}') as Record<string, unknown>,
        });
        status = corrected.status;
        payload = Buffer.from(JSON.stringify(corrected.body));
      }
      response.writeHead(status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/x-amz-json-1.1',
        'content-length': payload.length,
      });
      response.end(payload);
    })().catch((error: unknown) => {
      options.log.error('the Cognito proxy failed to forward a request', error);
      if (!response.headersSent) response.writeHead(502).end();
    });
  });
  const endpoint = await listenOnLoopback(server, options.port);
  return {
    endpoint,
    setTarget(url) {
      target = url;
    },
    async stop() {
      await closeServer(server);
    },
  };
}
