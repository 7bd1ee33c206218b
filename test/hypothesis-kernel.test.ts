/**
 * Issue 26 through the real kernel (nbclient on a notebook written by runCells, real runtimes):
 * %hypothesis plans, measures and says "supported" with a CI below 1, and the same cell run again
 * answers from the store with 0 launches (acceptance 1; launch log WASMLAB_LAUNCH_LOG); a
 * --dry-run and wl.power launch nothing (acceptance 2); "wasm3 gains as much from -O3 as native"
 * on 6 kernels at small gives the paired ratio of gains with its CI (acceptance 4); a bad claim is
 * one line. Needs setup (the venv, wasm3 and Wasmtime); a missing runtime skips loudly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, before } from 'node:test';
import { availableTargets } from './helpers.js';
import { displayTexts, kernelReady, launchCountCell, numberOf, runCellsCountingLaunches, stderrOf, stdoutOf, type NotebookCell } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-hypothesis-kernel-'));

const verdict = (c: NotebookCell) => displayTexts(c).find((t) => /: (supported|not supported|inconclusive at this power) \(/.test(t)) ?? '';

before(kernelReady);

const CLAIM = '%hypothesis wasmtime:cranelift faster wasm3 -b gemm,crc32,sha --size mini';
const GAINS = '%hypothesis wasm3 gains-as-much native --from O0 --to O3 -b atax,bicg,mvt,gesummv,trisolv,jacobi-1d --size small -o g';
const CELLS = [
  launchCountCell('hyp.duckdb'),
  `${CLAIM} -o h1`,
  'launches()',
  `${CLAIM} -o h2`,
  'launches()',
  'h2.shape[0] + " " + h2.columns.join(",")',
  '%hypothesis wasm3 faster native -b gemm,crc32 --dry-run',
  'launches()',
  "const p = await wl.power({ claim: 'wasm3 equivalent native', benchmarks: ['atax', 'bicg'] });\nJSON.stringify({ reps: p.reps, n: p.benchmarks.length, timed: p.estimated_s > 0, line: p.line.startsWith('plan: ') })",
  'launches()',
  GAINS,
  'g.shape[0] + " " + g.columns.join(",")',
  '%hypothesis nosuchruntime faster native',
];

test('%hypothesis through the kernel: plan, measure, decide; the re-run from the store; dry run; ratio of gains', { timeout: 30 * 60_000 }, async (t) => {
  const have = await availableTargets(t, ['wasmtime:cranelift', 'wasm3', 'native']);
  if (have.length < 3) { t.skip(`SKIPPED: needs wasmtime:cranelift, wasm3 and native (have ${have.join(', ') || 'none'})`); return; }
  const cells = await runCellsCountingLaunches(work, 'hypothesis', CELLS);
  const n = (i: number) => numberOf(cells[i]!);

  // Acceptance 1: planned, measured, supported with a CI below 1.
  const first = verdict(cells[1]!);
  assert.match(stdoutOf(cells[1]!), /pilot: 3 reps of 3 benchmarks/, stdoutOf(cells[1]!) + stderrOf(cells[1]!));
  assert.match(stdoutOf(cells[1]!), /^plan: 3 benchmarks × \d+ reps per side/m);
  assert.match(first, /^wasmtime:cranelift faster wasm3 by 10%: supported \(the interval lies below 1\); geomean ratio 0\.\d+ \[0\.\d+–0\.\d+\] \(90% CI\), p [\d.e-]+, achieved power \d+% \(for 10%\); 3 benchmarks × \d+ reps$/, displayTexts(cells[1]!).join(' | '));
  const hi = Number(/–([\d.]+)\]/.exec(first)![1]);
  assert.ok(hi < 1, `CI upper end ${hi} below 1`);
  assert.ok(n(2) >= 18, `the first run launched its pilot and sweep (${n(2)})`);
  // The same cell again: from the store, nothing launched.
  assert.match(stdoutOf(cells[3]!), /answered from the store's rows \(3 benchmarks × \d+ reps stored\); nothing measured/);
  assert.match(verdict(cells[3]!), /: supported \(/);
  assert.equal(n(4), n(2), 're-running the cell launched no process');
  assert.equal(stdoutOf(cells[5]!).trim(), '3 benchmark,subject,baseline,n,baseline_n,median,baseline_median,ratio,ci_low,ci_high');

  // Acceptance 2 in the kernel: the dry run and wl.power print the plan and launch nothing.
  assert.match(displayTexts(cells[6]!).join('\n'), /^plan: 2 benchmarks × \d+ reps per side \(polybench\/gemm, mibench\/crc32\); .*estimated [\d.]+ (s|min)/m);
  assert.equal(n(7), n(4));
  assert.deepEqual(JSON.parse(stdoutOf(cells[8]!).trim()), { reps: 3, n: 2, timed: true, line: true });
  assert.equal(n(9), n(4));

  // Acceptance 4: the paired ratio of gains with its CI, one row per kernel.
  const g = verdict(cells[10]!);
  assert.match(g, /^wasm3 gains-as-much native from O0 to O3: (supported|not supported|inconclusive at this power) \(.*\); geomean ratio [\d.]+ \[[\d.]+–[\d.]+\] \(90% CI\), p [\d.e-]+, achieved power \d+% \(for ±10%\); 6 benchmarks × \d+ reps$/, displayTexts(cells[10]!).join(' | ') + stderrOf(cells[10]!));
  assert.equal(stdoutOf(cells[11]!).trim(), '6 benchmark,subject,baseline,subject_ratio,baseline_ratio,ratio_of_ratios,n');

  // A bad claim: one line naming the fix.
  const bad = stderrOf(cells[12]!).trim();
  assert.match(bad, /^UsageError: SUBJECT "nosuchruntime": unknown runtime "nosuchruntime" \(known: /);
  assert.equal(bad.split('\n').length, 1, bad);
});
