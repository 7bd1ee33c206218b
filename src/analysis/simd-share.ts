/**
 * "Share of native's vector gain kept" (issue 28, notebook 12-simd): per runtime,
 *   share = ln(geomean speed-up of its SIMD build over its MVP build)
 *         / ln(geomean speed-up of native vectorized over native `novec`),
 * both over the same benchmarks: those the runtime has both builds of, whose SIMD build has v128
 * instructions (a not-vectorized one is left out and listed, not counted as 1.0×), and that native
 * has both builds of. 1 is "keeps all of it", 0 "none", above 1 "more than native gains".
 *
 * Its interval: a paired bootstrap over benchmarks — a benchmark drawn brings its numerator and
 * its denominator together — stratified by suite group, seeded, 10,000 resamples by default
 * (share-interval.ts: studentized from 10 benchmarks, delta-method t below).
 * The share is undefined when native's own gain is not shown: when the 95% CI of native's
 * speed-up from vectors (interval.ts, on these benchmarks) includes 1, or lies below it, the
 * denominator may be 0 or negative and any number would mislead. Then `share` is null and
 * `note` says why.
 */
import { median } from './aggregate.js';
import type { BootstrapOptions } from './bootstrap.js';
import { pairUp } from './compare.js';
import { groupOf, logRatioInterval } from './interval.js';
import { DEFAULT_METRIC, keyOf, type GroupKey, type Row } from './rows.js';
import { ratioOfMeansInterval } from './share-interval.js';
import { collect, type Group } from './summarize.js';

export interface ShareRow {
  /** The runtime target ("wasmtime:cranelift"). */
  subject: string;
  /** Benchmarks in both the numerator and the denominator. */
  benchmarks: number;
  /** Geomean speed-up of the SIMD build over the MVP build (> 1: SIMD faster), with its 95% CI. */
  simd_speedup: number;
  simd_ci_low: number | null;
  simd_ci_high: number | null;
  /** Native's geomean speed-up from vectors (novec time / vectorized time) on the same benchmarks, with its 95% CI. */
  native_speedup: number;
  native_ci_low: number | null;
  native_ci_high: number | null;
  /** The share kept and its 95% CI; null when undefined (see `note`). */
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  method: string;
  resamples: number;
  seed: number;
  /** '' when the share and its CI are there; otherwise why not. */
  note: string;
  /** Benchmarks of this runtime left out, with the reason. */
  left_out: { benchmark: string; reason: string }[];
}

export interface ShareOptions extends BootstrapOptions {
  metric?: string;
}

const CASE: GroupKey[] = ['benchmark', 'size', 'opt', 'host'];
const lnMedianRatio = (num: Group, den: Group) => Math.log(median(num.values, true)! / median(den.values, true)!);
const x2 = (v: number) => `${v.toFixed(2)}×`;

/** Native's log speed-up from vectors per case: ln(median novec / median vectorized). */
function nativeGains(groups: readonly Group[]): Map<string, number> {
  const native = groups.filter((g) => g.id.runtime === 'native' && g.values.length);
  const vec = new Map(native.filter((g) => g.id.features === '').map((g) => [keyOf(g.id, CASE), g]));
  const out = new Map<string, number>();
  for (const g of native.filter((x) => x.id.features === 'novec')) {
    const v = vec.get(keyOf(g.id, CASE));
    if (v) out.set(keyOf(g.id, CASE), lnMedianRatio(g, v));
  }
  return out;
}

/** Per runtime that has SIMD and MVP rows: its share of native's vector gain, with the CI. */
export function simdShare(rows: readonly Row[], o: ShareOptions = {}): ShareRow[] {
  const metric = o.metric ?? DEFAULT_METRIC;
  const native = nativeGains(collect(rows, metric));
  // A SIMD module without v128 instructions: per benchmark, size and -O (one module for every runtime).
  const scalar = new Set(rows.filter((r) => String(r.features ?? '').split(',').includes('simd128') && r.artifact_v128 === 0)
    .map((r) => [r.benchmark, r.size, r.opt].map(String).join('\u0000')));
  const paired = pairUp(rows, { baseline: { sameTarget: 'no-simd' }, metric });
  const subjects = new Map<string, { a: number[]; b: number[]; groups: string[]; left: ShareRow['left_out'] }>();
  const entry = (label: string) => subjects.get(label) ?? subjects.set(label, { a: [], b: [], groups: [], left: [] }).get(label)!;
  const labelOf = (l: string) => l.replace(/ \[simd128\]$/, '');
  for (const m of paired.missing) if (!m.subject.startsWith('native')) entry(labelOf(m.subject)).left.push({ benchmark: m.benchmark, reason: m.reason });
  for (const p of paired.pairs) {
    if (p.subject.id.runtime === 'native') continue; // native's SIMD build is its plain one
    const e = entry(labelOf(p.subjectLabel));
    const id = p.subject.id;
    const nat = native.get(keyOf(id, CASE));
    if (scalar.has([id.benchmark, id.size, id.opt].join('\u0000'))) e.left.push({ benchmark: id.benchmark, reason: 'not vectorized (no v128 instruction in its SIMD build)' });
    else if (nat === undefined) e.left.push({ benchmark: id.benchmark, reason: 'native has no vectorized and novec rows for it' });
    else { e.a.push(lnMedianRatio(p.base, p.subject)); e.b.push(nat); e.groups.push(groupOf(id.benchmark)); }
  }
  const seed = o.seed ?? 1;
  return [...subjects].map(([subject, { a, b, groups, left }]) => {
    const n = a.length;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const io = { groups, resamples: o.resamples, seed, level: o.level };
    const simdIv = logRatioInterval(a, io), natIv = logRatioInterval(b, io);
    const row: ShareRow = {
      subject, benchmarks: n, simd_speedup: n ? Math.exp(mean(a)) : NaN,
      simd_ci_low: simdIv ? Math.exp(simdIv.low) : null, simd_ci_high: simdIv ? Math.exp(simdIv.high) : null,
      native_speedup: n ? Math.exp(mean(b)) : NaN,
      native_ci_low: natIv ? Math.exp(natIv.low) : null, native_ci_high: natIv ? Math.exp(natIv.high) : null,
      share: null, ci_low: null, ci_high: null, method: 'none', resamples: 0, seed, note: '', left_out: left,
    };
    const nat = () => `native's vector speed-up ${x2(row.native_speedup)} [${x2(row.native_ci_low!)}–${x2(row.native_ci_high!)}]`;
    if (n < 2 || !natIv) return { ...row, note: `undefined: ${n} benchmark${n === 1 ? '' : 's'} in both, no interval for native's gain` };
    if (natIv.low <= 0) {
      return { ...row, note: natIv.high < 0 ? `undefined: ${nat()} is below 1 (vectors slow native down here): no gain to keep a share of`
        : `undefined: ${nat()} includes 1 — native's gain from vectors is not shown, so its share has no meaning` };
    }
    const iv = ratioOfMeansInterval(a, b, io)!;
    return { ...row, share: iv.estimate, ci_low: iv.low, ci_high: iv.high, method: iv.resamples ? `${iv.method}, ${iv.resamples} resamples` : `${iv.method} (${n} benchmarks, < 10)`, resamples: iv.resamples };
  });
}
