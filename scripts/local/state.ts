import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What a restart on the same data folder must reuse: the ids cognito-local generated, and the
 * Cognito port, which is part of every token's issuer (reusing it keeps tokens valid).
 */
const LocalStackState = z.object({
  cognitoPort: z.number().int().min(1).max(65_535),
  userPoolId: z.string(),
  userPoolClientId: z.string(),
  tableName: z.string(),
  bucketName: z.string(),
  eventBusName: z.string(),
});
export type LocalStackState = z.infer<typeof LocalStackState>;

/** Where the state lives: `<dataDir>/local-stack.json`. */
export function stateFile(dataDir: string): string {
  return join(dataDir, 'local-stack.json');
}

/** The previous run's state; empty when there was none or the file is unreadable. */
export async function readLocalState(dataDir: string): Promise<Partial<LocalStackState>> {
  try {
    const parsed = LocalStackState.partial().safeParse(JSON.parse(await readFile(stateFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Saves the state atomically, so a crash mid-write never leaves a torn file. */
export async function writeLocalState(dataDir: string, state: LocalStackState): Promise<void> {
  const file = stateFile(dataDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
