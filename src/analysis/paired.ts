/**
 * A paired comparison of two subjects measured on the same benchmarks — versions, AOT against
 * JIT, -O levels, tiers, runtime A against B, two hosts: per benchmark the ratio of the medians
 * over the reps, then the geomean of those ratios with its interval over benchmarks
 * (interval.ts), the direction and the equivalence decisions on it (equivalence.ts).
 * Benchmarks measured on one side only are excluded and counted, never silently dropped.
 *
 * With one benchmark there is no spread over benchmarks to estimate: the interval is that
 * benchmark's own (Price & Bonett's, over its reps; compare.ts), and says so in `method`.
 */
import { median } from './aggregate.js';
import type { BootstrapOptions } from './bootstrap.js';
import { pairUp, ratioCi, Z95, type CompareOptions, type Pair } from './compare.js';
import { DEFAULT_MARGIN, direction, directionWord, equivalence, marginText } from './equivalence.js';
import { groupOf, logRatioInterval, type LogInterval } from './interval.js';
import { normalQuantile, normalSf } from './normal.js';
import { collect } from './summarize.js';
import { UsageError, type Row } from './rows.js';

/** The estimand, as every verdict's footnote states it. */
export const ESTIMAND = 'geomean over this suite\'s benchmarks of the per-benchmark ratio of medians (benchmarks treated as a sample of programs like them)';

export interface GeomeanCi {
  geomean: number;
  ci_low: number | null;
  ci_high: number | null;
  benchmarks: number;
  resamples: number;
  seed: number;
  method: string;
  /** Monte-Carlo standard error of the CI's upper end (ratio units); 0 without resampling. */
  mc_error: number | null;
  /** Two-sided p of "geomean ratio = 1". */
  p: number | null;
  interval: LogInterval | null;
}

const Z90 = normalQuantile(0.95);

/** ln(median subject / median baseline) per pair. */
const logRatios = (pairs: readonly Pair[]): number[] =>
  pairs.map((p) => Math.log(median(p.subject.values, true)! / median(p.base.values, true)!));

/** One benchmark's interval over its reps (Price–Bonett) in the shape of a LogInterval; null under 3 reps a side. */
function oneBenchmark(p: Pair, level: number): LogInterval | null {
  const r = ratioCi(p.subject.values, p.base.values);
  if (r.low === null || r.high === null) return null;
  const est = Math.log(r.ratio), se = (Math.log(r.high) - Math.log(r.low)) / (2 * Z95);
  const q = normalQuantile(1 - (1 - level) / 2), qt = level === 0.95 ? Z90 : normalQuantile(1 - (1 - level));
  return {
    estimate: est, se, n: 1, method: 't', strata: 1, level, low: est - q * se, high: est + q * se, low_tost: est - qt * se, high_tost: est + qt * se,
    p: se > 0 ? Math.min(1, 2 * normalSf(Math.abs(est) / se)) : est === 0 ? 1 : 0, resamples: 0, seed: 0, mc_error: 0,
  };
}

/** Geomean of the ratios of medians of these pairs (one subject, one pair per benchmark) and its interval. */
export function geomeanCi(pairs: readonly Pair[], o: BootstrapOptions = {}): GeomeanCi {
  if (!pairs.length) throw new RangeError('geomeanCi: no pairs');
  const d = logRatios(pairs);
  const level = o.level ?? 0.95;
  const point = Math.exp(d.reduce((a, b) => a + b, 0) / d.length);
  const iv = pairs.length === 1 ? oneBenchmark(pairs[0]!, level)
    : logRatioInterval(d, { ...o, groups: pairs.map((p) => groupOf(p.subject.id.benchmark)) });
  const method = !iv ? (pairs.length === 1 ? 'none (1 benchmark, under 3 reps a side)' : 'none')
    : pairs.length === 1 ? 'Price–Bonett over the reps (1 benchmark)' : iv.method === 't' ? `t (${iv.n} benchmarks, < 10)` : `${iv.method}, ${iv.resamples} resamples`;
  return {
    geomean: point, ci_low: iv ? Math.exp(iv.low) : null, ci_high: iv ? Math.exp(iv.high) : null, benchmarks: pairs.length,
    resamples: iv?.resamples ?? 0, seed: o.seed ?? 1, method,
    mc_error: iv ? Math.exp(iv.high) * iv.mc_error : null, p: iv?.p ?? null, interval: iv,
  };
}

export interface ExcludedCase { benchmark: string; size: string; opt: string; reason: string }

