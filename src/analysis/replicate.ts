/**
 * Replication decisions: does a second set of measurements (B: another store, sweep or host)
 * say the same as a first (A)? Absolute times do not travel between machines; the ratio to a
 * baseline does. So per subject target and benchmark, each side's ratio of medians to its
 * baseline (compare.ts's pairUp, default native), and the ratio of ratios B/A.
 *
 * By target: the log ratios of ratios over the benchmarks both sides have are one sample, and
 * its interval is interval.ts's (t under 10 benchmarks, bootstrap-t from 10), exactly as a
 * paired comparison within one store (paired.ts). By benchmark: one benchmark's ratio of ratios
 * with the Price–Bonett variances of all four medians (both sides' subject and baseline).
 *
 * The decision is TOST on that interval (equivalence.ts): "replicated" when equivalent within
 * the margin (default ±15%), "differs" when the 95% interval lies beyond it (with direction and
 * size), "inconclusive" otherwise.
 */
import { pairUp, ratioCi, Z95, type Baseline, type Pair } from './compare.js';
import { direction, equivalence, marginText } from './equivalence.js';
import { groupOf, logRatioInterval, type LogInterval } from './interval.js';
import { normalQuantile, normalSf } from './normal.js';
import { DEFAULT_METRIC, type Row } from './rows.js';

export const REPLICATION_MARGIN = 0.15;

export type ReplicationDecision = 'replicated' | 'differs' | 'inconclusive';

export interface ReplicationOptions {
  baseline?: Baseline;
  metric?: string;
  /** Equivalence margin as a fraction (0.15: ±15%). */
  margin?: number;
  by?: 'target' | 'benchmark';
  resamples?: number;
  seed?: number;
  /** Names of the two sides in the words of the decision ("A", "B" by default). */
  names?: [string, string];
}

export interface ReplicationRow {
  target: string;
  /** '' by target (all paired benchmarks), the benchmark's case otherwise. */
  benchmark: string;
  baseline: string;
  metric: string;
  /** Geomean (or the one) ratio to the baseline on side A and on side B, over the paired benchmarks. */
  ratio_a: number;
  ratio_b: number;
  /** B's ratio over A's: 2 means the target is twice as slow relative to its baseline in B. */
  ratio_of_ratios: number;
  ci_low: number | null;
  ci_high: number | null;
  n_paired: number;
  /** Benchmarks of this target on one side only. */
  unpaired: string[];
  decision: ReplicationDecision;
  /** In words: "replicated within ±15%", "differs: B slower by ×2.00 relative to native", … */
  detail: string;
  margin: number;
  method: string;
}

const caseOf = (p: Pair) => [p.subject.id.benchmark, p.subject.id.size, p.subject.id.opt].filter(Boolean).join(' ');

/** Per subject target and case, the pair of one side. */
function pairsByTarget(rows: readonly Row[], o: ReplicationOptions): { baseline: string; byTarget: Map<string, Map<string, Pair>> } {
  const paired = pairUp(rows, { baseline: o.baseline ?? 'native', metric: o.metric ?? DEFAULT_METRIC });
  const byTarget = new Map<string, Map<string, Pair>>();
  for (const p of paired.pairs) {
    const t = p.subject.id.target;
    if (!byTarget.has(t)) byTarget.set(t, new Map());
    byTarget.get(t)!.set(caseOf(p), p);
  }
  return { baseline: paired.baseline, byTarget };
}

/** Price–Bonett standard error of one side's log ratio; null under 3 reps. */
function logSe(p: Pair): number | null {
  const r = ratioCi(p.subject.values, p.base.values);
  return r.low === null || r.high === null ? null : (Math.log(r.high) - Math.log(r.low)) / (2 * Z95);
}

/** One benchmark's ratio of ratios as a LogInterval (normal, four independent medians). */
function oneCase(a: Pair, b: Pair, level: number): LogInterval | null {
  const sa = logSe(a), sb = logSe(b);
  if (sa === null || sb === null) return null;
  const est = logRatio(b) - logRatio(a), se = Math.hypot(sa, sb);
  const q = normalQuantile(1 - (1 - level) / 2), qt = normalQuantile(level);
  return {
    estimate: est, se, n: 1, method: 't', strata: 1, level, low: est - q * se, high: est + q * se, low_tost: est - qt * se, high_tost: est + qt * se,
    p: se > 0 ? Math.min(1, 2 * normalSf(Math.abs(est) / se)) : est === 0 ? 1 : 0, resamples: 0, seed: 0, mc_error: 0,
  };
}

