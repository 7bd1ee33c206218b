/**
 * Issue 26 through the command line, with the launch log (WASMLAB_LAUNCH_LOG) as the witness of
 * what ran: a --dry-run prints the plan (reps, benchmarks, estimated time) and launches nothing
 * (acceptance 2; `wasmlab plan CLAIM --power` is the same); a store made by the real `wasmlab
 * import` answers an equivalence claim at once — supported within ±2%, not supported 15% apart
 * (acceptance 5) — and plans from its rows' variance when they are inconclusive; bad claims are
 * one line naming the fix (acceptance 6). None of this needs a runtime: nothing is measured.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { RECORD_COLUMNS } from '../src/record.js';
import { resolveBenchmarkList } from '../src/suite/catalog.js';
import { cli, wasmlab } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-hypothesis-cli-'));
const log = join(work, 'launches.log');
const launches = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);

async function hyp(args: string[]) {
  return execa(process.execPath, [cli, 'hypothesis', ...args], { reject: false, env: { ...process.env, WASMLAB_LAUNCH_LOG: log, WASMLAB_STORE: '' } });
}

const ids = resolveBenchmarkList(['polybench']).filter((b) => b.sizes.mini).slice(0, 8).map((b) => b.id);

/** A store from `wasmlab import`: cranelift's kernel time per benchmark, winch's = that × ratios[b] × a rep wobble. */
async function storeOf(name: string, ratios: readonly number[], reps: number): Promise<string> {
  const file = join(work, `${name}.json`), store = join(work, `${name}.duckdb`);
  const rows: Record<string, unknown>[] = [];
  const wobble = [1, 1.04, 0.97, 1.02, 0.99];
  ratios.forEach((ratio, b) => {
    for (const [mode, f] of [['cranelift', 1], ['winch', ratio]] as const) {
      for (let rep = 0; rep < reps; rep++) {
        const t = 0.001 * (1 + b) * f * wobble[(rep + b + (mode === 'winch' ? 2 : 0)) % wobble.length]!;
        const r: Record<string, unknown> = {
          run_key: `${name}-${b}-${mode}-${rep}`, benchmark: ids[b], size: 'mini', opt: 'O2', runtime: 'wasmtime', mode, aot: false, rep,
          runtime_version: '49.0.3', host: 'h', status: 'ok', kernel_s: t, wall_s: t + 0.01, counter_source: 'none', sweep_id: name,
        };
        rows.push(Object.fromEntries(RECORD_COLUMNS.map((c) => [c, r[c] ?? null])));
      }
    }
  });
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  const imp = await wasmlab(['import', '--store', store, file]);
  assert.match(imp.stdout, new RegExp(`${rows.length} runs added`));
  return store;
}

test('acceptance 2: --dry-run prints benchmarks, reps and estimated time, and launches nothing (plan --power too)', { timeout: 120_000 }, async () => {
  const store = join(work, 'never.duckdb');
  const before = launches();
  const r = await hyp(['wasmtime:cranelift', 'faster', 'wasm3', '-b', 'gemm,crc32,sha', '--size', 'mini', '--dry-run', '--store', store]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^plan: 3 benchmarks × \d+ reps per side \(polybench\/gemm, mibench\/crc32, mibench\/sha\); /);
  assert.match(r.stdout, /estimated \d+(\.\d)? (s|min) \(\d+ runs, 0 already stored\)/);
  assert.match(r.stdout, /default assumptions: nothing stored to estimate from/);
  assert.equal(launches(), before, 'a dry run launched nothing');
  assert.ok(!existsSync(store), 'and created no store');
  const p = await execa(process.execPath, [cli, 'plan', 'wasm3', 'faster', 'native', '-b', 'polybench', '--power', '0.9', '--by', '20%'], { reject: false, env: { ...process.env, WASMLAB_LAUNCH_LOG: log } });
  assert.equal(p.exitCode, 0, p.stderr);
  assert.match(p.stdout, /^plan: \d+ benchmarks × \d+ reps per side .*for an effect of 20% at α 0.05/);
  assert.equal(launches(), before);
});

