/**
 * `tsx scripts/bench/cold-start.ts <before results.json> <after results.json>`: prints the
 * before → after table of two `npm run bench -- --only bundle,init` runs (each writes
 * .bench/out/results.json) for docs/benchmarks.md, "Cold start (issue 9 item 8)".
 */
import { readFile } from 'node:fs/promises';
import { coldStartComparison, type RawRun } from './report/cold-start.ts';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) throw new Error('usage: cold-start.ts <before results.json> <after results.json>');
const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as RawRun;
process.stdout.write(`${coldStartComparison(await read(beforeFile), await read(afterFile))}\n`);