const logRatio = (p: Pair) => Math.log(ratioCi(p.subject.values, p.base.values).ratio);

/** The decision and its words for an interval of ln(B/A). */
export function replicationDecision(iv: LogInterval | null, margin: number, baseline: string, names: [string, string] = ['A', 'B']): { decision: ReplicationDecision; detail: string } {
  if (!iv) return { decision: 'inconclusive', detail: 'no interval (under 3 reps a side, or too few benchmarks)' };
  const e = equivalence(iv, margin);
  const rr = Math.exp(iv.estimate);
  const dir = direction(iv);
  const size = rr >= 1 ? `×${rr.toFixed(2)}` : `÷${(1 / rr).toFixed(2)}`;
  const word = rr >= 1 ? 'higher' : 'lower';
  if (e === 'equivalent') return { decision: 'replicated', detail: `replicated within ${marginText(margin)}` };
  if (e === 'different') return { decision: 'differs', detail: `differs: ${names[1]}'s ratio to ${baseline} is ${word} than ${names[0]}'s by ${size}` };
  return { decision: 'inconclusive', detail: `inconclusive at ${marginText(margin)} (${dir === 'no detectable change' ? 'no detectable change' : `${word} by ${size}`}, interval too wide)` };
}

const geo = (xs: readonly number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** Replication rows of B against A: one per subject target (or per target and benchmark). */
export function replicate(a: readonly Row[], b: readonly Row[], o: ReplicationOptions = {}): ReplicationRow[] {
  const margin = o.margin ?? REPLICATION_MARGIN;
  const metric = o.metric ?? DEFAULT_METRIC;
  const names = o.names ?? ['A', 'B'];
  const A = pairsByTarget(a, o), B = pairsByTarget(b, o);
  const out: ReplicationRow[] = [];
  const targets = [...new Set([...A.byTarget.keys(), ...B.byTarget.keys()])].sort();
  for (const t of targets) {
    const pa = A.byTarget.get(t) ?? new Map<string, Pair>(), pb = B.byTarget.get(t) ?? new Map<string, Pair>();
    const both = [...pa.keys()].filter((c) => pb.has(c)).sort();
    const unpaired = [...new Set([...pa.keys(), ...pb.keys()])].filter((c) => !both.includes(c))
      .map((c) => `${c} (${pa.has(c) ? names[0] : names[1]} only)`).sort();
    const row = (benchmark: string, cases: string[], iv: LogInterval | null, method: string): ReplicationRow => {
      const ra = geo(cases.map((c) => Math.exp(logRatio(pa.get(c)!)))), rb = geo(cases.map((c) => Math.exp(logRatio(pb.get(c)!))));
      return {
        target: t, benchmark, baseline: A.baseline, metric, ratio_a: ra, ratio_b: rb, ratio_of_ratios: rb / ra,
        ci_low: iv ? Math.exp(iv.low) : null, ci_high: iv ? Math.exp(iv.high) : null, n_paired: cases.length, unpaired,
        ...replicationDecision(iv, margin, A.baseline, names), margin, method,
      };
    };
    if (!both.length) {
      out.push({
        target: t, benchmark: '', baseline: A.baseline, metric, ratio_a: NaN, ratio_b: NaN, ratio_of_ratios: NaN, ci_low: null, ci_high: null,
        n_paired: 0, unpaired, decision: 'inconclusive', detail: `no benchmark measured on both sides`, margin, method: 'none',
      });
      continue;
    }
    if (o.by === 'benchmark') {
      for (const c of both) out.push(row(c, [c], oneCase(pa.get(c)!, pb.get(c)!, 0.95), 'normal, Price–Bonett variances of the four medians'));
      continue;
    }
    const iv = both.length === 1 ? oneCase(pa.get(both[0]!)!, pb.get(both[0]!)!, 0.95)
      : logRatioInterval(both.map((c) => logRatio(pb.get(c)!) - logRatio(pa.get(c)!)), {
        resamples: o.resamples, seed: o.seed, groups: both.map((c) => groupOf(c.split(' ')[0]!)),
      });
    const method = !iv ? 'none' : both.length === 1 ? 'normal, 1 benchmark' : iv.method === 't' ? `t (${iv.n} benchmarks)` : `${iv.method}, ${iv.resamples} resamples`;
    out.push(row('', both, iv, method));
  }
  return out;
}

/** Rows for a table or a frame: the unpaired benchmarks as one text cell. */
export const replicationCells = (rows: readonly ReplicationRow[]) => rows.map((r) => ({ ...r, unpaired: r.unpaired.join('; ') }));
