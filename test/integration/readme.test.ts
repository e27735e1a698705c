import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * The README's examples, run as a reader would paste them: every ```sh block in order, in one
 * bash, against the shared local stack (PORT set to its port, as the README's `API=` line expects).
 * `curl` fails on any HTTP error here, so "exits 0" means every call was answered 2xx.
 * Blocks fenced ```sh no-run are skipped, each with the reason in an HTML comment above it.
 */

const README = new URL('../../README.md', import.meta.url);
const FENCE = /^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm;

interface Block {
  line: number;
  /** The `## ` heading the block stands under. */
  section: string;
  runnable: boolean;
  reason: string;
  code: string;
}

function shellBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(FENCE)]
    .filter((match) => match[1] === 'sh')
    .map((match) => {
      const before = markdown.slice(0, match.index).trimEnd().split('\n');
      const heading = before.findLast((text) => text.startsWith('## ')) ?? '';
      return {
        line: before.length + 1,
        section: heading.slice(3).trim(),
        runnable: (match[2] ?? '').trim() !== 'no-run',
        reason: before.at(-1) ?? '',
        code: match[3] ?? '',
      };
    });
}

// Fails on HTTP errors, and says which call failed with the problem body it got.
const PRELUDE = `set -euo pipefail
curl() {
  local out
  if ! out=$(command curl --fail-with-body "$@"); then echo "curl $* failed: $out" >&2; printf '%s\\n' "$out"; return 22; fi
  printf '%s\\n' "$out"
}
`;

function runBash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('README examples', () => {
  const apiUrl = new URL(inject('apiUrl'));
  let workDir = '';
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('every sh block runs as pasted against the local stack, in order, and answers what the README says', async () => {
    // Prepare
    const blocks = shellBlocks(await readFile(README, 'utf8'));
    const runnable = blocks.filter((block) => block.runnable);
    for (const block of blocks.filter((candidate) => !candidate.runnable)) {
      console.info(`README.md:${block.line} skipped: ${block.reason}`);
      expect(block.reason, `README.md:${block.line} says why it is not run`).toMatch(
        /^<!-- Not run by the README test \(.+\) -->$/,
      );
    }
    expect(runnable.length).toBeGreaterThanOrEqual(3);
    for (const block of runnable) {
      expect(block.code, `README.md:${block.line} has a placeholder`).not.toMatch(/…| \.\.\. /);
    }
    workDir = await mkdtemp(join(tmpdir(), 'trellis-readme-'));
    const script =
      PRELUDE + runnable.map((block) => `printf '\\n### README.md:${block.line}\\n'\n${block.code}`).join('\n');

    // Act
    const run = await runBash(script, workDir, { PORT: apiUrl.port });

    // Assess: every command exited 0, and the key answers are there, block by block.
    expect(apiUrl.hostname).toBe('127.0.0.1');
    expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    const outputs = run.stdout.split(/^### README\.md:\d+$/m).slice(1);
    expect(outputs).toHaveLength(runnable.length);
    const outputOf = (section: string) => {
      const index = runnable.findIndex((block) => block.section === section);
      expect(index, `a runnable block under "## ${section}"`).toBeGreaterThanOrEqual(0);
      return outputs[index] ?? '';
    };
    const start = outputOf('Quick start');
    expect(start).toContain('"status":"ok"');
    expect(start).toContain('"email":"ada@example.com"');
    expect(start).toMatch(/"key":"DE\d+","name":"Difference Engine"/);
    expect(start).toContain('200 text/html; charset=utf-8');
    expect(JSON.parse(await readFile(join(workDir, 'openapi.json'), 'utf8'))).toMatchObject({ openapi: '3.1.0' });
    expect(outputOf('Members and accounts in one minute')).toMatch(/"name":"Grace","role":"developer"/);
    const languages = outputOf('Languages in one minute');
    expect(languages).toContain('"title":"Validation failed"');
    expect(languages).toContain('"title":"校验失败"');
    expect(languages.match(/"code":"VALIDATION_FAILED"/g)).toHaveLength(2);
    expect(languages).toContain('"locale":"zh-CN"');
    expect(outputOf('Deployments in one minute')).toMatch(/"version":"v1\.4\.2"/);
    const tests = outputOf('Tests in one minute');
    expect(tests).toContain('"suiteName":"Smoke"');
    expect(tests).toContain('"source":"import"');
    expect(tests).toContain('"format":"html"');
    const analysis = outputOf('Code analysis in one minute');
    expect(analysis).toContain('"status":"completed"');
    const summaries = analysis
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"summary"'))
      .map((line) => JSON.parse(line) as { summary: { languages: unknown[] } });
    expect(summaries.at(-1)?.summary.languages).toContainEqual({
      language: 'JavaScript',
      files: 1,
      code: 3,
      comment: 1,
      blank: 0,
    });
    expect(analysis).toMatch(/"functionList":\[\{"name":"add","startLine":2,"endLine":4,"parameters":2/);
    const documents = outputOf('Design documents and search');
    expect(documents).toMatch(/"key":"DE\d+-1","number":1,/);
    expect(documents).toMatch(/^etag: "1"/im);
    expect(documents).toContain('<h2 id="acceptance-criteria">Acceptance criteria</h2>');
    expect(documents).toMatch(/"version":2,.*"body":"# Sign-in/);
    expect(documents).toContain('+2. A wrong one is refused.');
    const gate = outputs[runnable.findIndex((block) => block.code.includes('/quality-gate'))] ?? '';
    expect(gate).toContain('"isDefault":false');
    expect(gate).toMatch(
      /"coverage":\{"format":"lcov","files":1,"coveredLines":2,"instrumentedLines":2,"percentage":100,/,
    );
    const verdict = JSON.parse(gate.trim().split('\n').at(-1) ?? '{}');
    expect(verdict).toMatchObject({
      status: 'passed',
      conditions: [
        { metric: 'max_cyclomatic_complexity', actual: 1, status: 'passed' },
        { metric: 'line_coverage_percent', actual: 100, status: 'passed' },
      ],
    });
    const repository = outputs[runnable.findIndex((block) => block.code.includes('"repository"'))] ?? '';
    expect(repository).toContain(
      '"url":"https://github.com/octocat/Hello-World.git","defaultBranch":"master","tokenSet":true',
    );
    expect(repository).not.toContain('github_pat_read_only');
  }, 120_000);
});
