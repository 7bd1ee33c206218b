/** Start-up and memory anatomy (src/analysis/anatomy.ts) on synthetic rows with known answers. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  compileThroughput, emptyFloors, EMPTY_BENCHMARK, fitLine, memorySplit, moduleFactsOf, startupFits, startupPoints,
  syscallShares, tCdf, tQuantile, type ModuleFacts,
} from '../src/analysis/anatomy.js';

const MIB = 1024 * 1024;

test("Student's t quantiles match the tables", () => {
  // Two-sided 95%: df 1 → 12.706, 2 → 4.303, 5 → 2.571, 10 → 2.228, 30 → 2.042; large df → 1.960.
  for (const [df, t] of [[1, 12.706], [2, 4.303], [5, 2.571], [10, 2.228], [30, 2.042], [1e6, 1.960]] as const) {
    assert.ok(Math.abs(tQuantile(0.975, df) - t) < 1e-3, `df ${df}: ${tQuantile(0.975, df)}`);
  }
  assert.ok(Math.abs(tCdf(0, 7) - 0.5) < 1e-12);
  assert.ok(Math.abs(tQuantile(0.025, 5) + 2.571) < 1e-3);
});

test('an exact line is fitted exactly; a noisy one has CIs that cover the true slope and intercept', () => {
  const xs = [1, 2, 3, 4, 5, 6];
  const exact = fitLine(xs, xs.map((x) => 0.02 + 0.5 * x))!;
  assert.ok(Math.abs(exact.slope - 0.5) < 1e-12 && Math.abs(exact.intercept - 0.02) < 1e-12);
  assert.ok(exact.slope_ci[1] - exact.slope_ci[0] < 1e-9, 'no residual: a zero-width CI');
  assert.equal(exact.r2, 1);
  // Known residuals, symmetric around the line: the estimate stays 3 + 2x, the CI is textbook.
  const noise = [0.3, -0.3, -0.3, 0.3, 0.3, -0.3];
  const f = fitLine(xs, xs.map((x, i) => 3 + 2 * x + noise[i]!))!;
  // By hand: sxx = 17.5; sxy = Σ(x−3.5)(e) → slope = 2 + Σ(x−3.5)e/17.5.
  const dSlope = xs.reduce((a, x, i) => a + (x - 3.5) * noise[i]!, 0) / 17.5;
  assert.ok(Math.abs(f.slope - (2 + dSlope)) < 1e-12, `slope ${f.slope}`);
  assert.ok(f.slope_ci[0] < 2 && f.slope_ci[1] > 2, `slope CI ${f.slope_ci}`);
  assert.ok(f.intercept_ci[0] < 3 && f.intercept_ci[1] > 3, `intercept CI ${f.intercept_ci}`);
  // The slope's half-width is t(0.975, 4) × se: se² = s²/sxx with s² = SSE/(n−2).
  const sse = xs.reduce((a, x, i) => a + (3 + 2 * x + noise[i]! - (f.intercept + f.slope * x)) ** 2, 0);
  const half = tQuantile(0.975, 4) * Math.sqrt(sse / 4 / 17.5);
  assert.ok(Math.abs((f.slope_ci[1] - f.slope_ci[0]) / 2 - half) < 1e-12);
  assert.equal(fitLine([1, 2], [1, 2]), null, 'two points: no CI possible');
  assert.equal(fitLine([2, 2, 2], [1, 2, 3]), null, 'one size: no slope');
});

/** Synthetic rows: a target whose start-up is `intercept + slope × code MiB`, 3 reps each. */
function rowsFor(target: [string, string], sizes: Record<string, ModuleFacts>, startup: (f: ModuleFacts) => number, extra: (f: ModuleFacts) => Record<string, unknown> = () => ({})) {
  return Object.entries(sizes).flatMap(([b, f]) => [0, 1, 2].map((rep) => ({
    benchmark: b, runtime: target[0], mode: target[1], aot: false, rep, status: 'ok', artifact_sha256: `sha-${b}`,
    startup_s: startup(f) * (1 + 0.01 * (rep - 1)), wall_s: startup(f) + 0.1, maxrss_kb: 10_000, ...extra(f),
  })));
}

const sizes: Record<string, ModuleFacts> = {
  a: { bytes: 2 * MIB, code_bytes: 0.5 * MIB, functions: 100 },
  b: { bytes: 3 * MIB, code_bytes: 1 * MIB, functions: 200 },
  c: { bytes: 5 * MIB, code_bytes: 2 * MIB, functions: 400 },
  d: { bytes: 9 * MIB, code_bytes: 4 * MIB, functions: 800 },
};
const facts = new Map(Object.entries(sizes).map(([b, f]) => [`sha-${b}`, f]));

