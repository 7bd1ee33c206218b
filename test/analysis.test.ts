// Statistics of src/analysis on small fixed tables, against values worked out by hand (shown in
// the comments) or published examples, plus the bootstrap's seed reproducibility and coverage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomialCdf, normalCdf, normalQuantile, normalSf } from '../src/analysis/normal.js';
import { medianCi, medianCiIndex, summarize } from '../src/analysis/summarize.js';
import { compare, logMedianVariance, ratioCi } from '../src/analysis/compare.js';
import { hodgesLehmann, mannWhitney, mannWhitneyCounts, wilcoxonSignedRank } from '../src/analysis/tests.js';
import { geomean, mulberry32 } from '../src/analysis/bootstrap.js';
import { geomeanCi } from '../src/analysis/paired.js';
import { geomeans, pairwiseWilcoxon } from '../src/analysis/geomeans.js';
import { verdict } from '../src/analysis/verdict.js';
import { counters } from '../src/analysis/counters.js';
import { pivot, ranking } from '../src/analysis/tables.js';
import { report } from '../src/analysis/report.js';
import { normalSampler, syntheticRows } from '../src/analysis/synthetic.js';
import { pairUp } from '../src/analysis/compare.js';
import { UsageError, type Row } from '../src/analysis/rows.js';
import { slowdown } from '../src/analysis/slowdown.js';
import { aggregate } from '../src/analysis/aggregate.js';

const close = (a: number | null, b: number, rel = 1e-6, what = '') =>
  assert.ok(a !== null && Math.abs(a - b) <= rel * Math.abs(b), `${what} ${a} ≉ ${b}`);

/** A run row with what analysis reads. */
function r(runtime: string, mode: string, kernel_s: number | null, extra: Row = {}): Row {
  return { benchmark: 'b1', size: 'mini', opt: 'O2', runtime, mode, aot: false, status: 'ok', reason: '', kernel_s, runtime_version: '1', host: 'h', ...extra };
}
const reps = (runtime: string, mode: string, xs: number[], extra: Row = {}) => xs.map((x, rep) => r(runtime, mode, x, { rep, ...extra }));

test('normal CDF is accurate in the tails; quantile inverts it', () => {
  close(normalCdf(-4.5), 3.3976731e-6, 1e-5, 'Φ(−4.5)'); // tables: 3.39767e-6 (simple-statistics' table says 0.001)
  close(normalCdf(1.96), 0.9750021, 1e-6, 'Φ(1.96)');
  close(normalSf(6), 9.8658765e-10, 1e-5, '1 − Φ(6)');
  close(normalQuantile(0.975), 1.959964, 1e-6, 'z.975');
  close(normalQuantile(1 / 32), -1.862732, 1e-5, 'z(1/32)');
});

test('binomial CDF: hand values', () => {
  close(binomialCdf(0, 5, 0.5), 1 / 32);
  close(binomialCdf(2, 5, 0.5), 0.5);
  close(binomialCdf(1, 10, 0.5), 11 / 1024);
  close(binomialCdf(1, 3, 1 / 3), 20 / 27); // (2/3)³ + 3·(1/3)(2/3)² = 8/27 + 12/27
});

test('median CI from order statistics: n < 6 has none; n = 6 and 10 as in Conover’s table', () => {
  assert.equal(medianCiIndex(5), null); // [min, max] covers 1 − 2/32 = 93.75% < 95%
  assert.deepEqual(medianCiIndex(6), { k: 1, coverage: 1 - 2 / 64 });
  const c10 = medianCiIndex(10)!; // P(B ≤ 1) = 11/1024 → k = 2, coverage 1 − 22/1024
  assert.equal(c10.k, 2);
  close(c10.coverage, 1 - 22 / 1024);
  assert.deepEqual(medianCi([10, 1, 9, 2, 8, 3, 7, 4, 6, 5].sort((a, b) => a - b)), { low: 2, high: 9, level: 1 - 22 / 1024 });
});

