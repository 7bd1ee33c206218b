/**
 * The share of native's vector gain a runtime keeps (src/analysis/simd-share.ts) on synthetic
 * rows with a known share, its paired interval's coverage in a seeded simulation
 * (src/analysis/share-interval.ts), and the undefined case: native gains nothing from vectors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../src/analysis/bootstrap.js';
import type { Row } from '../src/analysis/rows.js';
import { ratioOfMeansInterval } from '../src/analysis/share-interval.js';
import { simdShare } from '../src/analysis/simd-share.js';
import { simdVerdict } from '../src/analysis/findings.js';
import { normalSampler, syntheticRows } from '../src/analysis/synthetic.js';

/**
 * Native's vectors speed it up `nativeGain`× (geomean); wasmtime's SIMD build speeds it up
 * nativeGain^share×, per benchmark give or take `sigma` (log sd). The feature set rides in
 * runtime_version while generating, then moves to `features`.
 */
function shareRows(o: { nativeGain: number; share: number; benchmarks: number; seed: number; sigma?: number }): Row[] {
  const sigma = o.sigma ?? 0.1;
  const rows = syntheticRows({
    targets: [
      { runtime: 'native', mode: 'default', ratio: 1, runtime_version: 'novec' },
      { runtime: 'native', mode: 'default', ratio: 1 / o.nativeGain, of: 0, sigma, runtime_version: 'vec' },
      { runtime: 'native', mode: 'default', ratio: 1, of: 1, sigma: 0, runtime_version: 'simd128' },
      { runtime: 'wasmtime', mode: 'cranelift', ratio: 1.8, runtime_version: 'mvp' },
      { runtime: 'wasmtime', mode: 'cranelift', ratio: o.nativeGain ** -o.share, of: 3, sigma, runtime_version: 'simd128' },
    ],
    benchmarks: o.benchmarks, reps: 3, seed: o.seed, benchSigma: 0.3, repSigma: 0.03,
  });
  return rows.map((r) => {
    const features = r.runtime_version === 'novec' || r.runtime_version === 'simd128' ? String(r.runtime_version) : '';
    return { ...r, features, runtime_version: r.runtime === 'native' ? 'clang-19' : '49.0', artifact_v128: features === 'simd128' ? 12 : null };
  });
}

test('simdShare: a known share of 0.6 is estimated near 0.6 and inside its 95% CI; native is no subject; a not-vectorized benchmark is left out', () => {
  const rows = shareRows({ nativeGain: 1.5, share: 0.6, benchmarks: 30, seed: 5 });
  // b00's SIMD module has no v128 instruction: it must not count (not as 1.0× either).
  const marked = rows.map((r) => (r.benchmark === 'synthetic/b00' && r.features === 'simd128' ? { ...r, artifact_v128: 0 } : r));
  const s = simdShare(marked, { seed: 3 });
  assert.deepEqual(s.map((x) => x.subject), ['wasmtime:cranelift']);
  const w = s[0]!;
  assert.equal(w.benchmarks, 29);
  assert.deepEqual(w.left_out, [{ benchmark: 'synthetic/b00', reason: 'not vectorized (no v128 instruction in its SIMD build)' }]);
  assert.ok(Math.abs(w.native_speedup - 1.5) < 0.1, `native ${w.native_speedup}`);
  assert.ok(Math.abs(w.simd_speedup - 1.5 ** 0.6) < 0.1, `simd ${w.simd_speedup}`);
  assert.ok(w.share !== null && Math.abs(w.share - 0.6) < 0.1, `share ${w.share}`);
  assert.ok(w.ci_low! < 0.6 && 0.6 < w.ci_high!, `CI ${w.ci_low}–${w.ci_high}`);
  assert.ok(w.ci_high! - w.ci_low! < 0.5, 'an informative interval');
  assert.equal(w.note, '');
  assert.equal(w.resamples, 10_000);
  assert.match(w.method, /^bootstrap-t, 10000 resamples$/);
  // The point is exactly ln(geomean SIMD speed-up) / ln(native's geomean speed-up).
  assert.ok(Math.abs(w.share! - Math.log(w.simd_speedup) / Math.log(w.native_speedup)) < 1e-12);
  // Seeded: the same rows and seed give the same interval; another seed moves it a little.
  assert.deepEqual(simdShare(marked, { seed: 3 }), s);
  const other = simdShare(marked, { seed: 4 })[0]!;
  assert.ok(other.ci_low !== w.ci_low && Math.abs(other.ci_low! - w.ci_low!) < 0.05);
});