export interface PairedDecision {
  subject: string;
  baseline: string;
  metric: string;
  /** Geomean over the paired benchmarks of median(subject) / median(baseline). */
  geomean_ratio: number;
  ci_low: number | null;
  ci_high: number | null;
  level: number;
  n_paired: number;
  excluded: ExcludedCase[];
  /** faster / slower (times; lower / higher otherwise) / no detectable change, or "cannot be decided: …". */
  decision: string;
  /** "equivalent within ±10%", "different (beyond ±10%)", "inconclusive", or null when undecidable. */
  equivalence: string | null;
  margin: number;
  method: string;
  resamples: number;
  seed: number;
  mc_error: number | null;
  p: number | null;
  estimand: string;
}

export interface DecisionOptions extends BootstrapOptions {
  /** Equivalence margin as a fraction: 0.1 is ±10%. */
  margin?: number;
}

/** The equivalence answer in words. */
function equivalenceText(iv: LogInterval, margin: number): string {
  const e = equivalence(iv, margin);
  return e === 'equivalent' ? `equivalent within ${marginText(margin)}` : e === 'different' ? `different (beyond ${marginText(margin)})` : 'inconclusive';
}

/** The paired decision for one subject's pairs. */
export function decide(pairs: readonly Pair[], excluded: readonly ExcludedCase[], metric: string, o: DecisionOptions = {}): PairedDecision {
  const margin = o.margin ?? DEFAULT_MARGIN;
  const level = o.level ?? 0.95;
  const base = {
    subject: pairs[0]?.subjectLabel ?? '', baseline: pairs[0]?.baselineLabel ?? '', metric, level, n_paired: pairs.length,
    excluded: [...excluded], margin, estimand: ESTIMAND,
  };
  if (!pairs.length) {
    return { ...base, geomean_ratio: NaN, ci_low: null, ci_high: null, decision: 'cannot be decided: no benchmark measured on both sides', equivalence: null, method: 'none', resamples: 0, seed: o.seed ?? 1, mc_error: null, p: null };
  }
  const g = geomeanCi(pairs, o);
  const iv = g.interval;
  const why = pairs.length === 1 ? '1 benchmark with under 3 repetitions a side' : '';
  return {
    ...base, geomean_ratio: g.geomean, ci_low: g.ci_low, ci_high: g.ci_high,
    decision: iv ? directionWord(direction(iv), metric) : `cannot be decided: ${why}`,
    equivalence: iv ? equivalenceText(iv, margin) : null,
    method: g.method, resamples: g.resamples, seed: g.seed, mc_error: g.mc_error, p: g.p,
  };
}

/**
 * The paired decision of `subject` (a target label, or a subject label such as "wasmtime:cranelift
 * 2.0") against a baseline (compare.ts's kinds), excluding and counting the benchmarks that one
 * side lacks.
 */
export function comparePair(rows: readonly Row[], subject: string, o: CompareOptions & DecisionOptions = {}): PairedDecision {
  const metric = o.metric ?? 'kernel_s';
  const paired = pairUp(rows, o);
  const labels = [...new Set(paired.pairs.map((p) => p.subjectLabel))];
  const byTarget = [...new Set(paired.pairs.filter((p) => p.subject.id.target === subject).map((p) => p.subjectLabel))];
  const label = labels.includes(subject) ? subject : byTarget.length === 1 ? byTarget[0]! : null;
  if (label === null) {
    throw new UsageError(byTarget.length > 1
      ? `subject "${subject}" is ambiguous against ${paired.baseline}: ${byTarget.join(', ')}; name one`
      : `subject "${subject}" has no pairs against ${paired.baseline} (subjects: ${labels.join(', ') || 'none'})`);
  }
  const pairs = paired.pairs.filter((p) => p.subjectLabel === label);
  const excluded: ExcludedCase[] = paired.missing.filter((m) => m.subject === label)
    .map((m) => ({ benchmark: m.benchmark, size: m.size, opt: m.opt, reason: m.reason }));
  // The other side: baseline cases the subject has no rows for.
  const sameOpt = typeof o.baseline === 'object' && 'sameTarget' in o.baseline && !['no-aot', 'no-simd'].includes(o.baseline.sameTarget);
  const caseOf = (g: Pair['base']) => [g.id.benchmark, g.id.size, sameOpt ? '' : g.id.opt].join('\u0000');
  const identOf = (g: Pair['base']) => [g.id.target, g.id.runtime_version, g.id.features, sameOpt ? g.id.opt : ''].join('\u0000');
  const idents = new Set(pairs.map((p) => identOf(p.base)));
  const covered = new Set(pairs.map((p) => caseOf(p.base)));
  for (const m of excluded) covered.add([m.benchmark, m.size, sameOpt ? '' : m.opt].join('\u0000'));
  for (const g of collect(rows, metric)) {
    if (!idents.has(identOf(g)) || covered.has(caseOf(g))) continue;
    covered.add(caseOf(g));
    excluded.push({ benchmark: g.id.benchmark, size: g.id.size, opt: g.id.opt, reason: `${label} has no rows for this case` });
  }
  return decide(pairs, excluded, metric, o);
}