test('summarize: failed rows excluded and counted, zero/negative/non-finite rejected with a reason, single rep', () => {
  const rows = [
    ...reps('native', 'default', [3, 1, 2]),
    r('native', 'default', null, { status: 'crashed', reason: 'SIGSEGV' }),
    r('native', 'default', 0), r('native', 'default', -1), r('native', 'default', Infinity), r('native', 'default', null),
    r('wasm3', 'default', 5),
  ];
  const [n, w] = summarize(rows);
  assert.equal(n.target, 'native');
  assert.deepEqual([n.n, n.failed, n.invalid, n.median, n.mean, n.sd, n.min, n.max, n.ci_low], [3, 1, 4, 2, 2, 1, 1, 3, null]);
  assert.equal(w.target, 'wasm3');
  assert.deepEqual([w.n, w.median, w.sd, w.ci_low], [1, 5, null, null], 'a single rep: median, no sd, no CI');
  const ex = report(rows, { baseline: 'native', resamples: 10 }).excluded;
  assert.deepEqual(ex.reasons.map((x) => x.reason).sort(), [
    'crashed: SIGSEGV', 'kernel_s is negative (-1)', 'kernel_s is not finite (Infinity)', 'kernel_s is zero (a ratio or log needs a positive time)', 'kernel_s missing',
  ]);
  assert.equal(ex.failed, 1);
  assert.equal(ex.invalid, 4);
  // A group whose every run failed is still listed (n = 0), not dropped.
  const only = summarize([r('wamr', 'interp', null, { status: 'timeout', reason: 'after 60 s' })]);
  assert.deepEqual([only[0]!.n, only[0]!.failed, only[0]!.median], [0, 1, null]);
});

test('Mann–Whitney U: exact without ties, normal with tie correction (hand-worked)', () => {
  // x all below y: U = 0; exact two-sided p = 2·(1/C(6,3)) = 0.1.
  assert.deepEqual(mannWhitney([1, 2, 3], [4, 5, 6]), { statistic: 0, p: 0.1, method: 'exact' });
  // q-binomial counts for m = n = 2: U = 0..4 → 1, 1, 2, 1, 1 (the 6 arrangements).
  assert.deepEqual([...mannWhitneyCounts(2, 2)], [1, 1, 2, 1, 1]);
  // Ties: x = [1,2,2], y = [2,3,4]; ranks 1, 3, 3 | 3, 5, 6 → R₁ = 7, U = 1; μ = 4.5;
  // var = 9/12·(7 − (3³−3)/(6·5)) = 4.65; z = (3.5 − 0.5)/√4.65 = 1.39122; p = 2·(1 − Φ(z)) = 0.16417.
  const t = mannWhitney([1, 2, 2], [2, 3, 4])!;
  assert.equal(t.statistic, 1);
  assert.equal(t.method, 'normal');
  close(t.p, 0.16417, 2e-4, 'tied p');
  assert.equal(mannWhitney([2, 2], [2, 2])!.p, 1, 'all tied: no evidence');
});

test('Hodges–Lehmann shift: median of pairwise differences (hand-worked)', () => {
  // x − y over x = [1,2,3], y = [0,1]: 1,0,2,1,3,2 → sorted 0,1,1,2,2,3 → median 1.5.
  assert.equal(hodgesLehmann([1, 2, 3], [0, 1]), 1.5);
  assert.equal(hodgesLehmann([], [1]), null);
});

test('Hodges–Lehmann on large sorted samples (selection without listing) equals listing every difference', () => {
  const rnd = mulberry32(31);
  for (const [m, n, ties] of [[40, 40, false], [100, 100, false], [33, 64, true], [200, 7, true]] as const) {
    const draw = () => (ties ? Math.round(rnd() * 10) : rnd() * 10);
    const x = Array.from({ length: m }, draw).sort((a, b) => a - b), y = Array.from({ length: n }, draw).sort((a, b) => a - b);
    const all = new Float64Array(m * n);
    let k = 0;
    for (const a of x) for (const b of y) all[k++] = a - b;
    assert.equal(hodgesLehmann(x, y), aggregate([...all], 'median'), `${m}×${n}${ties ? ' with ties' : ''}`);
  }
});

