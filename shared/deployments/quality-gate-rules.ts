import { gateFailureReason } from '#shared/analysis/gate/rules';
import * as m from '#shared/deployments/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';
import type { AnalysisStatus } from '#shared/schemas/analyses';
import type { GateResult } from '#shared/schemas/quality-gate';

// A pipeline's `quality-gate` stage as a decision without I/O: given the analyses of the
// deployment's version and how long the stage has waited, whether it passes, fails (and why)
// or polls again. shared/deployments/quality-gate-stage.ts reads the analyses and records it.

/** What the stage reads of one analysis of the version. */
export interface VersionAnalysis {
  id: string;
  status: AnalysisStatus;
  /** The quality gate's verdict on it; null until it completed, or when no gate was evaluated. */
  gate: GateResult | null;
  /** A failed analysis's stable failure code; null otherwise. */
  failureCode: string | null;
}

/** How long the stage has waited and may wait, in epoch milliseconds and seconds. */
export interface QualityGateClock {
  /** When the stage started (its first check). */
  startedAt: number;
  now: number;
  /** The stage's `waitSeconds`: how long it waits for an analysis to complete. */
  waitSeconds: number;
  /** How often it looks again while it waits. */
  pollSeconds: number;
}

/** What the stage does next. */
export type QualityGateVerdict =
  | { outcome: 'passed'; analysisId: string; gateStatus: 'passed' }
  | { outcome: 'failed'; analysisId: string | null; gateStatus: 'failed' | null; reason: LocalizedText }
  | { outcome: 'waiting'; analysisId: string | null; pollSeconds: number };

const IN_PROGRESS: ReadonlySet<AnalysisStatus> = new Set(['waiting_for_upload', 'queued', 'running']);

/**
 * Judges the stage on the analyses of `version` (newest first). The newest completed analysis
 * decides: its gate passed, failed (the reason names each failing condition), or it has no
 * gate result (fails: nothing vouches for the version). Without a completed one the stage
 * waits for the newest analysis in progress, or for one to be created, until `waitSeconds`
 * from its start; a failed analysis with none in progress fails the stage at once.
 */
export function judgeQualityGate(
  version: string,
  analyses: readonly VersionAnalysis[],
  clock: QualityGateClock,
): QualityGateVerdict {
  const completed = analyses.find((analysis) => analysis.status === 'completed');
  if (completed) return judgeCompleted(version, completed);
  const inProgress = analyses.find((analysis) => IN_PROGRESS.has(analysis.status));
  const failed = analyses.find((analysis) => analysis.status === 'failed');
  if (!inProgress && failed) {
    return {
      outcome: 'failed',
      analysisId: failed.id,
      gateStatus: null,
      reason: m.qualityGateAnalysisFailed({ analysisId: failed.id, version, code: failed.failureCode ?? 'unknown' }),
    };
  }
  const remainingMs = clock.startedAt + clock.waitSeconds * 1000 - clock.now;
  const analysisId = inProgress?.id ?? null;
  if (remainingMs <= 0) {
    return {
      outcome: 'failed',
      analysisId,
      gateStatus: null,
      reason: m.qualityGateNoAnalysis({ version, seconds: clock.waitSeconds }),
    };
  }
  // The last look falls on the deadline, not up to one interval past it.
  return { outcome: 'waiting', analysisId, pollSeconds: Math.min(clock.pollSeconds, Math.ceil(remainingMs / 1000)) };
}

function judgeCompleted(version: string, analysis: VersionAnalysis): QualityGateVerdict {
  const { id: analysisId, gate } = analysis;
  if (!gate) {
    return { outcome: 'failed', analysisId, gateStatus: null, reason: m.qualityGateNoResult({ analysisId, version }) };
  }
  if (gate.status === 'passed') return { outcome: 'passed', analysisId, gateStatus: 'passed' };
  return {
    outcome: 'failed',
    analysisId,
    gateStatus: 'failed',
    reason: gateFailureReason(gate) ?? m.qualityGateFailedWithoutConditions({ analysisId }),
  };
}
