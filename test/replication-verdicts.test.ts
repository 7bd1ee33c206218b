/**
 * Issue 30's verdict lines through the command line: synthetic stores made by the real `wasmlab
 * import` (9 benchmarks × 3 reps; native, wasmtime:cranelift 1.15× native, wasm3 30×). B at a
 * machine 1.3× slower on everything keeps every ratio and finding 1's "holds": "same verdict",
 * exit 0. B with wasmtime:cranelift 12% faster (×0.88, every benchmark alike) stays within the
 * ±15% margin per target ("replicated"), yet finding 1 ("every runtime is slower than native")
 * goes from "holds" to "inconclusive": "verdict changed", and the verdict alone makes exit 3.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { syntheticRows } from '../src/analysis/synthetic.js';
import type { Row } from '../src/analysis/rows.js';
import { RECORD_COLUMNS } from '../src/record.js';
import { wasmlab } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-repl-verdicts-'));

const A = syntheticRows({
  targets: [{ runtime: 'native', mode: 'default', ratio: 1 }, { runtime: 'wasmtime', mode: 'cranelift', ratio: 1.15 }, { runtime: 'wasm3', mode: 'default', ratio: 30 }],
  benchmarks: 9, reps: 3, seed: 5, benchSigma: 0.05, repSigma: 0.02,
});

/** A store made by `wasmlab import` of A's rows with each row's times scaled by `factor(row)`. */
async function storeOf(name: string, factor: (r: Row) => number): Promise<string> {
  const file = join(work, `${name}.json`), store = join(work, `${name}.duckdb`);
  // Timing runs, as `wasmlab run` records them: no counters.
  const rows = A.map((r, i) => Object.fromEntries(RECORD_COLUMNS.map((c) => [c,
    c === 'run_key' ? `${name}-${i}` : c === 'counter_source' ? 'none' : c === 'kernel_s' || c === 'wall_s' ? (r[c] as number) * factor(r) : r[c] ?? null])));
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  assert.match((await wasmlab(['import', '--store', store, file])).stdout, new RegExp(`${rows.length} runs added`));
  return store;
}

interface Out { rows: { target: string; decision: string; ratio_of_ratios: number }[]; findings: { finding: string; outcome: string; kind_a: string | null; kind_b: string | null; line: string }[] }

test('verdict lines: same verdict on a slower machine (exit 0); a verdict changed alone makes exit 3', { timeout: 300_000 }, async () => {
  const a = await storeOf('A', () => 1);
  const slower = await storeOf('slower', () => 1.3);
  const faster = await storeOf('faster', (r) => (r.runtime === 'wasmtime' ? 0.88 : 1));

  const same = await wasmlab(['diff', a, slower, '--format', 'json'], { reject: false });
  assert.equal(same.exitCode, 0, same.stderr);
  const s = JSON.parse(same.stdout) as Out;
  for (const r of s.rows) assert.equal(r.decision, 'replicated', r.target);
  const f1 = s.findings.find((f) => f.finding === '1')!;
  assert.deepEqual([f1.outcome, f1.kind_a, f1.kind_b], ['same verdict', 'holds', 'holds']);
  assert.ok(!s.findings.some((f) => f.outcome === 'verdict changed'), JSON.stringify(s.findings));
  // Findings with no rows here (Wasmer's compilers, AOT, counters) are not compared, never "changed".
  assert.equal(s.findings.find((f) => f.finding === '2')!.outcome, 'not compared');
  const table = await wasmlab(['diff', a, slower], { reject: false });
  assert.match(table.stdout, /^finding 1: same verdict \(both say "holds"\) — every runtime is slower than native$/m);
  assert.match(table.stdout, /^not compared \(a side has no rows or no decision for them\): findings 2, 3, /m);

  const changed = await wasmlab(['diff', a, faster, '--format', 'json'], { reject: false });
  assert.equal(changed.exitCode, 3, changed.stderr);
  const c = JSON.parse(changed.stdout) as Out;
  const wt = c.rows.find((r) => r.target === 'wasmtime:cranelift')!;
  assert.equal(wt.decision, 'replicated', 'within ±15% per target: the exit 3 is the verdict\'s');
  assert.ok(Math.abs(wt.ratio_of_ratios - 0.88) < 1e-9, String(wt.ratio_of_ratios));
  assert.ok(!c.rows.some((r) => r.decision === 'differs'));
  const g1 = c.findings.find((f) => f.finding === '1')!;
  assert.deepEqual([g1.outcome, g1.kind_a, g1.kind_b], ['verdict changed', 'holds', 'inconclusive']);
  const t2 = await wasmlab(['diff', a, faster], { reject: false });
  assert.equal(t2.exitCode, 3);
  assert.match(t2.stdout, /^finding 1: verdict changed: A said "holds", B says "inconclusive" — every runtime is slower than native$/m);
  // CSV holds one table; the finding lines go to stderr beside it.
  const csv = await wasmlab(['diff', a, faster, '--format', 'csv'], { reject: false });
  assert.match(csv.stderr, /^finding 1: verdict changed/m);
  assert.doesNotMatch(csv.stdout, /finding/);
});
