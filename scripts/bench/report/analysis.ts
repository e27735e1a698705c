import { renderDuplicationBench } from '../analysis-duplication.ts';
import { FULL_ANALYSIS_TARGET_MS, renderFullAnalysis } from '../analysis-full.ts';
import { LINES_SPEEDUP_TARGET, renderLineCounting } from '../analysis-lines.ts';
import type { BenchResults } from '../report.ts';
import { ratio, type TargetLine } from './format.ts';

/** Section 8: the code-analysis engine against the reference tools (cloc, jscpd) and end to end, with its target lines. */
export function analysisSection(results: BenchResults, targets: TargetLine[]): string {
  const title = '## 8. Code analysis vs the reference tools';
  const { analysisLines, analysisDuplication, analysisFull } = results;
  const parts = [title, ''];
  if (analysisLines) {
    targets.push({
      target: `Line counting ≥ ${LINES_SPEEDUP_TARGET}× cloc 1.96's lines per second, one core each, same files`,
      result: `${ratio(analysisLines.speedup)} (${Math.round(analysisLines.oursLinesPerSecond).toLocaleString('en-US')} against ${Math.round(analysisLines.clocLinesPerSecond).toLocaleString('en-US')} lines/s)`,
      pass: analysisLines.speedup >= LINES_SPEEDUP_TARGET,
    });
    parts.push(renderLineCounting(analysisLines));
  } else {
    parts.push(`Line counting not measured: ${results.failures['Line counting'] ?? 'skipped'}.`, '');
  }
  if (analysisDuplication) {
    parts.push(renderDuplicationBench(analysisDuplication));
  } else {
    parts.push(`Duplication not measured: ${results.failures.Duplication ?? 'skipped'}.`, '');
  }
  if (analysisFull) {
    const slowest = analysisFull.rounds.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
    const peak =
      slowest.stackPeakKb === null
        ? 'peak RSS not measured'
        : `stack process peak RSS ${(slowest.stackPeakKb / 1024).toFixed(0)} MB`;
    targets.push({
      target: `Full analysis of a ~200,000-line tree (${analysisFull.cloc.code.toLocaleString('en-US')} code lines by cloc) through the local API < ${FULL_ANALYSIS_TARGET_MS / 1000} s, every analysis`,
      result: `slowest ${(analysisFull.maxWallMs / 1000).toFixed(1)} s of ${analysisFull.rounds.length} (${peak}); cloc alone ${(analysisFull.cloc.ms / 1000).toFixed(1)} s`,
      pass: analysisFull.maxWallMs < FULL_ANALYSIS_TARGET_MS,
    });
    parts.push(renderFullAnalysis(analysisFull));
  } else {
    parts.push(`Full analysis not measured: ${results.failures['Full analysis'] ?? 'skipped'}.`, '');
  }
  return parts.join('\n');
}
