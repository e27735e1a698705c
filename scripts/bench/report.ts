import type { DuplicationBench } from './analysis-duplication.ts';
import type { FullAnalysisResult } from './analysis-full.ts';
import type { LineCountingResult } from './analysis-lines.ts';
import type { BundleSizeResult } from './bundle-size.ts';
import type { DeploymentRunResult } from './deployment-run.ts';
import type { MachineInfo } from './environment.ts';
import type { HandlerOverheadResult } from './handler-overhead.ts';
import type { InitTimeResult } from './init-time.ts';
import type { JUnitImportResult } from './junit-import.ts';
import type { LoadEngineComparison } from './load-engine.ts';
import type { LocalLatencyResult } from './local-latency.ts';
import { analysisSection } from './report/analysis.ts';
import { bundleSection } from './report/bundle-size.ts';
import { deploymentSection } from './report/deployment-run.ts';
import type { TargetLine } from './report/format.ts';
import { initSection } from './report/init-time.ts';
import { junitImportSection } from './report/junit-import.ts';
import { loadEngineSection } from './report/load-engine.ts';
import { localSection } from './report/local-latency.ts';
import { header, summary } from './report/overview.ts';
import { perCallSection } from './report/per-call.ts';
import { searchServiceSection } from './report/search-service.ts';
import type { SearchServiceResult } from './search-service.ts';

export interface BenchResults {
  startedAt: Date;
  durationMs: number;
  machine: MachineInfo;
  loadAtEnd: number;
  esbuildVersion?: string;
  bundles?: BundleSizeResult;
  /** The function whose delta is broken down by package. */
  typicalFunction: string;
  classicZod?: { id: string; miniBytes: number; classicBytes: number };
  init?: InitTimeResult;
  perCall?: HandlerOverheadResult;
  local?: LocalLatencyResult;
  deployment?: DeploymentRunResult;
  loadEngine?: LoadEngineComparison;
  junitImport?: JUnitImportResult;
  analysisLines?: LineCountingResult;
  analysisDuplication?: DuplicationBench;
  analysisFull?: FullAnalysisResult;
  searchService?: SearchServiceResult;
  /** Sections that could not be measured, with the reason. */
  failures: Record<string, string>;
}

/** Renders docs/benchmarks.md from one run's results. */
export function renderReport(results: BenchResults): string {
  const targets: TargetLine[] = [];
  const sections = [
    bundleSection(results, targets),
    initSection(results, targets),
    perCallSection(results, targets),
    localSection(results, targets),
    deploymentSection(results, targets),
    loadEngineSection(results, targets),
    junitImportSection(results, targets),
    analysisSection(results, targets),
    searchServiceSection(results, targets),
  ];
  return `${[header(results), summary(targets, results), ...sections].join('\n\n')}\n`;
}