test('Wilcoxon signed-rank: Darwin’s Zea mays differences (Fisher 1935), checked by enumerating all sign patterns', () => {
  // Published: T+ = 96, two-sided exact p = 0.04126 (R: wilcox.test, Hollander & Wolfe).
  const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
  const w = wilcoxonSignedRank(d)!;
  assert.equal(w.statistic, 96);
  assert.equal(w.method, 'exact');
  // Independent check: of the 2^15 sign patterns of ranks 1..15, those with T+ ≤ 24 (= 120 − 96).
  let le = 0;
  for (let m = 0; m < 1 << 15; m++) { let s = 0; for (let i = 0; i < 15; i++) if (m & (1 << i)) s += i + 1; if (s <= 24) le++; }
  close(w.p, (2 * le) / 2 ** 15, 1e-9, 'enumerated p');
  close(w.p, 0.04126, 1e-3, 'published p');
  close(wilcoxonSignedRank([1, 2, 3, 4, 5, 6])!.p, 2 / 64, 1e-12, 'all positive, n = 6'); // 2·(1/2⁶)
  assert.equal(wilcoxonSignedRank([0, 0, 0])!.p, 1, 'no differences');
  assert.equal(wilcoxonSignedRank([]), null);
  assert.equal(wilcoxonSignedRank([0.3])!.p, 1, 'one benchmark: T+ is 0 or 1 with probability ½');
});

test('ratio of medians with Price & Bonett’s CI (hand-worked)', () => {
  // s = [2,4,4,4,8], b = [1,2,2,2,4]: ratio 4/2 = 2. n = 5: c = round(3 − √5) = 1, z = Φ⁻¹(1 − 1/32) = 1.862732,
  // var(ln median) = (ln 4 / (2·1.862732))² = 0.138474 each; half-width 1.959964·√0.276948 = 1.031447;
  // CI = 2·e^(∓1.031447) = [0.71302, 5.60979].
  close(logMedianVariance([1, 2, 2, 2, 4]), 0.138474, 1e-4);
  const c = ratioCi([2, 4, 4, 4, 8], [1, 2, 2, 2, 4]);
  assert.equal(c.ratio, 2);
  close(c.low, 0.71302, 1e-4, 'low');
  close(c.high, 5.60979, 1e-4, 'high');
  assert.deepEqual(ratioCi([2, 3], [1, 1, 1]), { ratio: 2.5, low: null, high: null }, 'under 3 reps: no CI');
});

test('compare: target label, missing configuration, and one median definition', () => {
  const rows = [
    ...reps('native', 'default', [1, 3, 2]), ...reps('wasmtime', 'cranelift', [3, 100, 2.5]),
    ...reps('wasmtime', 'cranelift', [4, 4, 4], { benchmark: 'b2' }), // b2 has no native rows
    ...reps('native', 'default', [1, 1, 1], { benchmark: 'b3' }), r('wasmtime', 'cranelift', null, { benchmark: 'b3', status: 'crashed', reason: 'trap' }),
  ];
  const c = compare(rows);
  assert.equal(c.rows.length, 1);
  assert.equal(c.rows[0]!.ratio, 1.5);
  assert.equal(c.rows[0]!.subject, 'wasmtime:cranelift');
  assert.deepEqual(c.missing.map((m) => [m.benchmark, m.reason]), [['b2', 'no baseline rows for this case'], ['b3', 'no usable run (1 excluded)']]);
  assert.deepEqual(slowdown(rows).map((s) => s.slowdown), [1.5], 'slowdown() is compare()');
});