test('acceptance 5 from stored rows: equivalent within 10% — ±2% supported, 15% apart not supported; answered at once', { timeout: 120_000 }, async () => {
  const near = await storeOf('near', [1.02, 0.98, 1.01, 1.02, 0.99, 1.0, 1.02, 0.98], 5);
  const far = await storeOf('far', [1.15, 1.16, 1.14, 1.15, 1.17, 1.13, 1.15, 1.15], 5);
  const before = launches();
  const claim = ['wasmtime:winch', 'equivalent', 'wasmtime:cranelift', '--margin', '10%', '-b', ids.join(',')];
  const a = await hyp([...claim, '--store', near]);
  assert.equal(a.exitCode, 0, a.stderr);
  assert.match(a.stdout, /^wasmtime:winch equivalent wasmtime:cranelift within ±10%: supported \(the 90% interval lies within ±10%\); geomean ratio 1\.00\d \[0\.9\d\d–1\.0\d\d\] \(90% CI\), p [\d.e-]+, achieved power \d+% \(for ±10%\); 8 benchmarks × 5 reps/);
  assert.match(a.stderr, /answered from the store's rows \(8 benchmarks × 5 reps stored\); nothing measured/);
  const b = await hyp([...claim, '--store', far, '--format', 'json']);
  const j = JSON.parse(b.stdout) as { source: string; result: { verdict: string; ci_low: number; per_benchmark: unknown[] } };
  assert.equal(j.source, 'stored rows');
  assert.equal(j.result.verdict, 'not supported');
  assert.ok(j.result.ci_low > 1.1, `CI from ${j.result.ci_low}`);
  assert.equal(j.result.per_benchmark.length, 8);
  const csv = await hyp([...claim, '--store', far, '--format', 'csv']);
  assert.match(csv.stdout.split('\n')[0]!, /^benchmark,subject,baseline,n,baseline_n,median,baseline_median,ratio,ci_low,ci_high$/);
  assert.equal(launches(), before, 'nothing launched');
});

test('inconclusive stored rows: the dry run plans from their variance', { timeout: 120_000 }, async () => {
  const store = await storeOf('wide', [0.8, 1.1, 0.9, 1.15], 2); // 2 reps: fewer than any plan takes
  const before = launches();
  const r = await hyp(['wasmtime:winch', 'faster', 'wasmtime:cranelift', '-b', ids.slice(0, 4).join(','), '--store', store, '--dry-run']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^plan: 4 benchmarks × \d+ reps per side/);
  assert.match(r.stdout, /between-benchmark sd \d+\.\d% \(stored rows\)/);
  assert.match(r.stdout, /\(\d+ runs, 16 already stored\)/);
  assert.equal(launches(), before);
});

test('acceptance 6: bad claims are one line naming the fix', async () => {
  const cases: [string[], RegExp][] = [
    [['wasm4', 'faster', 'native'], /^wasmlab: SUBJECT "wasm4": unknown runtime "wasm4" \(known: .*wasm3.*\)/],
    [['wasm3', 'faster', 'wasm3'], /^wasmlab: SUBJECT and BASELINE are both "wasm3": name two different ones/],
    [['wasm3', 'equivalent', 'native', '--margin', '0'], /^wasmlab: --margin: it must be above 0 \(got "0"\), e.g. --margin 10%/],
    [['wasm3', 'faster', 'native', '--power', '1.5'], /^wasmlab: --power is a probability above 0 and below 1, e.g. 0.8/],
    [['wasmtime', 'faster', 'native'], /^wasmlab: SUBJECT "wasmtime" has 3 targets .*: name one, e.g. wasmtime:cranelift/],
    [['wasm3', 'faster', 'native', '--reps', '3'], /^wasmlab: --reps does not go with hypothesis/],
  ];
  for (const [args, re] of cases) {
    const r = await hyp([...args, '--dry-run']);
    assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
