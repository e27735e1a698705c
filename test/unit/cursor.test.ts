import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#shared/data/cursor';
import { AppError } from '#shared/http/errors';

const shape = { attributes: ['PK', 'SK'], partition: { PK: 'PROJECT#p1' } } as const;

describe('pagination cursors', () => {
  it('round-trip the key they were issued for', () => {
    const key = { PK: 'PROJECT#p1', SK: 'MEMBER#u9' };
    expect(decodeCursor(encodeCursor(key) ?? undefined, shape)).toEqual(key);
  });

  it('mean "no more pages" when there is no last key', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  it('refuse a cursor issued for another partition', () => {
    const foreign = encodeCursor({ PK: 'PROJECT#p2', SK: 'MEMBER#u9' }) ?? '';
    expect(() => decodeCursor(foreign, shape)).toThrow(
      expect.objectContaining({ status: 400, code: 'INVALID_CURSOR' }),
    );
  });

  it('refuse extra or non-scalar attributes', () => {
    const extra = encodeCursor({ PK: 'PROJECT#p1', SK: 'x', GSI1PK: 'USER#a' }) ?? '';
    const nested = Buffer.from(JSON.stringify({ PK: 'PROJECT#p1', SK: { S: 'x' } })).toString('base64url');
    expect(() => decodeCursor(extra, shape)).toThrow(AppError);
    expect(() => decodeCursor(nested, shape)).toThrow(AppError);
  });

  it('answer any garbage with a 400, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (garbage) => {
        try {
          decodeCursor(garbage, shape);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).status).toBe(400);
        }
      }),
    );
  });
});
