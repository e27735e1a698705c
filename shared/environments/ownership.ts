import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProjectScope } from '#shared/auth/project-access';
import { documentClient } from '#shared/data/client';
import { recordOf, table } from '#shared/data/repository';
import * as m from '#shared/environments/messages';
import {
  hostOf,
  ownershipToken,
  type VerificationRecord,
  verificationKey,
} from '#shared/environments/ownership-record';
import { requireEnvironment } from '#shared/environments/queries';
import { listEnvironments } from '#shared/environments/repository';
import { BadRequestError } from '#shared/http/errors';
import { type OutboundClient, OutboundRequestError, outboundClient } from '#shared/http/outbound';
import type { OwnershipVerification } from '#shared/schemas/environment-ownership';

// Load tests send thousands of requests: they may only target hosts the project proved it
// controls (an environment whose host served its verification token), or hosts the stage
// allow-lists (loopback in local mode). Anything else would make Trellis a load generator
// against third parties.

export const WELL_KNOWN_PATH = '/.well-known/trellis-verification.txt';
export const DNS_LABEL = '_trellis-verification';
/** Environments of a project considered when looking for verified hosts. */
const MAX_ENVIRONMENTS = 100;

/** What the verification reads from the outside world; injectable for tests. */
export interface VerificationProbes {
  client: OutboundClient;
  resolveTxt: (hostname: string) => Promise<string[][]>;
}
// One try with a short timeout: the whole verification runs inside an API call.
const resolver = new Resolver({ timeout: 2_000, tries: 1 });
const defaultProbes: VerificationProbes = {
  client: outboundClient,
  resolveTxt: (hostname) => resolver.resolveTxt(hostname),
};

/**
 * Looks for the environment's token at its host (the well-known file first, then the DNS
 * TXT record) and records the host as verified. 400 OWNERSHIP_NOT_VERIFIED, saying what was
 * looked at, when neither holds it.
 */
export async function verifyEnvironmentOwnership(
  scope: ProjectScope,
  environmentId: string,
  probes: VerificationProbes = defaultProbes,
): Promise<OwnershipVerification> {
  const { projectId } = scope;
  const environment = await requireEnvironment(projectId, environmentId);
  const host = hostOf(environment.url);
  if (environment.url === undefined || host === undefined) {
    throw new BadRequestError('ENVIRONMENT_HAS_NO_URL', m.noUrl());
  }
  const token = ownershipToken(projectId, environmentId);
  const method = await findToken(new URL(environment.url), token, probes);
  if (method === undefined) {
    throw new BadRequestError(
      'OWNERSHIP_NOT_VERIFIED',
      m.ownershipNotVerified({
        url: new URL(WELL_KNOWN_PATH, environment.url).href,
        record: `${DNS_LABEL}.${host}`,
        token,
      }),
    );
  }
  const record: VerificationRecord = { environmentId, host, verifiedAt: new Date().toISOString(), method };
  await documentClient.send(
    new PutCommand({
      TableName: table.name,
      Item: { ...verificationKey(projectId, environmentId), type: 'EnvironmentOwnership', ...record },
    }),
  );
  return { token, host, verifiedAt: record.verifiedAt, method };
}

/** Where the token was found at the URL's host, if anywhere. */
export async function findToken(
  url: URL,
  token: string,
  probes: VerificationProbes,
): Promise<'http' | 'dns' | undefined> {
  try {
    const response = await probes.client.request(new URL(WELL_KNOWN_PATH, url.origin).href, {
      method: 'GET',
      timeoutMs: 5_000,
    });
    const lines = response
      .text()
      .split(/\r?\n/)
      .map((line) => line.trim());
    if (response.status === 200 && lines.includes(token)) return 'http';
  } catch (error) {
    if (!(error instanceof OutboundRequestError)) throw error;
  }
  // An IP address has no DNS name to hold a record.
  if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) !== 0) return undefined;
  try {
    const records = await probes.resolveTxt(`${DNS_LABEL}.${url.hostname}`);
    if (records.some((chunks) => chunks.join('').trim() === token)) return 'dns';
  } catch {
    // No such record (ENOTFOUND, ENODATA) or no answer: not verified.
  }
  return undefined;
}

/** Host names of the project's environments whose ownership is verified for their current URL. */
export async function verifiedHosts(projectId: string): Promise<Set<string>> {
  const [environments, verifications] = await Promise.all([
    listEnvironments(projectId, { limit: MAX_ENVIRONMENTS }),
    table.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':prefix': 'ENVOWNERSHIP#' },
    }),
  ]);
  const verifiedHostById = new Map(
    verifications.map((item) => {
      const record = recordOf<VerificationRecord>(item)!;
      return [record.environmentId, record.host];
    }),
  );
  const hosts = new Set<string>();
  for (const environment of environments.items) {
    const host = hostOf(environment.url);
    if (host !== undefined && verifiedHostById.get(environment.environmentId) === host) hosts.add(host);
  }
  return hosts;
}