test('compare: an ambiguous baseline is a usage error naming the candidates', () => {
  const modes = [...reps('wasmer', 'singlepass', [2, 2, 2]), ...reps('wasmer', 'cranelift', [1, 1, 1]), ...reps('wasm3', 'default', [9, 9, 9])];
  assert.throws(() => compare(modes, { baseline: 'wasmer' }), (e: Error) =>
    e instanceof UsageError && /ambiguous/.test(e.message) && /wasmer:cranelift/.test(e.message) && /wasmer:singlepass/.test(e.message));
  assert.equal(compare(modes, { baseline: 'wasmer:cranelift' }).rows.length, 2, 'naming one works');
  const versions = [...reps('native', 'default', [1, 1, 1]), ...reps('native', 'default', [2, 2, 2], { runtime_version: '2' }), ...reps('wasm3', 'default', [9, 9, 9])];
  assert.throws(() => compare(versions), (e: Error) => e instanceof UsageError && /runtime_version 1, 2/.test(e.message));
  assert.equal(compare(versions, { baseline: { target: 'native', version: '2' } }).rows.find((x) => x.subject.startsWith('wasm3'))!.ratio, 4.5);
  const hosts = [...reps('native', 'default', [1, 1, 1]), ...reps('native', 'default', [2, 2, 2], { host: 'h2' }), ...reps('wasm3', 'default', [9, 9, 9])];
  assert.throws(() => compare(hosts), (e: Error) => e instanceof UsageError && /host h, h2/.test(e.message));
  assert.equal(compare(hosts, { by: ['benchmark', 'size', 'opt', 'host'] }).rows.length, 1, 'within each host');
  assert.throws(() => compare(modes, { baseline: 'native' }), /not in the rows \(targets: wasm3, wasmer:cranelift, wasmer:singlepass\)/);
});

test('compare: same target without AOT, at O0, at another version', () => {
  const rows = [
    ...reps('wasmtime', 'cranelift', [2, 2, 2]), ...reps('wasmtime', 'cranelift', [1, 1, 1], { aot: true }),
    ...reps('wamr', 'aot', [1, 1, 1], { aot: true }), ...reps('wasmtime', 'cranelift', [6, 6, 6], { opt: 'O0' }),
  ];
  const aot = compare(rows, { baseline: { sameTarget: 'no-aot' } });
  assert.deepEqual(aot.rows.map((x) => [x.subject, x.baseline, x.ratio]), [['wasmtime:cranelift+aot', 'wasmtime:cranelift', 0.5]]);
  assert.deepEqual(aot.missing.map((m) => m.subject), ['wamr:aot'], 'WAMR AOT has no JIT form');
  const o0 = compare(rows, { baseline: { sameTarget: 'O0' } });
  assert.deepEqual(o0.rows.map((x) => [x.subject, x.baseline, x.ratio]), [['wasmtime:cranelift -O2', 'wasmtime:cranelift -O0', 2 / 6]]);
  const vs = [...reps('wasmtime', 'cranelift', [2, 2, 2], { runtime_version: '49' }), ...reps('wasmtime', 'cranelift', [3, 3, 3], { runtime_version: '0.40' }),
    ...reps('native', 'default', [1, 1, 1], { runtime_version: 'clang-19' })];
  const v = compare(vs, { baseline: { version: '0.40' } });
  assert.deepEqual(v.rows.map((x) => [x.subject, x.baseline, x.ratio]), [['wasmtime:cranelift 49', 'wasmtime:cranelift 0.40', 2 / 3]]);
  assert.deepEqual(v.missing, [], 'native has no 0.40: not a subject');
  assert.throws(() => compare(vs, { baseline: { version: '9' } }), /no rows at runtime_version 9/);
});

test('geomean is a log-average: no overflow for many large ratios', () => {
  assert.equal(geomean([2, 8]), 4);
  close(geomean(Array(400).fill(1e300)), 1e300, 1e-10);
  close(geomean([...Array(200).fill(1e-300), ...Array(200).fill(1e300)]), 1, 1e-9);
});

test('bootstrap: the same seed gives the same interval, another seed another', () => {
  const rows = syntheticRows({ benchmarks: 10, reps: 7 });
  const pairs = pairUp(rows).pairs.filter((p) => p.subjectLabel === 'wasm3');
  const a = geomeanCi(pairs, { seed: 42 }), b = geomeanCi(pairs, { seed: 42 }), c = geomeanCi(pairs, { seed: 43 });
  assert.deepEqual(a, b);
  assert.notEqual(a.ci_low, c.ci_low);
  assert.equal(a.resamples, 10_000, 'from 10 benchmarks: the bootstrap, 10,000 resamples by default');
  assert.match(a.method, /bootstrap-t/);
  assert.ok(a.ci_low! < a.geomean && a.geomean < a.ci_high!);
  const m = mulberry32(1);
  assert.deepEqual([m(), m()], (() => { const n = mulberry32(1); return [n(), n()]; })());
});

