/**
 * Issue 30 in the kernel, through the real kernel (nbclient, real runtimes): two small stores
 * measured by the real CLI (2 benchmarks × native and wasmtime:cranelift × 3 reps, mini);
 * `wl.diff` on the two stores and on their rows gives the same frame, a store against itself
 * replicates with ratio 1; `wl.plot.forest` draws the ratios of ratios with the ±15% band;
 * `%repro STORE --dry-run` launches nothing; `%repro STORE --store R` measures exactly the plan,
 * shows the table, the finding lines and a forest plot, and binds the rows with -o.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, before } from 'node:test';
import { repoRoot } from '../src/paths.js';
import { availableTargets, wasmlab } from './helpers.js';
import { displayTexts, kernelReady, runCells, stdoutOf, type NotebookCell } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-repl-kernel-'));
const stdout = (c: NotebookCell) => stdoutOf(c).trim();
const texts = displayTexts;
type Spec = { data: { name: string; x: number[]; error_x: { array: number[] } }[]; layout: { shapes: { type: string; x0: number; x1: number }[] } };
const plot = (c: NotebookCell) => c.outputs.map((o) => o.data?.['application/vnd.plotly.v1+json']).find(Boolean) as Spec | undefined;

before(kernelReady);

const CELLS = [
  "import { readFileSync } from 'fs';\nconst launches = () => readFileSync(process.env.WASMLAB_LAUNCH_LOG!, 'utf8').split('\\n').filter(Boolean).length;",
  "const d = await wl.diff('A.duckdb', 'B.duckdb');\nJSON.stringify({ n: d.shape[0], target: d['target'].values, decision: d['decision'].values, n_paired: d['n_paired'].values, rr: d['ratio_of_ratios'].values })",
  "const d2 = await wl.diff(await wl.load({ store: 'A.duckdb' }), await wl.load({ store: 'B.duckdb' }));\nJSON.stringify(d2.values) === JSON.stringify(d.values)",
  "const s = await wl.diff('A.duckdb', 'A.duckdb');\nJSON.stringify({ decision: s['decision'].values, rr: s['ratio_of_ratios'].values })",
  'wl.show(wl.plot.forest(d))',
  'launches()',
  '%repro A.duckdb --dry-run -o p',
  'launches() + " " + p.shape[0]',
  '%repro A.duckdb --store R.duckdb -o r',
  'r.shape[0] + " " + r["target"].values.join(",")',
  "(await wl.sql('SELECT count(*)::INT AS n FROM runs', { store: 'R.duckdb' }))['n'].values[0]",
];

test('wl.diff, wl.plot.forest and %repro through the kernel', { timeout: 20 * 60_000 }, async (t) => {
  const have = await availableTargets(t, ['native', 'wasmtime:cranelift']);
  if (have.length < 2) { t.skip(`SKIPPED: needs native and wasmtime:cranelift (have ${have.join(', ') || 'none'})`); return; }
  for (const s of ['A', 'B']) {
    const r = await wasmlab(['run', '-b', 'gemm,crc32', '-r', 'native,wasmtime:cranelift', '--size', 'mini', '--reps', '3', '--store', join(work, `${s}.duckdb`), '--format', 'json']);
    assert.equal((JSON.parse(r.stdout) as { rows: unknown[] }).rows.length, 12, `store ${s}: 2 benchmarks × 2 targets × 3 reps`);
  }
  const log = join(work, 'launches.log');
  writeFileSync(log, '');
  const cells = await runCells(work, 'replication', CELLS, { env: { ...process.env, WASMLAB_LAUNCH_LOG: log, WASMLAB_STORE: '' } });
  const errors = cells.flatMap((c, i) => c.outputs.filter((o) => o.type === 'error').map((o) => `cell ${i}: ${o.ename}: ${o.evalue}`));
  assert.deepEqual(errors, []);

  // wl.diff of two stores: one row for the one wasm target, both benchmarks paired, a decision.
  const d = JSON.parse(stdout(cells[1]!)) as { n: number; target: string[]; decision: string[]; n_paired: number[]; rr: number[] };
  assert.deepEqual({ n: d.n, target: d.target, n_paired: d.n_paired }, { n: 1, target: ['wasmtime:cranelift'], n_paired: [2] });
  assert.match(d.decision[0]!, /^(replicated|differs|inconclusive)$/);
  assert.ok(d.rr[0]! > 0 && Number.isFinite(d.rr[0]!));
  assert.equal(stdout(cells[2]!), 'true', 'rows give the same frame as store paths');
  assert.deepEqual(JSON.parse(stdout(cells[3]!)), { decision: ['replicated'], rr: [1] });

  // The forest plot: the point at the ratio of ratios, an interval, the ±15% band around 1.
  const f = plot(cells[4]!);
  assert.ok(f, `a plotly display: ${JSON.stringify(cells[4]!.outputs).slice(0, 300)}`);
  assert.deepEqual(f.data.flatMap((tr) => tr.x), d.rr);
  assert.equal(f.data[0]!.name, d.decision[0]);
  const band = f.layout.shapes.find((s) => s.type === 'rect')!;
  assert.ok(Math.abs(band.x0 - 1 / 1.15) < 1e-9 && Math.abs(band.x1 - 1.15) < 1e-9, JSON.stringify(band));

  // %repro --dry-run: the plan (12 runs), nothing launched.
  const before = Number(stdout(cells[5]!));
  assert.match(texts(cells[6]!).join('\n'), /^plan [0-9a-f]+: 12 runs \(2 benchmarks × native, wasmtime:cranelift × 3 reps, size mini\), estimated /m);
  assert.equal(stdout(cells[7]!), `${before} 12`);

  // %repro: measured the plan into R, the table, the finding lines and the forest plot; -o r binds the rows.
  assert.match(texts(cells[8]!).join('\n'), /^finding 1: (same verdict \(both say "[a-z ]+"\)|verdict changed: published said "[a-z ]+", here says "[a-z ]+") — every runtime is slower than native$/m);
  assert.ok(plot(cells[8]!), 'a forest plot');
  assert.equal(stdout(cells[9]!), '1 wasmtime:cranelift');
  assert.equal(stdout(cells[10]!), '12', 'R holds exactly the plan\'s runs');
  const launched = readFileSync(log, 'utf8').trim().split('\n').length - before;
  assert.ok(launched >= 12, `the real %repro launched its 12 runs (${launched})`);
});
