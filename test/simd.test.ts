/**
 * SIMD builds (issue 28): build features and their cache, our v128 count against a hand-made
 * module and against wabt's disassembler, the SIMD probe on the real runtimes, `unsupported`
 * rows, and the store keeping SIMD and MVP runs apart.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { execa } from 'execa';
import { bench, compile, simdSupportTable, type RunRecord, type SweepEvent } from '../src/api.js';
import { locateTool } from '../src/runtimes/locate.js';
import type { RuntimeAdapter } from '../src/runtimes/adapter.js';
import { wasmtime } from '../src/runtimes/wasmtime.js';
import { adapterFor } from '../src/runtimes/registry.js';
import { probeSimd } from '../src/measure/simd-probe.js';
import { repoRoot } from '../src/paths.js';
import { Store } from '../src/store/store.js';
import { parseFeatures, featuresLabel, featureFlags } from '../src/toolchain/features.js';
import { countV128, ScanError } from '../src/toolchain/v128-scan.js';
import { buildProbe, SIMD_PROBE } from '../src/toolchain/probe-module.js';
import { availableTargets, cli, doctor } from './helpers.js';
import type { Row } from '../src/analysis/rows.js';
import { collect } from '../src/analysis/summarize.js';
import { compare, pairUp } from '../src/analysis/compare.js';
import { parseSweepArgs, sweepRequest } from '../src/cli/args.js';
import { baselineOf } from '../src/cli/compare.js';
import { translate } from '../kernel/magics/translate.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-simd-test-'));
const ACCEPTANCE = ['gemm', '2mm', 'jacobi-2d', 'atax'];

// ---- features

test('features: canonical sets, unknown names refused in one line naming the known ones, flags per target', () => {
  assert.deepEqual(parseFeatures('simd128'), ['simd128']);
  assert.deepEqual(parseFeatures(['simd128,novec', 'simd128']), ['novec', 'simd128']);
  assert.deepEqual(parseFeatures(undefined), []);
  assert.deepEqual(parseFeatures(''), []);
  assert.throws(() => parseFeatures(['simd']), /unknown build feature "simd" \(features: simd128, novec\)/);
  assert.equal(featuresLabel(['simd128', 'novec']), 'novec,simd128');
  assert.deepEqual(featureFlags(['simd128'], 'wasm'), ['-msimd128']);
  assert.deepEqual(featureFlags(['simd128'], 'native'), [], 'native stays at the x86-64 baseline');
  assert.deepEqual(featureFlags(['novec'], 'native'), ['-fno-vectorize', '-fno-slp-vectorize']);
});

test('artifacts are cached per feature set: simd128 changes the wasm build only, novec the native one; v128 counted', { timeout: 5 * 60_000 }, async () => {
  const [plain, simd, novec] = await Promise.all([[], ['simd128'], ['novec']].map((f) => compile({ benchmarks: ['gemm'], features: f })));
  const by = (rows: typeof plain, t: string) => rows!.find((a) => a.target === t)!;
  assert.equal(by(simd!, 'wasm').features, 'simd128');
  assert.notEqual(by(simd!, 'wasm').sha256, by(plain!, 'wasm').sha256, 'a SIMD wasm build is its own artifact');
  assert.notEqual(by(simd!, 'wasm').path, by(plain!, 'wasm').path);
  assert.match(by(simd!, 'wasm').cflags, /-msimd128/);
  assert.equal(by(simd!, 'native').sha256, by(plain!, 'native').sha256, 'native is the same SSE2-baseline build');
  assert.notEqual(by(novec!, 'native').sha256, by(plain!, 'native').sha256, 'native without auto-vectorization differs');
  assert.equal(by(plain!, 'wasm').v128, 0, 'an MVP module has no v128 instruction');
  assert.ok(by(simd!, 'wasm').v128! > 0, `gemm's SIMD build is vectorized (${by(simd!, 'wasm').v128} v128 instructions)`);
  assert.equal(by(simd!, 'native').v128, null, 'no wasm count for a native executable');
});

// ---- the v128 scan

/** A module whose immediates are full of 0xFD and 0x0B bytes: a byte count or a sloppy decoder miscounts it. */
function trickyModule(): Uint8Array {
  const body = [
    0x01, 0x01, 0x7b, // one local of type v128
    0xfd, 0x0c, ...Array(16).fill(0xfd), 0x21, 0x00, // v128.const (bytes 0xfd) ; local.set 0
    0x20, 0x00, 0x20, 0x00, 0xfd, 0x0d, ...Array(16).fill(0x0b), // i8x16.shuffle, lanes 11
    0xfd, 0x1b, 0x03, 0x1a, // i32x4.extract_lane 3 ; drop
    0x42, 0xfd, 0xfd, 0x00, 0x1a, // i64.const (a 3-byte LEB with 0xfd bytes) ; drop
    0x44, ...Array(8).fill(0xfd), 0x1a, // f64.const ; drop
    0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x00, 0x0b, // block ; i32.const 0 ; br_table [0] 0 ; end
    0x41, 0x00, 0xfd, 0x00, 0x04, 0xfd, 0x01, 0x1a, // i32.const 0 ; v128.load align=4 offset=253 ; drop
    0x0b,
  ];
  const section = (id: number, bytes: number[]) => [id, bytes.length, ...bytes];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x00]), // type: () -> ()
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(5, [0x01, 0x00, 0x01]), // one memory, 1 page
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