test('start-up against code size: per-target slope (s per MiB) and intercept recovered from rows', () => {
  const rows = [
    ...rowsFor(['wasmtime', 'cranelift'], sizes, (f) => 0.015 + 0.080 * (f.code_bytes / MIB), (f) => ({ compile_only_s: 0.080 * (f.code_bytes / MIB) })),
    ...rowsFor(['wasmtime', 'winch'], sizes, (f) => 0.012 + 0.010 * (f.code_bytes / MIB), (f) => ({ compile_only_s: 0.010 * (f.code_bytes / MIB) })),
    { benchmark: 'a', runtime: 'wasmtime', mode: 'winch', aot: false, rep: 9, status: 'crashed', artifact_sha256: 'sha-a', startup_s: 99 },
  ];
  const points = startupPoints(rows, facts);
  assert.equal(points.length, 8, 'one per benchmark and target; the crashed row is left out');
  const fits = startupFits(points);
  const cl = fits.find((f) => f.target === 'wasmtime:cranelift')!;
  const wi = fits.find((f) => f.target === 'wasmtime:winch')!;
  // Medians are the middle rep (factor 1): exact.
  assert.ok(Math.abs(cl.slope - 0.080) < 1e-12 && Math.abs(cl.intercept - 0.015) < 1e-12, `${cl.slope} ${cl.intercept}`);
  assert.ok(Math.abs(wi.slope - 0.010) < 1e-12 && Math.abs(wi.intercept - 0.012) < 1e-12);
  assert.equal(cl.per, 'MiB of code');
  const perFn = startupFits(points, { x: 'functions' }).find((f) => f.target === 'wasmtime:winch')!;
  assert.ok(Math.abs(perFn.slope - 0.010 / 200) < 1e-15, 'per function: 200 functions per MiB here');
  // Throughput: code KiB / compile-only s = 1024/0.080 and 1024/0.010 KiB/s; Winch 8× Cranelift.
  const tp = compileThroughput(points);
  const kib = (t: string) => tp.find((x) => x.target === t && x.tier === 'compile-only')!.kib_per_s;
  assert.ok(Math.abs(kib('wasmtime:cranelift') - 12_800) < 1e-6 && Math.abs(kib('wasmtime:winch') - 102_400) < 1e-6);
  assert.equal(tp.filter((x) => x.tier === 'aot').length, 0, 'no AOT compile times: no AOT throughput');
});

test('floors from the empty program, and MRSS split into floor and program against native', () => {
  const row = (benchmark: string, runtime: string, maxrss_kb: number, wall_s: number, rep = 0) =>
    ({ benchmark, runtime, mode: 'default', aot: false, rep, status: 'ok', maxrss_kb, wall_s, kernel_s: null, startup_s: null });
  const rows = [
    ...[0, 1, 2].map((i) => row(EMPTY_BENCHMARK, 'native', 1600 + i * 10, 0.001 * (1 + i), i)),
    ...[0, 1, 2].map((i) => row(EMPTY_BENCHMARK, 'wasm3', 2600 + i * 10, 0.004 + 0.001 * i, i)),
    ...[0, 1, 2].map((i) => row(EMPTY_BENCHMARK, 'node', 46_000 + i * 10, 0.25 + 0.01 * i, i)),
    row('gemm', 'native', 9610, 0.1), row('gemm', 'wasm3', 12_610, 0.9), row('gemm', 'node', 62_010, 0.5),
    row('empty-but-failed', 'wasm3', 1, 1), { ...row(EMPTY_BENCHMARK, 'wasm3', 999_999, 9), status: 'crashed' },
  ];
  const floors = emptyFloors(rows);
  assert.deepEqual(floors.map((f) => [f.target, f.maxrss_kb, f.n]), [['native', 1610, 3], ['node', 46_010, 3], ['wasm3', 2610, 3]]);
  assert.ok(Math.abs(floors.find((f) => f.target === 'node')!.startup_s! - 0.26) < 1e-12);
  const split = memorySplit(rows, floors).filter((s) => s.benchmark === 'gemm');
  const of = (t: string) => split.find((s) => s.target === t)!;
  assert.equal(of('native').program_kb, 8000);
  assert.equal(of('wasm3').program_kb, 10_000);
  assert.equal(of('wasm3').program_x, 1.25);
  assert.equal(of('node').program_kb, 16_000);
  assert.equal(of('node').program_x, 2);
  assert.ok(!split.some((s) => s.benchmark === EMPTY_BENCHMARK));
});

