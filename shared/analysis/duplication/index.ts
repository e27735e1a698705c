/**
 * Duplication analysis (issue 10): per file in the batches (fingerprintFile, serialized to S3),
 * then across the whole snapshot in the merge (findDuplication). Reference: jscpd 5.3.2.
 */

export {
  type CloneBlock,
  DEFAULT_MIN_LINES,
  type DuplicationOptions,
  type DuplicationReport,
  type FileDuplication,
  findDuplication,
} from './detect.ts';
export {
  DEFAULT_MIN_TOKENS,
  deserializeFingerprints,
  type FileFingerprints,
  fingerprintFile,
  serializeFingerprints,
} from './fingerprints.ts';