test('v128 scan: exact on a hand-made module whose immediates hold 0xFD bytes; a cut body is an error, not a count', () => {
  const m = trickyModule();
  assert.ok(WebAssembly.validate(m), 'the hand-made module is valid WebAssembly');
  const c = countV128(m);
  assert.deepEqual(c, { v128: 4, functions: 1, vectorFunctions: 1 });
  assert.ok(m.filter((x) => x === 0xfd).length > 30, 'a byte count would say far more');
  const cut = m.slice();
  cut[cut.length - 1] = 0x01; // the final `end` becomes `nop`: the body runs past its size
  assert.throws(() => countV128(cut), ScanError);
  assert.throws(() => countV128(new Uint8Array([1, 2, 3])), /not a WebAssembly/);
});

test('v128 scan agrees with wabt\'s wasm-objdump on the acceptance benchmarks\' SIMD builds and the probe', { timeout: 5 * 60_000 }, async (t) => {
  const objdump = locateTool('wasm-objdump', 'WASMLAB_WASM_OBJDUMP');
  if (!objdump) {
    t.diagnostic('SKIPPED CROSS-CHECK: wasm-objdump not found (Debian package wabt; setup\'s apt step installs it)');
    t.skip('wasm-objdump not installed');
    return;
  }
  const files = [(await buildProbe(SIMD_PROBE)).path,
    ...(await compile({ benchmarks: [...ACCEPTANCE, 'crc32'], targets: ['wasm'], features: ['simd128'] })).map((a) => a.path)];
  for (const f of files) {
    // A disassembly line of an 0xFD instruction starts with its bytes "fd …" and names it after
    // "|"; long immediates continue on lines with nothing after the "|".
    const dis: string = execFileSync(objdump!, ['-d', f], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const theirs: number = dis.split('\n').filter((l: string) => /^\s*[0-9a-f]+: fd [^|]*\|\s*\S/.test(l)).length;
    assert.equal(countV128(readFileSync(f)).v128, theirs, f);
  }
});

// ---- the probe and unsupported rows

test('the SIMD probe module has SIMD in it and prints the expected line on a runtime that runs it', { timeout: 2 * 60_000 }, async (t) => {
  const p = await buildProbe(SIMD_PROBE);
  assert.ok(countV128(readFileSync(p.path)).v128 >= 10, 'the probe uses v128 instructions');
  const table = await simdSupportTable();
  const [wt] = await availableTargets(t, ['wasmtime:cranelift']);
  if (wt) {
    const row = table.find((r) => r.id === wt)!;
    assert.equal(row.supported, true, row.message);
    assert.ok(row.version.includes('wasmtime'), 'cached with the version it was probed on');
  }
  for (const r of table) t.diagnostic(`SIMD ${r.id}${r.aot && !r.id.endsWith(':aot') ? '+aot' : ''}: ${r.supported === null ? '?' : r.supported ? 'yes' : 'NO'} — ${r.message} (${r.version})`);
});

test('a runtime that refuses SIMD fails the probe with its own message, cached with the version (real wasmtime, SIMD switched off)', { timeout: 2 * 60_000 }, async (t) => {
  const [wt] = await availableTargets(t, ['wasmtime:cranelift']);
  if (!wt) return;
  // The real wasmtime with its SIMD proposals turned off: the runtime itself refuses the module.
  const off: RuntimeAdapter = {
    ...wasmtime, name: 'wasmtime-simd-off',
    runCommand: (mode, aot, input) => {
      const c = wasmtime.runCommand(mode, aot, input);
      return { ...c, argv: [c.argv[0]!, 'run', '-W', 'simd=n,relaxed-simd=n', ...c.argv.slice(2)] };
    },
  };
  const version = `${(await wasmtime.detect()).version} simd-off ${process.pid}`;
  const first = await probeSimd(off, 'cranelift', false, version);
  assert.equal(first.supported, false);
  assert.match(first.message, /^SIMD probe failed \(exit 1\): .*SIMD support is not enabled/);
  assert.equal(first.cached, false);
  const again = await probeSimd(off, 'cranelift', false, version);
  assert.equal(again.supported, false);
  assert.equal(again.message, first.message);
  // The same version in a new process is answered from the cache (the command there could not even start).
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { probeSimd } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'measure', 'simd-probe.js'))};
    const r = await probeSimd({ name: 'wasmtime-simd-off', kind: 'wasm', modes: [], detect: async () => ({ available: true }), runCommand: () => ({ argv: ['/nonexistent'] }) }, 'cranelift', false, ${JSON.stringify(version)});
    console.log(JSON.stringify(r));`], { encoding: 'utf8' });
  const cached = JSON.parse(out) as { supported: boolean; cached: boolean; message: string };
  assert.deepEqual([cached.supported, cached.cached, cached.message], [false, true, first.message], 'read from the cache, not run');
});

test('a sweep on a mode that fails the probe: unsupported rows with the probe\'s message, and none of its runs launched (real wasmtime, SIMD off)', { timeout: 5 * 60_000 }, async (t) => {
  const [wt] = await availableTargets(t, ['wasmtime:cranelift']);
  if (!wt) return;
  const real = (await wasmtime.detect()).path!;
  // The real wasmtime, started with its SIMD proposals off: what a runtime without SIMD does.
  const wrapper = join(work, 'wasmtime-simd-off');
  writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = run ]; then shift; exec ${JSON.stringify(real)} run -W simd=n,relaxed-simd=n "$@"; fi\nexec ${JSON.stringify(real)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const log = join(work, 'simd-off-launches.log');
  writeFileSync(log, '');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { bench } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'api.js'))};
    const rows = await bench({ benchmarks: ['gemm', 'atax'], runtimes: ['native', 'wasmtime:cranelift', 'wasmtime:winch'], features: ['simd128'], size: 'mini', reps: 2, warmup: 0 });
    console.log(JSON.stringify(rows));`], { encoding: 'utf8', env: { ...process.env, WASMLAB_WASMTIME: wrapper, WASMLAB_LAUNCH_LOG: log } });
  const rows = JSON.parse(out) as RunRecord[];
  const wasm = rows.filter((r) => r.runtime === 'wasmtime');
  assert.equal(wasm.length, 4, 'one row per benchmark and mode (not one per rep)');
  for (const r of wasm) {
    assert.equal(r.status, 'unsupported', `${r.benchmark} ${r.mode}: ${r.reason}`);
    assert.match(r.reason, /^SIMD probe failed \(exit 1\): .*SIMD support is not enabled/);
    assert.equal(r.features, 'simd128');
    assert.ok(r.artifact_v128! > 0);
    assert.equal(r.wall_s, null);
  }
  assert.ok(rows.filter((r) => r.runtime === 'native').every((r) => r.status === 'ok'));
  const launched = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  const benchRuns = launched.filter((argv) => argv[0] === wrapper && argv.some((a) => /polybench_(gemm|atax)\.wasm$/.test(a)));
  assert.deepEqual(benchRuns, [], 'no benchmark run on the unsupported modes');
  assert.ok(launched.some((argv) => argv[0] === wrapper), 'the probe itself ran through the wrapper');
});

