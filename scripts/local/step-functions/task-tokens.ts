import { randomBytes } from 'node:crypto';

/** What a task token stands for: one occurrence of a task state in one execution. */
export interface TaskTokenClaims {
  executionArn: string;
  taskKey: string;
}

/**
 * A task token that names its execution and task occurrence, plus a random part so it
 * cannot be guessed from them. Self-describing, so a token handed out before a restart
 * still finds its task without an index, and a malformed token (InvalidToken) can be told
 * from one whose task is over (TaskTimedOut), as AWS does.
 */
export function createTaskToken(claims: TaskTokenClaims): string {
  const payload = { e: claims.executionArn, t: claims.taskKey, n: randomBytes(16).toString('base64url') };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The claims of a token this endpoint issued, or undefined when it is not one. */
export function parseTaskToken(token: string): TaskTokenClaims | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { e, t, n } = payload as Record<string, unknown>;
    if (typeof e !== 'string' || typeof t !== 'string' || typeof n !== 'string') return undefined;
    return { executionArn: e, taskKey: t };
  } catch {
    return undefined;
  }
}