test('simdShare: when native\'s vector gain has a CI that includes 1 the share is undefined: no number, the reason given', () => {
  const rows = shareRows({ nativeGain: 1, share: 0.5, benchmarks: 12, seed: 9, sigma: 0.1 });
  const w = simdShare(rows)[0]!;
  assert.ok(w.native_ci_low! < 1 && w.native_ci_high! > 1, `native CI ${w.native_ci_low}–${w.native_ci_high}`);
  assert.equal(w.share, null);
  assert.equal(w.ci_low, null);
  assert.match(w.note, /^undefined: native's vector speed-up [\d.]+× \[[\d.]+×–[\d.]+×\] includes 1/);
  // Below 10 benchmarks the share's interval is the delta method's t interval (no resampling).
  const few = simdShare(shareRows({ nativeGain: 2, share: 0.8, benchmarks: 6, seed: 2 }))[0]!;
  assert.match(few.method, /^delta t \(6 benchmarks, < 10\)$/);
  assert.ok(few.ci_low! < 0.8 && 0.8 < few.ci_high!, `CI ${few.ci_low}–${few.ci_high}`);
});

/** Coverage of the share's 95% CI over `sims` seeded data sets with a known share. */
function coverage(n: number, sims: number, resamples: number, grouped: boolean): number {
  const norm = normalSampler(mulberry32(2026));
  const truth = 0.7, gain = Math.log(1.4);
  let hit = 0;
  for (let s = 0; s < sims; s++) {
    const b = Array.from({ length: n }, () => gain + 0.2 * norm());
    // The runtime's gain follows native's per benchmark (correlated, as real kernels are), plus its own noise.
    const a = b.map((x) => truth * x + 0.1 * norm());
    const groups = grouped ? a.map((_, i) => (i % 3 ? 'polybench' : 'mibench')) : undefined;
    const iv = ratioOfMeansInterval(a, b, { resamples, seed: s + 1, groups })!;
    if (iv.low <= truth && truth <= iv.high) hit++;
  }
  return hit / sims;
}

test('the share\'s 95% CI covers the true share about 95% of the time (seeded simulation: bootstrap at 20 benchmarks in two groups, delta t at 8)', () => {
  const boot = coverage(20, 300, 1000, true);
  assert.ok(boot >= 0.9 && boot <= 0.99, `bootstrap-t coverage ${boot}`);
  const small = coverage(8, 1000, 0, false);
  assert.ok(small >= 0.9 && small <= 0.99, `delta t coverage ${small}`);
});

test('simdVerdict (finding 12): SIMD faster everywhere it runs; at least half, less than half, or undefined by the share\'s CI; a refused runtime named, not counted', () => {
  // WAMR 2020's AOT mode is AOT by itself: named "wamr:aot", not "wamr:aot+aot".
  const refused: Row[] = ['synthetic/b00', 'synthetic/b01'].flatMap((benchmark) => [['wasmer', 'singlepass', false], ['wamr', 'aot', true]].map(([runtime, mode, aot]) => ({
    benchmark, size: 'small', opt: 'O2', runtime, mode, aot, rep: 0, runtime_version: '4.4', features: 'simd128', host: 'synthetic',
    status: 'unsupported', reason: 'compile error: not yet implemented', kernel_s: null,
  })));
  const most = simdVerdict([...shareRows({ nativeGain: 1.6, share: 0.9, benchmarks: 20, seed: 1 }), ...refused], { resamples: 2000 });
  assert.match(most, /^SIMD over MVP holds: every one measured is faster than the MVP build \(speed-up over it\) \(wasmtime:cranelift \[simd128\] 1\.\d\d× \[1\.\d\d–1\.\d\d\]\); no SIMD on wasmer:singlepass, wamr:aot \(its probe fails\)\. /);
  assert.match(most, /native's speed-up from vectors 1\.\d\d× \[1\.\d\d–1\.\d\d\]; share, 95% CI\): keeps at least half: wasmtime:cranelift 0\.\d\d \[0\.\d\d–[01]\.\d\d\]; numbers: /);
  const little = simdVerdict(shareRows({ nativeGain: 1.6, share: 0.15, benchmarks: 20, seed: 1 }), { resamples: 2000 });
  assert.match(little, /^SIMD over MVP holds: .*keeps less than half: wasmtime:cranelift 0\.\d\d/);
  const flat = simdVerdict(shareRows({ nativeGain: 1, share: 0.5, benchmarks: 12, seed: 9 }), { resamples: 2000 });
  assert.match(flat, /undefined: wasmtime:cranelift no share \(undefined: native's vector speed-up .* includes 1/);
  assert.equal(simdVerdict(shareRows({ nativeGain: 1.5, share: 0.5, benchmarks: 3, seed: 1 }).filter((r) => r.features !== 'simd128')), 'cannot be measured here: no SIMD (simd128) rows of a runtime');
});
