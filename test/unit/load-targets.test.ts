import { describe, expect, it, vi } from 'vitest';
import type { VerificationProbes } from '#shared/environments/ownership';
import { isAllowListed } from '#shared/http/outbound-policy';

// The modules read their table name at load; nothing here touches the table.
vi.stubEnv('TABLE_NAME', 'unit-test-table');
const { findToken } = await import('#shared/environments/ownership');
const { loadTargetProblem } = await import('#shared/testing/load/targets');
const { localize } = await import('#shared/i18n/catalogue');

const TOKEN = 'trellis-verification=abc';

/** Probes whose well-known file answers `status`/`body`, and whose DNS holds `txt` records per name. */
function probes(wellKnown: { status: number; body: string }, txt: Record<string, string[][]> = {}): VerificationProbes {
  return {
    client: {
      request: async () =>
        ({ status: wellKnown.status, text: () => wellKnown.body }) as Awaited<
          ReturnType<VerificationProbes['client']['request']>
        >,
    },
    resolveTxt: async (hostname) => {
      const records = txt[hostname];
      if (records === undefined) throw Object.assign(new Error('queryTxt ENOTFOUND'), { code: 'ENOTFOUND' });
      return records;
    },
  };
}

describe('findToken', () => {
  const url = new URL('https://app.example.com/shop');

  it('finds the token as a line of the well-known file', async () => {
    expect(await findToken(url, TOKEN, probes({ status: 200, body: `other\n${TOKEN}\n` }))).toBe('http');
  });

  it('falls back to the TXT record _trellis-verification.<host> (chunks joined)', async () => {
    const dns = { '_trellis-verification.app.example.com': [['trellis-verification=', 'abc']] };
    expect(await findToken(url, TOKEN, probes({ status: 404, body: TOKEN }, dns))).toBe('dns');
  });

  it('finds nothing when neither holds the exact token', async () => {
    const dns = { '_trellis-verification.app.example.com': [['trellis-verification=abcd']] };
    expect(await findToken(url, TOKEN, probes({ status: 200, body: 'trellis-verification=ab' }, dns))).toBeUndefined();
  });
});

describe('loadTargetProblem', () => {
  const allowance = { allowList: ['127.0.0.0/8', '::1', 'localhost'], verifiedHosts: new Set(['app.example.com']) };

  it.each([
    'http://127.0.0.1:8080/',
    'http://localhost:3000/x',
    'http://[::1]:80/',
    'https://app.example.com/cart',
    'https://APP.example.com./cart',
  ])('allows %s', (url) => {
    expect(loadTargetProblem(url, allowance)).toBeUndefined();
  });

  it.each(['https://example.com/', 'https://api.app.example.com/', 'http://10.0.0.1/', 'http://[::2]/'])(
    'refuses %s, naming the host',
    (url) => {
      const problem = loadTargetProblem(url, allowance);
      expect(problem && localize(problem)).toMatch(/is not the verified host/);
    },
  );
});

describe('isAllowListed', () => {
  it('matches host names exactly and IP literals by address or CIDR, never public addresses by default', () => {
    const list = ['127.0.0.0/8', 'localhost', '192.0.2.7'];
    expect(isAllowListed(list, '127.1.2.3')).toBe(true);
    expect(isAllowListed(list, '192.0.2.7')).toBe(true);
    expect(isAllowListed(list, 'LOCALHOST.')).toBe(true);
    expect(isAllowListed(list, '8.8.8.8')).toBe(false);
    expect(isAllowListed(list, 'localhost.example.com')).toBe(false);
    expect(isAllowListed([], '127.0.0.1')).toBe(false);
  });
});