test('acceptance 1: gemm, 2mm, jacobi-2d, atax --simd on every runtime: ok with output_ok, or unsupported naming the probe\'s error', { timeout: 20 * 60_000 }, async (t) => {
  const artifacts = await compile({ benchmarks: ACCEPTANCE, targets: ['wasm'], features: ['simd128'] });
  for (const a of artifacts) assert.ok(a.v128! > 0, `${a.benchmark} is vectorized (${a.v128} v128 instructions)`);
  const launches = join(work, 'acceptance-launches.log');
  writeFileSync(launches, '');
  process.env.WASMLAB_LAUNCH_LOG = launches;
  let rows: RunRecord[];
  try {
    rows = await bench({ benchmarks: ACCEPTANCE, runtimes: ['all'], features: ['simd128'], size: 'mini', reps: 1, warmup: 0 });
  } finally {
    delete process.env.WASMLAB_LAUNCH_LOG;
  }
  const probes = new Map((await simdSupportTable()).map((s) => [s.id, s]));
  const launched = readFileSync(launches, 'utf8');
  const available = (await doctor()).filter((r) => r.available);
  assert.ok(available.length >= 2, 'native and at least one wasm runtime');
  for (const r of rows) {
    const id = r.mode === 'default' ? r.runtime : `${r.runtime}:${r.mode}`;
    assert.equal(r.features, 'simd128', 'every row says which build it ran');
    const probe = probes.get(id);
    if (probe?.supported === false) {
      assert.equal(r.status, 'unsupported', `${id}: ${r.reason}`);
      assert.equal(r.reason, probe.message, 'the probe\'s own message is the reason');
      assert.equal(r.wall_s, null, 'nothing was run');
      continue;
    }
    assert.equal(r.status, 'ok', `${r.benchmark} on ${id}: ${r.status} ${r.reason}`);
    assert.equal(r.output_ok, true, `${r.benchmark} on ${id}: output matches native's`);
    if (r.runtime === 'native') assert.equal(r.artifact_v128, null);
    else assert.equal(r.artifact_v128, artifacts.find((a) => a.benchmark === r.benchmark)!.v128, 'the row carries its module\'s v128 count');
  }
  // No benchmark run wasted on a mode that failed the probe: none of its runs was launched.
  const unsupported = rows.filter((r) => r.status === 'unsupported');
  const lines = launched.split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  for (const r of unsupported) {
    // This target's command for this module, less the run folder: a launch holding all of it (the
    // mode's own flags included) would be a run of it.
    const art = artifacts.find((a) => a.benchmark === r.benchmark)!.path;
    const cmd = adapterFor(r.runtime).runCommand(r.mode, r.aot, { program: art, args: [], dir: '/run-folder' }).argv.filter((a) => !a.includes('/run-folder'));
    const ran = lines.some((argv) => argv[0] === cmd[0] && cmd.every((a) => argv.includes(a)));
    assert.ok(!ran, `no run of ${r.benchmark} launched on ${r.runtime}:${r.mode}`);
  }
  for (const [id, p] of probes) t.diagnostic(`probe ${id}: ${p.supported} — ${p.message}`);
  t.diagnostic(`${rows.length} rows: ${rows.filter((r) => r.status === 'ok').length} ok, ${unsupported.length} unsupported`);
  if (!unsupported.length) t.diagnostic('NO UNSUPPORTED MODE HERE: the unsupported path was not exercised by this run (wasm3, wasmer:singlepass, WAVM, WAMR 2020 fail the probe where installed)');
});

