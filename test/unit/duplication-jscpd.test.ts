/**
 * Our duplication analysis against the reference, jscpd 5.3.2 run for real (node_modules/.bin/jscpd,
 * `--mode weak --ignore-identifiers --ignore-literals`, min tokens 50), on trees of this machine
 * that nobody here wrote. The tolerances and why they are what they are: docs/analysis.md,
 * "Duplication".
 */

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicatedLineSet, pairRecall, runJscpd, runOurs, shareIn } from '../support/jscpd.ts';

const TREES = [
  {
    name: 'Python standard library, email package',
    root: '/root/.pyenv/versions/3.11.7/lib/python3.11/email',
    extension: '.py',
  },
  {
    name: 'JavaScript of the yaml package',
    root: join(import.meta.dirname, '../../node_modules/yaml/dist'),
    extension: '.js',
  },
  { name: 'Perl core Pod modules', root: '/usr/share/perl/5.36/Pod', extension: '.pm' },
];

/** Percentage points between the two tools' overall duplicated-lines percentages. */
const PERCENTAGE_POINTS = 2.5;
/** Share of jscpd's clone pairs that one of our blocks must cover on both sides. */
const PAIR_RECALL = 0.95;
/** Share of jscpd's duplicated lines we also mark, and of ours that jscpd also marks. */
const LINE_RECALL = 0.95;
const LINE_PRECISION = 0.9;

describe('duplication compared with jscpd 5.3.2', () => {
  for (const { name, root, extension } of TREES) {
    it(`agrees on ${name}`, { timeout: 30_000 }, async () => {
      const theirs = await runJscpd(root, extension);
      const ours = await runOurs(root, extension);
      expect(theirs.pairs.length).toBeGreaterThan(10);

      const theirPercentage = (theirs.duplicatedLines / theirs.totalLines) * 100;
      const ourPercentage = (ours.duplicatedLines / ours.totalLines) * 100;
      expect(Math.abs(ourPercentage - theirPercentage)).toBeLessThanOrEqual(PERCENTAGE_POINTS);

      expect(pairRecall(theirs.pairs, ours.report)).toBeGreaterThanOrEqual(PAIR_RECALL);
      const theirLines = duplicatedLineSet(theirs.pairs);
      const ourLines = duplicatedLineSet(ours.pairs);
      expect(shareIn(theirLines, ourLines)).toBeGreaterThanOrEqual(LINE_RECALL);
      expect(shareIn(ourLines, theirLines)).toBeGreaterThanOrEqual(LINE_PRECISION);
    });
  }
});
