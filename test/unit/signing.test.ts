import { describe, expect, it } from 'vitest';
import { signatureHeaders, signatureProblem } from '#shared/deployments/signing';
import { type LocalizedText, localize } from '#shared/i18n/catalogue';

const reasonOf = (problem: LocalizedText | null) => (problem === null ? null : localize(problem));

const SECRET = 'a-signing-secret-of-some-length';
const BODY = '{"status":"succeeded"}';
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('callback signatures', () => {
  it('accept what was signed with the same secret', () => {
    expect(signatureProblem(BODY, signatureHeaders(BODY, SECRET, NOW), SECRET, NOW)).toBeNull();
  });

  it('refuse unsigned, tampered, wrongly keyed and stale requests', () => {
    const headers = signatureHeaders(BODY, SECRET, NOW);
    expect(reasonOf(signatureProblem(BODY, {}, SECRET, NOW))).toMatch(/not signed/);
    expect(reasonOf(signatureProblem('{"status":"failed"}', headers, SECRET, NOW))).toMatch(/does not match/);
    expect(reasonOf(signatureProblem(BODY, headers, 'another-secret-entirely', NOW))).toMatch(/does not match/);
    expect(reasonOf(signatureProblem(BODY, headers, SECRET, NOW + 301_000))).toMatch(/300 seconds/);
    expect(reasonOf(signatureProblem(BODY, { ...headers, 'x-trellis-signature': 'md5=abc' }, SECRET, NOW))).toMatch(
      /sha256/,
    );
  });

  it('sign "<timestamp>.<body>" with HMAC-SHA256 as documented', async () => {
    const { createHmac } = await import('node:crypto');
    const headers = signatureHeaders(BODY, SECRET, NOW);
    const expected = createHmac('sha256', SECRET).update(`${headers['x-trellis-timestamp']}.${BODY}`).digest('hex');
    expect(headers['x-trellis-signature']).toBe(`sha256=${expected}`);
  });
});

describe('callback signatures bound to their callback', () => {
  const CALLBACK = '01jd0000000000000000000001';

  it('accept a signature made over the same callback id', () => {
    const headers = signatureHeaders(BODY, SECRET, NOW, CALLBACK);
    expect(signatureProblem(BODY, headers, SECRET, NOW, CALLBACK)).toBeNull();
  });

  it('refuse a signature captured on another callback, or made without a callback id', () => {
    const other = signatureHeaders(BODY, SECRET, NOW, '01jd0000000000000000000002');
    expect(reasonOf(signatureProblem(BODY, other, SECRET, NOW, CALLBACK))).toMatch(/does not match/);
    expect(reasonOf(signatureProblem(BODY, signatureHeaders(BODY, SECRET, NOW), SECRET, NOW, CALLBACK))).toMatch(
      /does not match/,
    );
  });

  it('sign "<timestamp>.<callbackId>.<body>" with HMAC-SHA256 as documented', async () => {
    const { createHmac } = await import('node:crypto');
    const headers = signatureHeaders(BODY, SECRET, NOW, CALLBACK);
    const expected = createHmac('sha256', SECRET)
      .update(`${headers['x-trellis-timestamp']}.${CALLBACK}.${BODY}`)
      .digest('hex');
    expect(headers['x-trellis-signature']).toBe(`sha256=${expected}`);
  });
});
