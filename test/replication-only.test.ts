/**
 * Issue 30: `wasmlab repro --only TARGETS|finding:N` and `--sweep ID`, checked through the launch log
 * (WASMLAB_LAUNCH_LOG) on a real store of two sweeps at mini size: sweep 1 measured gemm and
 * crc32 on native, wasmtime:cranelift and wasm3; sweep 2 sha on native and wasm3. `--only wasm3`
 * measures wasm3 and the baseline and never starts Wasmtime; `--only finding:9` (notebook 09's
 * targets) measures Wasmtime and the baseline and never starts wasm3; `--sweep` of sweep 2 (from the
 * bundle, and from the store) plans sha alone and measures exactly those runs. A target or a
 * sweep the plan does not have is refused in one line before anything runs.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { availableTargets, cli } from './helpers.js';
import { repoRoot } from '../src/paths.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-repro-only-'));
const wl = (args: string[], env: Record<string, string> = {}) => execa(process.execPath, [cli, ...args], { reject: false, cwd: repoRoot, env: { ...process.env, ...env } });
const launched = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
const count = async (store: string, where = 'true') =>
  (JSON.parse((await wl(['sql', '--store', store, `SELECT count(*)::INT AS n FROM runs WHERE ${where}`, '--format', 'json'])).stdout) as { n: number }[])[0]!.n;

interface Out { rows: { target: string; n_paired: number }[] }

test('repro --only and --sweep measure only what they name (launch log)', { timeout: 900_000 }, async (t) => {
  const have = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  if (have.length < 2) { t.skip(`SKIPPED: needs wasmtime:cranelift and wasm3 to tell them apart (have ${have.join(', ') || 'none'})`); return; }
  const s = join(work, 'S.duckdb'), bundle = join(work, 'bundle');
  const run = async (args: string[]) => {
    const r = await wl(['run', ...args, '--size', 'mini', '--reps', '3', '--store', s, '--format', 'json']);
    assert.equal(r.exitCode, 0, r.stderr);
    return (JSON.parse(r.stdout) as { sweep: { sweep_id: string } }).sweep.sweep_id;
  };
  await run(['-b', 'gemm,crc32', '-r', 'native,wasmtime:cranelift,wasm3']);
  const second = await run(['-b', 'sha', '-r', 'native,wasm3']);
  assert.equal((await wl(['publish', '--bundle', bundle, '--store', s])).exitCode, 0);

  // --only wasm3: wasm3 and native measured, Wasmtime never started.
  const onlyLog = join(work, 'only.log'), r1 = join(work, 'R1.duckdb');
  const only = await wl(['repro', bundle, '--only', 'wasm3', '--store', r1, '--format', 'json'], { WASMLAB_LAUNCH_LOG: onlyLog });
  assert.ok(only.exitCode === 0 || only.exitCode === 3, only.stderr);
  assert.match(only.stderr, /plan [0-9a-f]+: 18 runs \(3 benchmarks × native, wasm3 × 3 reps, size mini\)/);
  assert.deepEqual((JSON.parse(only.stdout) as Out).rows.map((r) => r.target), ['wasm3']);
  assert.equal(await count(r1), 18, '3 benchmarks × (native, wasm3) × 3 reps');
  assert.equal(await count(r1, "runtime = 'wasmtime'"), 0);
  const lines = launched(onlyLog);
  assert.ok(lines.some((l) => l.includes('wasm3')), 'wasm3 was launched');
  assert.deepEqual(lines.filter((l) => /wasmtime/i.test(l)), [], 'Wasmtime was never launched');
  // The plan's 18 runs, one warm-up per case (6) and one reference run of native's output per benchmark (3).
  assert.equal(lines.length, 18 + 6 + 3);

  // --only finding:9 (notebook 09-beyond: Node, Wasmtime's two compilers, wazero, wasmi): of this
  // plan's targets only wasmtime:cranelift, with native; wasm3 never started.
  const findingLog = join(work, 'finding.log'), r3 = join(work, 'R3.duckdb');
  const f9 = await wl(['repro', bundle, '--only', 'finding:9', '--store', r3, '--format', 'json'], { WASMLAB_LAUNCH_LOG: findingLog });
  assert.ok(f9.exitCode === 0 || f9.exitCode === 3, f9.stderr);
  assert.match(f9.stderr, /plan [0-9a-f]+: 18 runs \(3 benchmarks × native, wasmtime:cranelift × 3 reps, size mini\)/);
  assert.deepEqual((JSON.parse(f9.stdout) as Out).rows.map((r) => r.target), ['wasmtime:cranelift']);
  assert.equal(await count(r3), 18, '3 benchmarks (the bundle plans every benchmark on every target) × 2 targets × 3 reps');
  assert.equal(await count(r3, "runtime = 'wasm3'"), 0);
  const f9lines = launched(findingLog);
  assert.ok(f9lines.some((l) => /wasmtime/.test(l)), 'Wasmtime was launched');
  assert.deepEqual(f9lines.filter((l) => l.includes('wasm3')), [], 'wasm3 was never launched');
  assert.equal(f9lines.length, 18 + 6 + 3, 'runs, warm-ups, native\'s reference runs');
  // A finding whose notebook names its targets in its cells, one that does not exist, and one
  // none of whose targets the plan has: one line each, nothing launched.
  const noLog = join(work, 'no-finding.log');
  for (const [arg, want] of [
    ['finding:11', /^wasmlab: --only finding:11: notebook 11-then-and-now names its targets in its own cells; name them instead \(--only TARGETS\)$/],
    ['finding:99', /^wasmlab: --only finding:99: no such finding \(the findings: 1, 2, .*\)$/],
    ['finding:2', /^wasmlab: --only finding:2: the plan [0-9a-f]+ has none of the targets notebook 02-wasmer-compilers measures \(its targets: native, wasm3, wasmtime:cranelift\)$/],
  ] as const) {
    const r = await wl(['repro', bundle, '--only', arg, '--store', join(work, 'never.duckdb')], { WASMLAB_LAUNCH_LOG: noLog });
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr.trim(), want);
  }
  assert.deepEqual(launched(noLog), []);

  // --sweep of the bundle: sha only (the second sweep's cases), a dry run first.
  const dryLog = join(work, 'dry.log');
  const dry = await wl(['repro', bundle, '--sweep', second, '--dry-run'], { WASMLAB_LAUNCH_LOG: dryLog });
  assert.equal(dry.exitCode, 0, dry.stderr);
  const planned = dry.stdout.trim().split('\n');
  assert.equal(planned.length, 6, dry.stdout);
  for (const l of planned) assert.match(l, /^\S+\/sha mini O2 (native|wasm3) /);
  assert.deepEqual(launched(dryLog), [], 'a dry run launches nothing');
  const sweepLog = join(work, 'sweep.log'), r2 = join(work, 'R2.duckdb');
  const sw = await wl(['repro', bundle, '--sweep', second, '--store', r2, '--format', 'json'], { WASMLAB_LAUNCH_LOG: sweepLog });
  assert.ok(sw.exitCode === 0 || sw.exitCode === 3, sw.stderr);
  assert.deepEqual((JSON.parse(sw.stdout) as Out).rows.map((r) => [r.target, r.n_paired]), [['wasm3', 1]]);
  assert.equal(await count(r2), 6);
  assert.equal(await count(r2, "benchmark NOT LIKE '%/sha'"), 0);
  assert.deepEqual(launched(sweepLog).filter((l) => /wasmtime|gemm|crc32/i.test(l)), []);
  assert.equal(launched(sweepLog).length, 6 + 2 + 1, 'runs, warm-ups, native\'s reference run');
  // From the store itself, the same sweep plans the same 6 runs.
  const fromStore = await wl(['repro', s, '--sweep', second, '--dry-run']);
  assert.equal(fromStore.stdout.trim().split('\n').length, 6, fromStore.stderr);

  // What the plan does not have: one line, nothing launched.
  const badLog = join(work, 'bad.log');
  const bad = await wl(['repro', bundle, '--only', 'wavm', '--store', join(work, 'never.duckdb')], { WASMLAB_LAUNCH_LOG: badLog });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr.trim(), /^wasmlab: --only wavm: not in the plan [0-9a-f]+ \(its targets: native, wasm3, wasmtime:cranelift\)$/);
  const noSweep = await wl(['repro', bundle, '--sweep', 'nosuch', '--dry-run'], { WASMLAB_LAUNCH_LOG: badLog });
  assert.equal(noSweep.exitCode, 2);
  assert.match(noSweep.stderr.trim(), /^wasmlab: the bundle has no runs of sweep nosuch \(its sweeps: .*\)$/);
  assert.deepEqual(launched(badLog), []);
  assert.ok(!existsSync(join(work, 'never.duckdb')));
});