// ---- the store keeps SIMD and MVP runs apart

async function sweepCounted(store: string, features: string[], targets: string[]) {
  const log = join(work, `launch-${Date.now()}-${Math.random()}.log`);
  writeFileSync(log, '');
  process.env.WASMLAB_LAUNCH_LOG = log;
  let reused = 0;
  try {
    const rows = await bench({
      benchmarks: ['gemm', 'atax'], runtimes: targets, features, size: 'mini', reps: 2, warmup: 0, store,
      onEvent: (e: SweepEvent) => { if (e.kind === 'progress') reused = e.reused; },
    });
    const launched = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
    return { rows, reused, launched };
  } finally {
    delete process.env.WASMLAB_LAUNCH_LOG;
  }
}

test('acceptance 2: a stored MVP sweep is never reused for a --simd request, nor the reverse (launch log, real store)', { timeout: 10 * 60_000 }, async (t) => {
  const targets = ['native', ...await availableTargets(t, ['wasmtime:cranelift', 'node:turbofan'])];
  for (const order of [[[], ['simd128']], [['simd128'], []]] as const) {
    const store = join(work, `apart-${order[0].length ? 'simd-first' : 'mvp-first'}.duckdb`);
    const first = await sweepCounted(store, [...order[0]], targets);
    assert.equal(first.reused, 0);
    const second = await sweepCounted(store, [...order[1]], targets);
    assert.equal(second.reused, 0, `no ${featuresLabel(order[1]) || 'MVP'} run reused from the ${featuresLabel(order[0]) || 'MVP'} sweep`);
    const runs = (rows: RunRecord[]) => rows.filter((r) => r.status === 'ok').length;
    assert.ok(second.launched.length >= runs(second.rows) && runs(second.rows) === second.rows.length,
      `every run of the second sweep launched (${second.launched.length} launches for ${second.rows.length} rows)`);
    const keys = new Set(first.rows.map((r) => r.run_key));
    assert.ok(second.rows.every((r) => !keys.has(r.run_key)), 'run keys differ across feature sets, native included');
    // Each feature set again: all reused, nothing launched but (at most) nothing.
    for (const [i, f] of order.entries()) {
      const again = await sweepCounted(store, [...f], targets);
      assert.equal(again.reused, again.rows.length, `sweep ${i + 1} again: all reused`);
      assert.equal(again.launched.length, 0, 'nothing launched');
      assert.ok(again.rows.every((r) => r.features === featuresLabel(f)));
    }
    const s = new Store(store);
    const byFeatures = await s.query('SELECT features, count(*)::INTEGER AS n FROM runs GROUP BY features ORDER BY features');
    assert.deepEqual(byFeatures.rows.map((r) => [r.features, r.n]), [['', first.rows.length], ['simd128', second.rows.length]].sort());
  }
});

