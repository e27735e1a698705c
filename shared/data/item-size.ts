/**
 * The stored size of `item` (a top-level map of attributes), by DynamoDB's rules.
 *
 * DynamoDB refuses an item over 400 KB (409,600 bytes), counting attribute names and values
 * as https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * describes. A write that would exceed it fails with a ValidationException, which is a 500
 * unless the size is checked first: `itemSizeBytes` computes it the same way, on the plain
 * JavaScript item the document client marshals.
 */
export function itemSizeBytes(item: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    bytes += Buffer.byteLength(name) + valueSizeBytes(value);
  }
  return bytes;
}

/** One value's size, walked without recursion (user JSON may nest deep). */
function valueSizeBytes(root: unknown): number {
  let bytes = 0;
  const pending: unknown[] = [root];
  for (let value = pending.pop(); pending.length > 0 || value !== undefined; value = pending.pop()) {
    if (value === null || typeof value === 'boolean') bytes += 1;
    else if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (typeof value === 'number' || typeof value === 'bigint') bytes += numberSizeBytes(value);
    else if (value instanceof Uint8Array) bytes += value.byteLength;
    else if (value instanceof Set) {
      // Sets have no per-element overhead.
      for (const element of value) pending.push(element);
    } else if (Array.isArray(value)) {
      // 3 bytes per list, 1 per element.
      bytes += 3 + value.length;
      for (const element of value) if (element !== undefined) pending.push(element);
    } else if (typeof value === 'object') {
      // 3 bytes per map, 1 per element plus its name.
      bytes += 3;
      for (const [name, element] of Object.entries(value)) {
        if (element === undefined) continue;
        bytes += 1 + Buffer.byteLength(name);
        pending.push(element);
      }
    }
  }
  return bytes;
}

/** Numbers take 1 byte per two significant digits plus 1, at most 21. */
function numberSizeBytes(value: number | bigint): number {
  const digits = String(value)
    .replace(/^-/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.min(21, Math.ceil(Math.max(digits.length, 1) / 2) + 1);
}
