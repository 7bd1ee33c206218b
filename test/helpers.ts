/** Shared test helpers: run the real CLI, ask the real doctor, make throwaway C programs. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { driversDir, repoRoot } from '../src/paths.js';
import { runtimes, type RuntimeRow } from '../src/api.js';

export const cli = join(repoRoot, 'bin', 'wasmlab.js');
/** Runs a notebook on the kernel and prints every cell's outputs as JSON (errors allowed). */
export const notebookOutputs = join(driversDir, 'notebook_outputs.py');

export async function wasmlab(args: string[], opts: { reject?: boolean } = {}) {
  return execa(process.execPath, [cli, ...args], { reject: opts.reject ?? true, cwd: repoRoot, all: false });
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

/** One executed cell as drivers/notebook_outputs.py reports it. */
export interface NotebookCell {
  source: string;
  outputs: { type: string; name?: string; text?: string; data?: Record<string, unknown>; ename?: string; evalue?: string }[];
}

/** The text a cell wrote to a stream ("stdout" or "stderr"). */
export function streamOf(c: NotebookCell, name: 'stdout' | 'stderr'): string {
  return c.outputs.filter((o) => o.type === 'stream' && o.name === name).map((o) => o.text).join('');
}

/**
 * Write a notebook of these code cells to `dir/name.ipynb` and execute it on the real wasmlab
 * kernel (nbclient, with errors allowed), in `dir`; the cells with their outputs.
 */
export async function runCells(dir: string, name: string, cells: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<NotebookCell[]> {
  const nb = join(dir, `${name}.ipynb`);
  writeFileSync(nb, JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'wasmlab', display_name: 'TypeScript (wasmlab)', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  }));
  const r = await execa(join(repoRoot, '.venv', 'bin', 'python'), [notebookOutputs, nb], {
    cwd: dir, env, timeout: 15 * 60_000, maxBuffer: 256 * 1024 * 1024,
  });
  return (JSON.parse(r.stdout) as { cells: NotebookCell[] }).cells;
}
