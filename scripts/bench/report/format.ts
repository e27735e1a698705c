/** One line of the report's targets table, added by the section that measured it. */
export interface TargetLine {
  target: string;
  result: string;
  pass: boolean;
}

// Number formats shared by the sections, so one figure reads the same everywhere.
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`;
export const ms = (value: number) => value.toFixed(Math.abs(value) < 10 ? 2 : 1);
export const signedMs = (value: number) => `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
export const us = (ns: number) => (ns / 1000).toFixed(2);
export const ratio = (value: number) => `${value.toFixed(2)}×`;

/** A markdown table; the columns in `rightAligned` (by index) align right. */
export function table(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const align = headers.map((_, i) => (rightAligned.includes(i) ? '---:' : '---'));
  return [headers, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
