/** Shared test helpers: run the real CLI, ask the real doctor, make throwaway C programs (notebooks: notebook-helpers.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { execa } from 'execa';
import { repoRoot } from '../src/paths.js';
import { runtimes, type RuntimeRow, type RunRecord } from '../src/api.js';

export const cli = join(repoRoot, 'bin', 'wasmlab.js');

/** Run the CLI; `keepNewline` keeps the output's final line break (execa strips it by default). */
export async function wasmlab(args: string[], opts: { reject?: boolean; keepNewline?: boolean } = {}) {
  return execa(process.execPath, [cli, ...args], { reject: opts.reject ?? true, cwd: repoRoot, all: false, stripFinalNewline: !opts.keepNewline });
}

let doctorRows: Promise<RuntimeRow[]> | undefined;
export function doctor(): Promise<RuntimeRow[]> {
  return (doctorRows ??= runtimes());
}

/**
 * Runtimes CI requires (WASMLAB_REQUIRE_RUNTIMES=wasmtime,wasm3,…): a missing one fails there
 * instead of being skipped, so a setup regression cannot hide behind a skip.
 */
export function required(runtime: string): boolean {
  return (process.env.WASMLAB_REQUIRE_RUNTIMES ?? '').split(',').map((s) => s.trim()).includes(runtime);
}

/**
 * The ids among `want` (e.g. "wasmtime:cranelift") available here. A missing one fails the test
 * where CI requires its runtime, and is reported loudly (as a diagnostic) everywhere else.
 */
export async function availableTargets(t: { diagnostic: (m: string) => void }, want: string[]): Promise<string[]> {
  const rows = await doctor();
  return want.filter((id) => {
    const row = rows.find((r) => r.id === id);
    if (row?.available) return true;
    if (required(id.split(':')[0]!)) assert.fail(`${id} is required here but unavailable: ${row?.reason}`);
    t.diagnostic(`SKIPPED RUNTIME ${id}: ${row?.reason}`);
    return false;
  });
}

/** Write a one-file benchmark folder (bench.json + main.c) and return its path. */
export function tempBenchmark(name: string, source: string, manifest: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `wasmlab-test-${name}-`));
  writeFileSync(join(dir, 'main.c'), source);
  writeFileSync(join(dir, 'bench.json'), JSON.stringify({
    id: `test/${name}`, group: 'test', category: 'test', language: 'c', description: name, origin: 'test',
    sources: ['main.c'], ldflags: ['-lm'], sizes: { mini: [] }, check: 'stdout', ...manifest,
  }));
  return dir;
}

/** The three benchmarks a runtime-version test runs on each target. */
export const SMOKE_BENCHMARKS = ['polybench/gemm', 'mibench/crc32', 'jetstream/quicksort'] as const;

/**
 * Each [runtime, mode, version line] target ran the three smoke benchmarks `ok`, with native's
 * output and that version line; `kernel` also checks the program's own kernel time (> 0, or ≥ 0).
 */
export function assertSmokeRows(rows: RunRecord[], want: [string, string, RegExp][], kernel?: 'positive' | 'non-negative'): void {
  for (const [runtime, mode, version] of want) {
    for (const b of SMOKE_BENCHMARKS) {
      const r = rows.find((x) => x.runtime === runtime && x.mode === mode && x.benchmark === b);
      assert.ok(r, `no row for ${b} on ${runtime}:${mode}`);
      assert.equal(r.status, 'ok', `${b} on ${runtime}:${mode}: ${r.status} ${r.reason}`);
      assert.equal(r.output_ok, true, `${b} on ${runtime}:${mode}: output differs from native`);
      assert.match(r.runtime_version, version);
      if (kernel) assert.ok(r.kernel_s !== null && (kernel === 'positive' ? r.kernel_s > 0 : r.kernel_s >= 0), `${b} on ${runtime}:${mode}: kernel_s from the program's own line`);
    }
  }
}

/**
 * The local Slurm of `setup.sh --with slurm`, up before this file's tests and down after them.
 * `have` is false without it: tests then skip with `why` (and fail where CI requires Slurm).
 */
export function useLocalSlurm(): { have: boolean; why: string } {
  const have = spawnSync('which', ['slurmctld']).status === 0;
  const why = 'Slurm is not installed (bash setup/setup.sh --with slurm)';
  before(async () => {
    if (!have) {
      if (required('slurm')) assert.fail(`${why}, and CI requires it`);
      return;
    }
    await wasmlab(['slurm', 'local', 'up']);
  });
  after(async () => {
    if (have) await wasmlab(['slurm', 'local', 'down']);
  });
  return { have, why };
}
