/**
 * Issue 25, acceptance 1 through the command line: synthetic rows (9 benchmarks × 3 reps, version
 * B 12% faster than A on every benchmark ±3%, 10% rep noise, slowdowns over native varying ~35%)
 * go into a store with the real `wasmlab import`; `wasmlab compare --baseline version=A` says
 * faster with a CI excluding 1, and "no detectable change" when B equals A; `wasmlab findings`
 * reads the same store and notebook 10's rule says the same.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { versionRows } from '../src/analysis/synthetic.js';
import { RECORD_COLUMNS } from '../src/record.js';
import { wasmlab } from './helpers.js';
import { repoRoot } from '../src/paths.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-verdicts-'));

/** A store made by `wasmlab import` from a runs file (newline-delimited JSON, every record column). */
async function storeOf(name: string, bOverA: number): Promise<string> {
  const file = join(work, `${name}.json`), store = join(work, `${name}.duckdb`);
  // Timing runs, as `wasmlab run` records them: no counters.
  const rows = versionRows(bOverA).map((r, i) => Object.fromEntries(RECORD_COLUMNS.map((c) => [c, c === 'run_key' ? `${name}-${i}` : c === 'counter_source' ? 'none' : r[c] ?? null])));
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  const imp = await wasmlab(['import', '--store', store, file]);
  assert.match(imp.stdout, new RegExp(`${rows.length} runs added`));
  return store;
}

test('acceptance 1: wasmlab compare --baseline version=A says faster (CI excluding 1); with no change, no detectable change', { timeout: 120_000 }, async () => {
  const faster = await storeOf('faster', 0.88);
  const j = JSON.parse((await wasmlab(['compare', '--store', faster, '--baseline', 'version=A', '--subject', 'wasmtime:cranelift', '--format', 'json'])).stdout) as Record<string, unknown>;
  assert.equal(j.decision, 'faster');
  assert.ok((j.ci_high as number) < 1, `CI ${j.ci_low}–${j.ci_high} excludes 1`);
  assert.ok(Math.abs((j.geomean_ratio as number) - 0.88) < 0.06, `ratio ${j.geomean_ratio}`);
  assert.equal(j.n_paired, 9);
  assert.deepEqual(j.excluded, []);
  for (const k of ['equivalence', 'method', 'resamples', 'mc_error', 'margin', 'estimand', 'p']) assert.ok(k in j, k);
  assert.match(String(j.method), /^t \(9 benchmarks/);
  const table = (await wasmlab(['compare', '--store', faster, '--baseline', 'version=A', '--subject', 'wasmtime:cranelift'])).stdout;
  assert.match(table, /^wasmtime:cranelift B against wasmtime:cranelift A \(kernel_s\): faster; /);
  assert.match((await wasmlab(['findings', '--store', faster])).stdout, /10  how each runtime changed .*\n    wasmtime:cranelift: B against A, 2 versions measured: faster — /);

  const same = await storeOf('same', 1);
  const s = JSON.parse((await wasmlab(['compare', '--store', same, '--baseline', 'version=A', '--subject', 'wasmtime:cranelift', '--format', 'json', '--margin', '10%'])).stdout) as Record<string, unknown>;
  assert.equal(s.decision, 'no detectable change');
  assert.ok((s.ci_low as number) < 1 && 1 < (s.ci_high as number));
  assert.match((await wasmlab(['findings', '--store', same])).stdout, /wasmtime:cranelift: B against A, 2 versions measured: no detectable change/);

  const bad = await wasmlab(['compare', '--store', same, '--baseline', 'version=Z', '--subject', 'wasmtime:cranelift'], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /^wasmlab: no rows at runtime_version Z \(versions: A, B/);
  const md = (await wasmlab(['findings', '--store', same, '--format', 'markdown'])).stdout;
  assert.match(md, /## Decision rules\n\n\| finding \| claim/);
  assert.match(md, /\| 2 \| Wasmer's Cranelift and LLVM beat its SinglePass \| 0 \| cannot be measured here: the store has no rows for this finding \|/);
});

test('the committed study rows: wasmlab import of notebooks/results/study.parquet, then wasmlab findings says what RESULTS.md says', async () => {
  // The 2026-12-07 full run's rows (with 10's V8 line and 11's and 12's measurements again on an idle core, the same day) (issue 25: verdicts can be recomputed on any machine). findings
  // picks each notebook's rows out of one store; a mix-up (SIMD rows in finding 9, a 2020 build
  // and today's in one timeline, kernel-scope counts missing) changes these kinds.
  const store = join(work, 'study.duckdb');
  const imp = await wasmlab(['import', '--store', store, join(repoRoot, 'notebooks', 'results', 'study.parquet')]);
  assert.match(imp.stdout + imp.stderr, /13879 runs added/);
  const out = (await wasmlab(['findings', '--store', store, '--resamples', '2000'])).stdout;
  const verdictOf = (n: string) => new RegExp(`^ *${n}  .*\\n    (.*)$`, 'm').exec(out)?.[1] ?? `(finding ${n} missing)`;
  const expected: [string, RegExp][] = [
    ['1', /^holds: every one measured is slower than native/], ['2', /^holds: /], ['3', /^holds in part: AOT makes wavm faster/],
    ['4', /^holds: /], ['5', /^holds: /], ['6', /^cannot be measured here: IPC needs cycles/],
    ['7', /^inconclusive: the 95% CI of branch misses .*kernel scope/], ['8', /^inconclusive: the 95% CI of cache misses .*kernel scope/],
    ['9', /^fastest node:turbofan 1\.4\d× native/], ['10', /^wasmtime:embedding: 51\.0\.0 against 0\.23\.0, 25 versions measured: faster.*; node:turbofan: 26\.12\.1 against 20\.20\.2, 7 versions measured: no detectable change \(equivalent within ±10%\)/],
    ['11', /^2 of 7 families faster today, 0 slower, 5 no detectable change/], ['12', /^SIMD over MVP inconclusive: the 95% CI includes 1 for node:liftoff \[simd128\]/],
  ];
  for (const [n, re] of expected) assert.match(verdictOf(n), re, `finding ${n}`);
});