test('an older store without the features column is migrated: old rows read "", new rows land in the right columns', { timeout: 2 * 60_000 }, async () => {
  const file = join(work, 'old-features.duckdb');
  const first = await bench({ benchmarks: ['gemm'], runtimes: ['native'], size: 'mini', reps: 1, warmup: 0, store: file });
  // Make it a store from before the column: drop it.
  const inst = await DuckDBInstance.create(file);
  const c = await inst.connect();
  await c.run('ALTER TABLE runs DROP COLUMN features');
  c.closeSync(); inst.closeSync();
  const rows = await bench({ benchmarks: ['gemm'], runtimes: ['native'], features: ['novec'], size: 'mini', reps: 1, warmup: 0, store: file });
  const s = new Store(file);
  const q = await s.query('SELECT features, host_id, status, run_key FROM runs ORDER BY features');
  assert.deepEqual(q.rows.map((r) => r.features), ['', 'novec']);
  assert.deepEqual(q.rows.map((r) => r.run_key), [first[0]!.run_key, rows[0]!.run_key], 'every value in its own column');
  assert.ok(q.rows.every((r) => r.host_id === first[0]!.host_id && r.status === 'ok'));
  // An export from before the column imports with features "".
  const csv = join(work, 'new.csv');
  await s.export(csv, { format: 'csv' });
  const oldCsv = join(work, 'old-nofeatures.csv');
  const mem = await DuckDBInstance.create(':memory:');
  const m = await mem.connect();
  await m.run(`COPY (SELECT * EXCLUDE (features) FROM read_csv('${csv}', header = true)) TO '${oldCsv}' (FORMAT csv, HEADER true)`);
  m.closeSync(); mem.closeSync();
  assert.ok(!readFileSync(oldCsv, 'utf8').split('\n')[0]!.split(',').includes('features'));
  const target = new Store(join(work, 'import-target.duckdb'));
  const got = await target.import(oldCsv, { format: 'csv' });
  assert.equal(got.added, 2);
  const imported = await target.query('SELECT DISTINCT features FROM runs');
  assert.deepEqual(imported.rows.map((r) => r.features), ['']);
});

