import { appendFile } from 'node:fs/promises';

/** Appends lines to the bus's files (archive, dead letters) in call order. */
export interface OrderedAppender {
  append(file: string, lines: string): Promise<void>;
  /** Resolves once every append asked for so far is written. */
  settled(): Promise<void>;
}

/** One queue for all appends: concurrent PutEvents and deliveries never interleave half lines. */
export function createOrderedAppender(): OrderedAppender {
  let writes: Promise<void> = Promise.resolve();
  return {
    append(file, lines) {
      writes = writes.then(() => appendFile(file, lines));
      return writes;
    },
    settled: () => writes,
  };
}
