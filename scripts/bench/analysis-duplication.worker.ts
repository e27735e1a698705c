/**
 * The merge phase alone, in its own Node process so that its peak resident set is its own
 * (see analysis-duplication.ts): reads serialized records from the file named by argv[2], runs
 * the merge, and prints its timing and memory as JSON.
 */
import { readFileSync } from 'node:fs';
import { deserializeFingerprints, findDuplication } from '#shared/analysis/duplication/index';

/** What the merge process reports. */
export interface MergeSample {
  milliseconds: number;
  /** Resident set before the records were read, and the process's peak. */
  residentBeforeBytes: number;
  maxResidentBytes: number;
  percentage: number;
  blocks: number;
}

const residentBeforeBytes = process.memoryUsage().rss;
const started = performance.now();
const report = findDuplication(deserializeFingerprints(readFileSync(process.argv[2] as string)));
const sample: MergeSample = {
  milliseconds: performance.now() - started,
  residentBeforeBytes,
  maxResidentBytes: process.resourceUsage().maxRSS * 1024,
  percentage: report.percentage,
  blocks: report.blocks.length,
};
process.stdout.write(JSON.stringify(sample));