test('analysis keeps feature sets apart: two groups, compare within each set, and the no-simd baseline pairs each SIMD build with its plain one (no runtimes)', () => {
  const rows: Row[] = [];
  // kernel_s per (target, features): SIMD halves wasmtime's time, native is the same file either way.
  const speed: Record<string, number> = { 'native|': 1, 'native|simd128': 1, 'wasmtime:cranelift|': 2, 'wasmtime:cranelift|simd128': 1.2 };
  for (const [k, v] of Object.entries(speed)) {
    const [target, features] = k.split('|') as [string, string];
    const [runtime, mode] = target === 'native' ? ['native', 'default'] : target.split(':') as [string, string];
    for (let rep = 0; rep < 5; rep++) {
      rows.push({ benchmark: 'gemm', size: 'mini', opt: 'O2', runtime, mode, aot: false, runtime_version: '', features, host: 'h', status: 'ok', kernel_s: v * (1 + rep / 100) });
    }
  }
  assert.equal(collect(rows).length, 4, 'one group per target and feature set');
  // Against native: each feature set within itself, labelled with its features.
  const vsNative = pairUp(rows, { baseline: 'native' });
  assert.deepEqual(vsNative.pairs.map((p) => [p.subjectLabel, p.baselineLabel]).sort(),
    [['wasmtime:cranelift [simd128]', 'native [simd128]'], ['wasmtime:cranelift', 'native']]);
  // no-simd: each simd128 group against the same target's plain build.
  const noSimd = compare(rows, { baseline: { sameTarget: 'no-simd' } });
  const byLabel = new Map(noSimd.rows.map((r) => [r.subject, r]));
  assert.equal(noSimd.baseline, 'the same target without SIMD');
  assert.ok(Math.abs(byLabel.get('wasmtime:cranelift [simd128]')!.ratio - 0.6) < 1e-9);
  assert.ok(Math.abs(byLabel.get('native [simd128]')!.ratio - 1) < 1e-9);
  assert.equal(byLabel.size, 2);
  assert.throws(() => pairUp(rows.filter((r) => r.features === ''), { baseline: { sameTarget: 'no-simd' } }), /no rows built with simd128/);
  // The fronts: --simd is --features simd128 in the CLI and in %bench alike; compare takes no-simd.
  assert.deepEqual(sweepRequest(parseSweepArgs(['-b', 'gemm', '--simd']).values).features, ['simd128']);
  assert.deepEqual(sweepRequest(parseSweepArgs(['-b', 'gemm', '--simd', '--features', 'novec']).values).features, ['simd128', 'novec']);
  assert.match(translate('%bench -b gemm --simd'), /"features":\["simd128"\]/);
  assert.deepEqual(baselineOf('no-simd', 'wasmtime'), { sameTarget: 'no-simd' });
});

test('notebook 12-simd runs in quick mode on the real kernel: no error cell, the share table, a verdict computed by wl.finding.simd (acceptance 3)', { timeout: 20 * 60_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'wasmlab-nb12-'));
  const r = await execa(process.execPath, [cli, 'notebook', 'run', '12-simd', '--quick', '--out', out], { cwd: repoRoot, reject: false, all: true });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.all ?? '', /12-simd\.ipynb: ok/);
  const nb = JSON.parse(readFileSync(join(out, '12-simd.ipynb'), 'utf8')) as { cells: { outputs?: { output_type: string; text?: string | string[]; data?: Record<string, string | string[]> }[] }[] };
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  assert.deepEqual(outputs.filter((o) => o.output_type === 'error'), []);
  const text = outputs.map((o) => [o.text, o.data?.['text/plain']].map((t) => (Array.isArray(t) ? t.join('') : t ?? '')).join('')).join('\n');
  assert.match(text, /\d of 4 benchmarks vectorize/);
  assert.match(text, /share_kept: /, 'the share table');
  assert.match(text, /Decision rule \(declared before the data\): a SIMD build is faster than the MVP build/);
  assert.match(text, /Verdict: (SIMD over MVP (holds|does not hold|inconclusive|cannot be decided)|cannot be measured here)/);
  assert.match(text, /Share of native's vector gain kept \(native's speed-up from vectors [\d.]+× \[/);
});
