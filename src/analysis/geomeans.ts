/**
 * One line per subject of a comparison: the geomean of its per-benchmark ratios with its
 * interval over benchmarks (paired.ts, interval.ts: t below 10 benchmarks, studentized bootstrap
 * from 10), its p-value and Holm's adjustment over the subjects of the comparison
 * (multiplicity.ts: for "k of n significantly …" claims that name them), how many benchmarks
 * are labelled below or above 1 by their Benjamini–Hochberg q-value (compare.ts), the paired
 * Wilcoxon signed-rank test of the per-benchmark log ratios (tests.ts) and the verdict sentence
 * (verdict.ts).
 */
import type { BootstrapOptions } from './bootstrap.js';
import type { GeomeanInterval } from './interval.js';
import { holm } from './multiplicity.js';
import { geomeanCi } from './paired.js';
import { comparePaired, pairUp, type CompareOptions, type Pair, type Paired, type RatioRow } from './compare.js';
import type { Row } from './rows.js';
import { summarize, type Summary } from './summarize.js';
import { wilcoxonSignedRank } from './tests.js';
import { verdict } from './verdict.js';

export interface GeomeanRow extends GeomeanInterval {
  subject: string;
  baseline: string;
  metric: string;
  verdict: string;
  below: number; // benchmarks labelled below 1 (faster, for times): BH q < 0.05
  above: number; // labelled above 1
  no_ci: number; // benchmarks without a ratio CI (under 3 reps)
  wilcoxon_p: number | null;
  wilcoxon_method: 'exact' | 'normal' | null;
  /** p of "geomean ratio = 1" from the interval's method, and Holm's adjustment over this comparison's subjects. */
  p: number | null;
  p_holm: number | null;
  method: string;
  /** The 90% interval (ratio units): equivalence (TOST) at 5% asks it to lie inside the margin. */
  tost_low: number | null;
  tost_high: number | null;
  resamples: number;
  /** Monte-Carlo standard error of the CI's upper end (0 without resampling). */
  mc_error: number | null;
  seed: number;
}

/** Subjects in first-seen order, each with its pairs and ratio rows. */
function bySubject(p: Paired, rows: readonly RatioRow[]): { subject: string; pairs: Pair[]; rows: RatioRow[] }[] {
  const m = new Map<string, { subject: string; pairs: Pair[]; rows: RatioRow[] }>();
  p.pairs.forEach((pair, i) => {
    const e = m.get(pair.subjectLabel) ?? { subject: pair.subjectLabel, pairs: [], rows: [] };
    e.pairs.push(pair);
    e.rows.push(rows[i]!);
    m.set(pair.subjectLabel, e);
  });
  return [...m.values()];
}

export function geomeansOf(p: Paired, ratios: readonly RatioRow[], o: BootstrapOptions = {}): GeomeanRow[] {
  const out = bySubject(p, ratios).map(({ subject, pairs, rows }) => {
    const g = geomeanCi(pairs, o);
    const w = wilcoxonSignedRank(rows.map((r) => Math.log(r.ratio)));
    const base = [...new Set(rows.map((r) => r.baseline))].join(' / ');
    const v = {
      subject, baseline: base, metric: p.metric, benchmarks: g.benchmarks, geomean: g.geomean, ci_low: g.ci_low, ci_high: g.ci_high,
      below: rows.filter((r) => r.q_bh !== null && r.q_bh < 0.05 && r.ratio < 1).length,
      above: rows.filter((r) => r.q_bh !== null && r.q_bh < 0.05 && r.ratio > 1).length,
      no_ci: rows.filter((r) => r.ci_low === null).length,
      wilcoxon_p: w?.p ?? null,
    };
    // The verdict beside the numbers it reads, the test's diagnostics last: a wide table shown in a
    // notebook keeps what a reader needs on screen.
    const { below, above, no_ci, wilcoxon_p, ...head } = v;
    return {
      ...head, verdict: verdict(v), below, above, no_ci, wilcoxon_p, wilcoxon_method: w?.method ?? null,
      p: g.p, p_holm: null as number | null, method: g.method,
      tost_low: g.interval ? Math.exp(g.interval.low_tost) : null, tost_high: g.interval ? Math.exp(g.interval.high_tost) : null, resamples: g.resamples, mc_error: g.mc_error, seed: g.seed,
    };
  });
  holm(out.map((g) => g.p)).forEach((q, i) => { out[i]!.p_holm = q; });
  return out;
}

/** Geomean with CI, counts, Wilcoxon and verdict for every subject against the baseline. */
export function geomeans(rows: readonly Row[], o: CompareOptions & BootstrapOptions = {}): GeomeanRow[] {
  const p = pairUp(rows, o);
  return geomeansOf(p, comparePaired(p).rows, o);
}

export interface PairwiseRow {
  a: string;
  b: string;
  benchmarks: number;
  geomean: number; // geomean over benchmarks of median(a) / median(b)
  wilcoxon_p: number | null;
  /** Holm's adjustment of wilcoxon_p over all the pairs: what naming a pair's winner goes by. */
  wilcoxon_p_holm: number | null;
}

/**
 * Every pair of targets: the geomean ratio of medians over the benchmarks both have, and the
 * paired Wilcoxon signed-rank p of the per-benchmark log ratios (no bootstrap: for tables of
 * many pairs), with Holm's adjustment over all the pairs (190 pairs at an unadjusted 5% name
 * about ten winners by chance alone). Medians come from summarize (one per group).
 */
export function pairwiseWilcoxon(rows: readonly Row[], o: { metric?: string; summaries?: readonly Summary[] } = {}): PairwiseRow[] {
  // Summaries already computed for the same rows and metric can be passed in.
  const s = o.summaries ?? summarize(rows, { metric: o.metric });
  const at = new Map<string, Map<string, number>>();
  for (const x of s) {
    if (x.median === null) continue;
    const m = at.get(x.target) ?? new Map<string, number>();
    m.set([x.benchmark, x.size, x.opt, x.host].join('\u0000'), x.median);
    at.set(x.target, m);
  }
  const targets = [...at.keys()];
  const out: PairwiseRow[] = [];
  for (let i = 0; i < targets.length; i++) for (let j = i + 1; j < targets.length; j++) {
    const A = at.get(targets[i]!)!, B = at.get(targets[j]!)!;
    const d: number[] = [];
    for (const [k, v] of A) { const w = B.get(k); if (w !== undefined) d.push(Math.log(v / w)); }
    if (!d.length) continue;
    out.push({ a: targets[i]!, b: targets[j]!, benchmarks: d.length, geomean: Math.exp(d.reduce((x, y) => x + y, 0) / d.length), wilcoxon_p: wilcoxonSignedRank(d)?.p ?? null, wilcoxon_p_holm: null });
  }
  holm(out.map((r) => r.wilcoxon_p)).forEach((q, i) => { out[i]!.wilcoxon_p_holm = q; });
  return out;
}