test('coverage: per-benchmark ratio CIs cover the true ratio in ~95% of 400 simulated cases', (t) => {
  const norm = normalSampler(mulberry32(7));
  let covered = 0;
  for (let s = 0; s < 400; s++) {
    const a = Array.from({ length: 10 }, () => 2 * Math.exp(0.2 * norm())).sort((x, y) => x - y);
    const b = Array.from({ length: 10 }, () => Math.exp(0.2 * norm())).sort((x, y) => x - y);
    const c = ratioCi(a, b);
    if (c.low! <= 2 && 2 <= c.high!) covered++;
  }
  t.diagnostic(`ratio CI coverage ${covered / 400}`);
  assert.ok(covered / 400 >= 0.9 && covered / 400 <= 0.995, `coverage ${covered / 400}`);
});

test('verdict sentences are computed from the numbers', () => {
  const base = { subject: 'wasmer:llvm', baseline: 'wasmer:singlepass', metric: 'kernel_s', benchmarks: 50, no_ci: 0 };
  assert.equal(verdict({ ...base, geomean: 1 / 1.21, ci_low: 1 / 1.28, ci_high: 1 / 1.15, below: 48, above: 0, wilcoxon_p: 1e-9 }),
    'wasmer:llvm is 1.21× [1.15–1.28] faster than wasmer:singlepass (geomean, 95% CI); faster on 48 of 50 benchmarks (BH q < 0.05), Wilcoxon p < 0.001');
  assert.equal(verdict({ ...base, geomean: 1.02, ci_low: 0.97, ci_high: 1.08, below: 3, above: 2, wilcoxon_p: 0.61 }),
    'no significant difference between wasmer:llvm and wasmer:singlepass: 1.02× [0.97–1.08] (geomean, 95% CI); faster on 3, slower on 2 of 50 benchmarks (BH q < 0.05), Wilcoxon p = 0.61');
  assert.equal(verdict({ ...base, subject: 'wasm3', baseline: 'native', benchmarks: 3, geomean: 34.2, ci_low: 30.1, ci_high: 38, below: 0, above: 3, wilcoxon_p: 0.25 }),
    'wasm3 is 34.2× [30.1–38.0] slower than native (geomean, 95% CI); slower on 3 of 3 benchmarks (BH q < 0.05), Wilcoxon p = 0.25 (3 benchmarks: too few for p < 0.05)');
});

test('geomeans and report on synthetic rows recover the known ratios', () => {
  const rows = syntheticRows({ benchmarks: 30, reps: 5, benchSigma: 0.1 });
  const g = geomeans(rows);
  for (const [s, truth] of [['wasm3', 30], ['wasmer:singlepass', 3], ['wasmtime:cranelift', 1.4]] as const) {
    const x = g.find((y) => y.subject === s)!;
    assert.ok(x.ci_low! < truth * 1.08 && truth / 1.08 < x.ci_high!, `${s}: ${x.verdict}`);
    assert.match(x.verdict, new RegExp(`^${s} is .* slower than native`));
  }
  const rep = report(rows, { resamples: 200 });
  assert.deepEqual(rep.geomeans.map((x) => x.subject), ranking(rep.geomeans).map((x) => x.subject), 'ranked');
  assert.equal(rep.comparisons.length, 30 * 5);
  assert.deepEqual(JSON.parse(JSON.stringify(rep)), JSON.parse(JSON.stringify(report(rows, { resamples: 200 }))), 'deterministic');
});