test('syscall shares and WASI calls of traced rows; an absent count keeps its reason', () => {
  const t = (runtime: string, over: Record<string, unknown>) => ({
    benchmark: 'apps/bzip2', runtime, mode: 'default', aot: false, status: 'ok', trace_source: 'strace', wall_s: 0.5, ...over,
  });
  const s = syscallShares([
    t('wasmtime', { syscalls: 400, syscall_s: 0.05, wasi_calls: 120, trace_note: 'strace …; traced run took 2.00× the timed run\'s wall time' }),
    t('node', { syscalls: 400, syscall_s: 0.05, wasi_calls: 120, trace_note: 'strace …' }),
    t('wasm3', { syscalls: 90, syscall_s: 0.01, wasi_calls: null, trace_note: 'strace …; no WASI counts: wasm3: no way to count its WASI calls' }),
    { ...t('native', { syscalls: 1, syscall_s: 1 }), trace_source: '' },
  ]);
  assert.equal(s.length, 3, 'untraced rows left out');
  assert.equal(s.find((x) => x.target === 'wasmtime')!.share, 0.05, 'against the traced run\'s wall time (2 × 0.5 s)');
  assert.equal(s.find((x) => x.target === 'node')!.share, 0.1, 'no ratio recorded: the timed run\'s');
  const w3 = s.find((x) => x.target === 'wasm3')!;
  assert.equal(w3.wasi_calls, null);
  assert.match(w3.note, /no way to count/);
});

test('module facts are read from the .wasm a row names (section headers: size, code, functions)', () => {
  // A real module: (module (func) (func)), two empty bodies.
  const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 3, 2, 0, 0, 10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b]);
  const dir = mkdtempSync(join(tmpdir(), 'wasmlab-anatomy-facts-'));
  writeFileSync(join(dir, 'm.wasm'), bytes);
  const f = moduleFactsOf([{ runtime: 'wasm3', artifact_sha256: 'x', argv: JSON.stringify(['wasm3', join(dir, 'm.wasm')]) },
    { runtime: 'wasm3', artifact_sha256: 'gone', argv: JSON.stringify(['wasm3', join(dir, 'missing.wasm')]) }]);
  assert.deepEqual(f.get('x'), { bytes: bytes.length, code_bytes: 7, functions: 2 });
  assert.equal(f.has('gone'), false);
});

test('verdict lines say what the analyses found, and nothing where there are no rows', async () => {
  const { anatomyVerdicts } = await import('../src/analysis/anatomy.js');
  assert.deepEqual(anatomyVerdicts({ shares: [], throughput: [], fits: [], floors: [], split: [] }), []);
  const v = anatomyVerdicts({
    shares: [
      { benchmark: 'apps/bzip2', target: 'native', share: 0.01, syscalls: 50, syscall_s: 0.001, wasi_calls: null, note: 'native' },
      { benchmark: 'apps/bzip2', target: 'wasmer:cranelift', share: 0.2, syscalls: 900, syscall_s: 0.012, wasi_calls: 300, note: '' },
      { benchmark: 'apps/bzip2', target: 'wasm3', share: 0.05, syscalls: 90, syscall_s: 0.004, wasi_calls: null, note: 'x' },
    ],
    throughput: [
      { target: 'wasmtime:winch', tier: 'compile-only', kib_per_s: 8000, benchmarks: 4 },
      { target: 'wasmtime:cranelift', tier: 'compile-only', kib_per_s: 1000, benchmarks: 4 },
    ],
    fits: [], floors: [{ target: 'native', startup_s: 0.001, maxrss_kb: 1024, n: 3 }, { target: 'node:turbofan', startup_s: 0.25, maxrss_kb: 46 * 1024, n: 3 }],
    split: [],
  });
  assert.match(v[0]!, /^apps\/bzip2: wasmer:cranelift spends 12× native's time in system calls \(20% of its traced wall time against native's 1\.0%\), through 300 WASI calls\.$/);
  assert.match(v[1]!, /^wasmtime:winch compiles 8\.0× faster than wasmtime:cranelift/);
  assert.match(v[2]!, /node:turbofan holds 46 MiB \(native 1\.0 MiB\)/);
});
