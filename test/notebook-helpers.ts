/**
 * Shared helpers of the tests that run notebooks on the real wasmlab kernel: the checkout's venv
 * and kernel spec, executing a notebook with nbclient (drivers/notebook_outputs.py, errors
 * allowed), reading what each cell printed or displayed, and reading a saved executed notebook.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { execa } from 'execa';
import { driversDir, repoRoot } from '../src/paths.js';
import { installKernelSpec } from '../kernel/spec.js';

/** The checkout's own venv (setup/steps/python.sh), which has Jupyter and the kernel spec. */
export const venvPython = join(repoRoot, '.venv', 'bin', 'python');
/** Runs a notebook on the kernel and prints every cell's outputs as JSON (errors allowed). */
export const notebookOutputs = join(driversDir, 'notebook_outputs.py');

/** One output of an executed cell as drivers/notebook_outputs.py reports it. */
export interface NotebookOutput { type: string; name?: string; text?: string; data?: Record<string, unknown>; ename?: string; evalue?: string }
/** One executed code cell. */
export interface NotebookCell { source: string; outputs: NotebookOutput[] }

/** For a `before` hook: the venv is there (else fail, naming the fix) and the kernel spec points at this checkout. */
export async function kernelReady(): Promise<void> {
  assert.ok(existsSync(venvPython), `no venv at ${venvPython}: run bash setup/setup.sh --no-demo`);
  await installKernelSpec();
}

export interface PyOptions {
  /** The whole process's limit. */
  timeoutMs: number;
  /** Default: test/notebooks. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Run a Python script with the venv's python (a bare name is one of test/py/) and parse its stdout as JSON. */
export async function pyJson<T>(script: string, args: string[], opts: PyOptions): Promise<T> {
  const r = await execa(venvPython, [isAbsolute(script) ? script : join(repoRoot, 'test', 'py', script), ...args], {
    cwd: opts.cwd ?? join(repoRoot, 'test', 'notebooks'), env: opts.env ?? process.env, timeout: opts.timeoutMs, maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(r.stdout) as T;
}

/** Execute the notebook file `nb` (`out`: also save it executed; `cellTimeoutS`: nbclient's per-cell limit). */
export async function executeNotebook(nb: string, opts: PyOptions & { out?: string; cellTimeoutS?: number }): Promise<NotebookCell[]> {
  const args = [nb, ...(opts.out ? ['--out', opts.out] : []), ...(opts.cellTimeoutS ? ['--timeout', String(opts.cellTimeoutS)] : [])];
  return (await pyJson<{ cells: NotebookCell[] }>(notebookOutputs, args, opts)).cells;
}

/**
 * Write a notebook of these code cells to `dir/name.ipynb` and execute it on the real wasmlab
 * kernel, in `dir` (by default with this process's environment, 15 minutes in all).
 */
export async function runCells(dir: string, name: string, cells: readonly string[], opts: Partial<PyOptions> & { cellTimeoutS?: number } = {}): Promise<NotebookCell[]> {
  const nb = join(dir, `${name}.ipynb`);
  writeFileSync(nb, JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'wasmlab', display_name: 'TypeScript (wasmlab)', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  }));
  return executeNotebook(nb, { cwd: dir, timeoutMs: 15 * 60_000, ...opts });
}

/** A first cell: `%config store=STORE`, and `launches()`, how many processes were launched so far (WASMLAB_LAUNCH_LOG). */
export const launchCountCell = (store: string) =>
  `%config store=${store}\nimport { readFileSync } from 'fs';\nconst launches = () => readFileSync(process.env.WASMLAB_LAUNCH_LOG!, 'utf8').split('\\n').filter(Boolean).length;`;

/** runCells with a fresh launch log (for launchCountCell) and no store from the environment: the notebook's %config names it. */
export async function runCellsCountingLaunches(dir: string, name: string, cells: readonly string[]): Promise<NotebookCell[]> {
  const log = join(dir, `${name}.launches.log`);
  writeFileSync(log, '');
  return runCells(dir, name, cells, { env: { ...process.env, WASMLAB_LAUNCH_LOG: log, WASMLAB_STORE: '' } });
}

/** The text a cell wrote to a stream ("stdout" or "stderr"). */
export function streamOf(c: NotebookCell, name: 'stdout' | 'stderr'): string {
  return c.outputs.filter((o) => o.type === 'stream' && o.name === name).map((o) => o.text).join('');
}
export const stdoutOf = (c: NotebookCell) => streamOf(c, 'stdout');
export const stderrOf = (c: NotebookCell) => streamOf(c, 'stderr');
/** The number a cell printed (its last expression), e.g. `launches()`. */
export const numberOf = (c: NotebookCell) => Number(stdoutOf(c).trim());

/** The MIME bundles a cell displayed (tables, plots, the progress bar), in order. */
export const displaysOf = (c: NotebookCell) => c.outputs.filter((o) => o.type === 'display_data').map((o) => o.data ?? {});
/** The text/plain of each display (a verdict line, the progress bar's closing line). */
export const displayTexts = (c: NotebookCell) => displaysOf(c).map((d) => String(d['text/plain'] ?? ''));
/** The last HTML table a cell showed (the progress bar is a display too). */
export const tableOf = (c: NotebookCell) => c.outputs.map((o) => o.data?.['text/html']).filter((h): h is string => typeof h === 'string' && h.includes('<table')).pop() ?? '';

/** A cell of a saved notebook file (nbformat 4), as written: text fields may be split into lines. */
export interface IpynbCell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, unknown> }[];
}
/** The cells of a saved notebook (e.g. one `wasmlab notebook run` or `publish` executed). */
export const readIpynb = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { cells: IpynbCell[] }).cells;
/** Every output of a saved notebook's cells, in order. */
export const ipynbOutputs = (file: string) => readIpynb(file).flatMap((c) => c.outputs ?? []);
/** A text field of a saved notebook as one string. */
export const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join('') : t ?? '');