test('counters: IPC, miss ratios, normalized misses and MRSS ratio, with their scope', () => {
  const c = (runtime: string, mode: string, k: number, extra: Row = {}) => reps(runtime, mode, [k, k, k], {
    kernel_s: k,
    cycles: 100 * k, instructions: 200, branches: 50, branch_misses: 5 * k, cache_references: 20, cache_misses: 2 * k, maxrss_kb: 1000 * k, counter_source: 'perf', ...extra,
  });
  const rows = [...c('native', 'default', 1), ...c('wasm3', 'default', 4)];
  const [x] = counters(rows);
  assert.equal(x!.subject, 'wasm3');
  assert.equal(x!.counter_scope, 'process', 'default scope');
  assert.deepEqual([x!.ipc, x!.baseline_ipc, x!.branch_miss_ratio, x!.cache_miss_ratio, x!.instructions_x, x!.branch_misses_x, x!.cache_misses_x, x!.mrss_x],
    [0.5, 2, 0.4, 0.4, 1, 4, 4, 4]);
  assert.equal(x!.time_x, 4, 'kernel_s ratio');
  const mixed = [...c('native', 'default', 1, { counter_scope: 'kernel' }), ...c('wasm3', 'default', 4)];
  const [y] = counters(mixed);
  assert.equal(y!.branch_misses_x, null);
  assert.match(y!.note, /scopes differ \(process vs kernel\)/);
  assert.equal(y!.mrss_x, 4, 'memory is not a counter: still compared');
  const sim = [...c('native', 'default', 1, { counter_source: 'valgrind' }), ...c('wasm3', 'default', 4, { counter_source: 'valgrind' })];
  const [z] = counters(sim);
  assert.equal(z!.counter_source, 'valgrind');
  assert.equal(z!.branch_misses_x, 4, 'same source and scope: normalized');
  assert.match(z!.note, /simulated caches and branch predictor/);
  const [w] = counters([...c('native', 'default', 1), ...c('wasm3', 'default', 4, { counter_source: 'valgrind' })]);
  assert.equal(w!.cache_misses_x, null);
  assert.match(w!.note, /counter sources differ \(valgrind vs perf\)/);
});

test('tables: pivot of any metric over benchmarks × targets, ranking', () => {
  const rows = [...reps('native', 'default', [1, 3, 2]), ...reps('wasm3', 'default', [9, 8, 7]), ...reps('wasm3', 'default', [5], { benchmark: 'b2' }),
    r('wasm3', 'default', null, { benchmark: 'b2', status: 'timeout' })];
  const p = pivot(rows, { value: 'kernel_s' });
  assert.deepEqual(p.columns, ['benchmark', 'native', 'wasm3']);
  assert.deepEqual(p.rows, [{ benchmark: 'b1', native: 2, wasm3: 8 }, { benchmark: 'b2', native: null, wasm3: 5 }], 'missing configuration: null');
  const ratios = pivot(compare(rows).rows, { value: 'ratio' });
  assert.deepEqual(ratios.rows, [{ benchmark: 'b1', wasm3: 4 }]);
});

test('pairwise Wilcoxon: every pair of targets over their common benchmarks', () => {
  const rows = syntheticRows({ benchmarks: 8, reps: 3 });
  const pw = pairwiseWilcoxon(rows);
  assert.equal(pw.length, (6 * 5) / 2);
  const w = pw.find((p) => p.a === 'native' && p.b === 'wasm3')!;
  assert.equal(w.benchmarks, 8);
  close(w.wilcoxon_p, 2 / 256, 1e-9, 'all 8 faster: exact p = 2·(1/2⁸)');
  assert.ok(w.geomean < 1 / 20);
  assert.deepEqual(pairwiseWilcoxon(rows, { summaries: summarize(rows) }), pw, 'from summaries: the same');
});

test('summarize by fewer keys: fields that vary within a group show "*"', () => {
  const rows = [...reps('native', 'default', [1, 2, 3]), ...reps('native', 'default', [5, 6, 7], { benchmark: 'b2' })];
  const [s] = summarize(rows, { by: ['target'] });
  assert.equal(s!.benchmark, '*');
  assert.equal(s!.target, 'native');
  assert.deepEqual([s!.n, s!.median, s!.ci_low, s!.ci_high], [6, 4, 1, 7]); // n = 6: [Y(1), Y(6)], 96.9%
  assert.throws(() => summarize(rows, { by: ['nonsense' as 'target'] }), /cannot group by "nonsense"/);
});
