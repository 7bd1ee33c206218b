/**
 * A hypothesis as a structured claim, checked, and decided on run rows with compare's paired
 * decision (paired.ts: the geomean of per-benchmark ratios of medians and its interval;
 * equivalence.ts: TOST for `equivalent`).
 *
 * Claims about one comparison: SUBJECT faster|slower|equivalent BASELINE, the baseline a target
 * or one of compare's kinds (an -O level, no-aot, version=X). Claims about two comparisons:
 * SUBJECT gains-as-much|gains-more|gains-less BASELINE --from A --to B, decided on the paired
 * ratio of ratios per benchmark, d_b = ln(S_B/S_A) − ln(T_B/T_A) (S subject, T baseline; A, B
 * -O levels or jit/aot), with the same interval over benchmarks (interval.ts) — not on two
 * separate intervals, whose overlap is no test of a difference.
 *
 * Verdicts, each a test at level α on the same interval over benchmarks — its 1 − 2α form, the
 * one TOST reads (`low_tost`, `high_tost`), whose ends are one-sided bounds at level α each:
 * - faster: a claim in one direction is a one-sided hypothesis (H0: ratio ≥ 1). Supported when the
 *   interval lies below 1; not supported when it rules out a gain as large as --by (its lower end
 *   above 1/(1+by), the other one-sided test), which includes "slower"; else inconclusive at this
 *   power. slower, gains-more (S's ratio B/A below T's), gains-less: the same, mirrored. (A
 *   two-sided 95% interval would test at α/2 per side: with 3 benchmarks, t(2) at 4.30 instead
 *   of 2.92, a claim of a ×14 effect failed on an idle machine.)
 * - equivalent, gains-as-much: TOST's "equivalent" is supported, "different" (the 1 − α interval
 *   wholly beyond the margin) is not supported.
 * The verdict line shows the 1 − 2α interval (90% at α = 0.05): the one that decides.
 */
import { median } from './aggregate.js';
import { pairUp, ratioRow, type Baseline, type Pair } from './compare.js';
import { comparePair } from './paired.js';
import { equivalence, marginText, parseMargin } from './equivalence.js';
import { groupOf, logRatioInterval, type LogInterval } from './interval.js';
import { estimateComponents, power, type PowerTest, type VarianceComponents } from './power.js';
import { UsageError, type Row } from './rows.js';

export const VERBS = ['faster', 'slower', 'equivalent', 'gains-as-much', 'gains-more', 'gains-less'] as const;
export type Verb = (typeof VERBS)[number];
export const METRICS = ['kernel_s', 'wall_s', 'maxrss_kb'] as const;
const LEVEL = /^O[0-3sz]$/;

export interface Claim {
  subject: string;
  verb: Verb;
  baseline: string;
  /** The effect to plan for and to rule out (fraction: 0.1 is 10%). */
  by: number;
  /** Equivalence margin (fraction). */
  margin: number;
  metric: string;
  alpha: number;
  power: number;
  /** The -O level the subject is measured at (an -O baseline: the same target at that level). */
  opt: string;
  size: string;
  /** The two sides of a gain: -O levels, or jit and aot. */
  from?: string;
  to?: string;
}

export const isGain = (v: Verb) => v.startsWith('gains-');

/** "10%", "0.1", 0.1 → a fraction in (0, 1); `what` names the flag in the message. */
function fraction(v: unknown, what: string, example: string): number {
  const s = String(v).trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(s);
  const f = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(f > 0 && f < 1)) throw new UsageError(`${what} is a probability above 0 and below 1, e.g. ${example} (got ${s})`);
  return f;
}

function effect(v: unknown, what: string): number {
  const m = parseMargin(String(v));
  if (typeof m === 'string') throw new UsageError(`${what}: ${m.replace('a margin', 'it')}, e.g. ${what} 10%`);
  return m;
}

/** The claim of the words and options a front read; every mistake one line naming the fix. */
export function claimOf(words: readonly string[], o: { by?: unknown; margin?: unknown; metric?: unknown; alpha?: unknown; power?: unknown; opt?: unknown; size?: unknown; from?: unknown; to?: unknown }): Claim {
  if (words.length !== 3) {
    throw new UsageError(`a claim is SUBJECT VERB BASELINE, e.g. "wasmtime:cranelift faster wasm3" (got ${words.length ? `"${words.join(' ')}"` : 'nothing'})`);
  }
  const [subject, verbWord, baseline] = words as [string, string, string];
  if (!(VERBS as readonly string[]).includes(verbWord)) throw new UsageError(`the verb is ${VERBS.join(', ')} (got "${verbWord}"), e.g. "winch equivalent cranelift"`);
  const verb = verbWord as Verb;
  if (subject === baseline) throw new UsageError(`SUBJECT and BASELINE are both "${subject}": name two different ones, e.g. "${subject} faster O0 -O O3" or "${subject} faster native"`);
  const metric = String(o.metric ?? 'kernel_s');
  if (!(METRICS as readonly string[]).includes(metric)) throw new UsageError(`--metric is ${METRICS.join(', ')} (got "${metric}")`);
  const claim: Claim = {
    subject, verb, baseline, metric,
    by: o.by === undefined ? 0.1 : effect(o.by, '--by'),
    margin: o.margin === undefined ? 0.1 : effect(o.margin, '--margin'),
    alpha: o.alpha === undefined ? 0.05 : fraction(o.alpha, '--alpha', '0.05'),
    power: o.power === undefined ? 0.8 : fraction(o.power, '--power', '0.8 or 80%'),
    opt: String(Array.isArray(o.opt) ? o.opt[0] : o.opt ?? 'O2'),
    size: String(o.size ?? 'mini'),
  };
  if (Array.isArray(o.opt) && o.opt.length > 1) throw new UsageError(`-O takes one level for a claim (the subject's), got ${o.opt.join(',')}`);
  if (isGain(verb)) {
    if (o.from === undefined || o.to === undefined) throw new UsageError(`${verb} compares two gains: add --from and --to, e.g. --from O0 --to O3 (or --from jit --to aot)`);
    const side = (v: unknown, flag: string) => {
      const s = String(v);
      if (!LEVEL.test(s) && s !== 'jit' && s !== 'aot') throw new UsageError(`${flag} is an -O level (O0…O3) or jit/aot (got "${s}")`);
      return s;
    };
    claim.from = side(o.from, '--from');
    claim.to = side(o.to, '--to');
    if (claim.from === claim.to) throw new UsageError(`--from and --to are both ${claim.from}: a gain is between two different ones, e.g. --from O0 --to O3`);
    if (LEVEL.test(claim.from) !== LEVEL.test(claim.to)) throw new UsageError('--from and --to are both -O levels or both jit/aot (one gain at a time)');
    if (isKind(baseline)) throw new UsageError(`with ${verb}, BASELINE is a target (e.g. native), not "${baseline}": the kinds go in --from/--to`);
  } else if (o.from !== undefined || o.to !== undefined) {
    throw new UsageError(`--from/--to go with gains-as-much, gains-more or gains-less (a claim about two gains), not ${verb}`);
  }
  // "wasmtime:cranelift faster no-aot" means its AOT variant against its JIT.
  if (baseline === 'no-aot' && !subject.endsWith('+aot')) claim.subject = `${subject}+aot`;
  if (isKind(subject)) throw new UsageError(`SUBJECT is a target such as wasm3 or wasmtime:cranelift, not "${subject}" (that is a BASELINE kind)`);
  if (LEVEL.test(baseline) && baseline === claim.opt) throw new UsageError(`the subject runs at -${claim.opt}, the baseline ${baseline} too: give the subject's level with -O, e.g. -O O3`);
  return claim;
}

/** An -O level, no-aot or version=X: a baseline relative to the subject's own target. */
export const isKind = (s: string) => LEVEL.test(s) || s === 'no-aot' || s.startsWith('version=');

/** compare's baseline for a one-comparison claim. */
export function claimBaseline(c: Claim): Baseline {
  if (c.baseline.startsWith('version=')) return { version: c.baseline.slice('version='.length), only: c.subject };
  if (isKind(c.baseline)) return { sameTarget: c.baseline };
  return c.baseline;
}

/** The claim in words, as the verdict line starts. */
export function claimText(c: Claim): string {
  const rest = isGain(c.verb) ? ` from ${c.from} to ${c.to}` : c.verb === 'equivalent' ? ` within ${marginText(c.margin)}` : ` by ${marginText(c.by).slice(1)}`;
  const lhs = LEVEL.test(c.baseline) ? `${c.subject} -${c.opt}` : c.subject;
  return `${lhs} ${c.verb} ${c.baseline}${rest}`;
}

/** What the decision tests, for the planner. */
export function powerTest(c: Claim): PowerTest {
  return c.verb === 'equivalent' || c.verb === 'gains-as-much' ? { kind: 'equivalence', margin: c.margin } : { kind: 'direction', effect: Math.log1p(c.by) };
}

/** Cells per benchmark entering d_b: 2 for one comparison, 4 for a ratio of gains. */
export const cellsOf = (c: Claim) => (isGain(c.verb) ? 4 : 2);

export type Verdict = 'supported' | 'not supported' | 'inconclusive at this power';

export interface ClaimResult {
  claim: string;
  verdict: Verdict;
  /** Why, in a few words (which interval end decided). */
  why: string;
  /** Geomean over benchmarks of the per-benchmark ratio (of ratios, for a gain). */
  ratio: number;
  /** The deciding interval, at `level` = 1 − 2α (see the module comment). */
  ci_low: number | null;
  ci_high: number | null;
  level: number;
  p: number | null;
  benchmarks: number;
  /** The fewest usable reps of any cell. */
  reps: number;
  method: string;
  /** Power of this decision at the observed variance for the stated effect or margin (null: too few to estimate). */
  achieved_power: number | null;
  /** What that power is for: "10%" (the --by effect) or "±10%" (the margin). */
  power_for: string;
  components: VarianceComponents | null;
  /**
   * One row per benchmark: for one comparison its ratio of medians with Price–Bonett's CI; for a
   * gain, subject_ratio and baseline_ratio (time at --to over time at --from: below 1 is a gain)
   * and ratio_of_ratios (below 1: the subject gains more).
   */
  per_benchmark: Record<string, string | number | null>[];
  excluded: string[];
}

/** The rows a claim reads: its size, its targets' levels, and the benchmarks given (all when empty). */
function inScope(rows: readonly Row[], c: Claim, benchmarks: readonly string[]): Row[] {
  const opts = new Set(isGain(c.verb) && LEVEL.test(c.from!) ? [c.from!, c.to!] : LEVEL.test(c.baseline) ? [c.opt, c.baseline] : [c.opt]);
  const bs = new Set(benchmarks);
  return rows.filter((r) => r.size === c.size && opts.has(String(r.opt)) && (!bs.size || bs.has(String(r.benchmark))));
}

const f3 = (x: number | null) => (x === null ? null : +x.toPrecision(4));

/** Direction verdict on d = ln(ratio); `lower` says the claim expects d < 0. */
function directionVerdict(iv: LogInterval, lower: boolean, by: number, words: [string, string]): { verdict: Verdict; why: string } {
  const bound = Math.log1p(by);
  if (lower ? iv.high_tost < 0 : iv.low_tost > 0) return { verdict: 'supported', why: `the interval lies ${lower ? 'below' : 'above'} 1` };
  if (lower ? iv.low_tost > -bound : iv.high_tost < bound) {
    const other = lower ? iv.low_tost > 0 : iv.high_tost < 0;
    return { verdict: 'not supported', why: other ? `the interval lies ${lower ? 'above' : 'below'} 1 (${words[1]})` : `the interval rules out ${words[0]} by ${marginText(by).slice(1)} or more` };
  }
  return { verdict: 'inconclusive at this power', why: `the interval holds 1 and ${marginText(by).slice(1)}` };
}

function equivalenceVerdict(iv: LogInterval, margin: number): { verdict: Verdict; why: string } {
  const e = equivalence(iv, margin);
  if (e === 'equivalent') return { verdict: 'supported', why: `the ${Math.round(100 * (1 - 2 * (1 - iv.level)))}% interval lies within ${marginText(margin)}` };
  if (e === 'different') return { verdict: 'not supported', why: `the interval lies beyond ${marginText(margin)}` };
  return { verdict: 'inconclusive at this power', why: `the interval crosses ${marginText(margin)}` };
}

/** Decide a claim on run rows (RunRecords or frame rows). */
export function decideClaim(allRows: readonly Row[], c: Claim, o: { benchmarks?: readonly string[]; resamples?: number; seed?: number } = {}): ClaimResult {
  const rows = inScope(allRows, c, o.benchmarks ?? []);
  const level = 1 - c.alpha;
  const base = { claim: claimText(c), level: 1 - 2 * c.alpha };
  const words: [string, string] = /_s$/.test(c.metric) ? ['faster', 'slower'] : ['lower', 'higher'];
  let iv: LogInterval | null, ratio: number, method: string, cells: number[][][], dvals: number[], perBenchmark: ClaimResult['per_benchmark'], excluded: string[];
  if (!isGain(c.verb)) {
    const baseline = claimBaseline(c);
    const d = comparePair(rows, c.subject, { baseline, metric: c.metric, margin: c.margin, level, resamples: o.resamples, seed: o.seed });
    const pairs = pairUp(rows, { baseline, metric: c.metric }).pairs.filter((p) => p.subjectLabel === d.subject);
    // decide() builds its interval from these same pairs; rebuilt here for the TOST ends and the frame.
    dvals = pairs.map(lr);
    iv = pairs.length > 1 ? logRatioInterval(dvals, { level, resamples: o.resamples, seed: o.seed, groups: pairs.map((p) => groupOf(p.subject.id.benchmark)) }) : null;
    ratio = d.geomean_ratio;
    method = d.method;
    cells = pairs.map((p) => [p.subject.values, p.base.values]);
    perBenchmark = pairs.map((p) => {
      const r = ratioRow(p);
      return { benchmark: r.benchmark, subject: r.subject, baseline: r.baseline, n: r.n, baseline_n: r.baseline_n, median: r.median, baseline_median: r.baseline_median, ratio: f3(r.ratio), ci_low: f3(r.ci_low), ci_high: f3(r.ci_high) };
    });
    excluded = d.excluded.map((e) => `${e.benchmark}: ${e.reason}`);
  } else {
    const kind: Baseline = LEVEL.test(c.from!) ? { sameTarget: c.from! } : { sameTarget: 'no-aot' };
    // ratio to/from per target: for -O levels the pair (to over from); for jit/aot the AOT target over its JIT, inverted when from is aot.
    const gains = (target: string) => {
      const ps = pairUp(rows, { baseline: kind, metric: c.metric }).pairs.filter((p) => (LEVEL.test(c.from!)
        ? p.base.id.target === target && p.subject.id.opt === c.to
        : p.base.id.target === target && p.subject.id.opt === c.opt));
      return new Map(ps.map((p) => [p.subject.id.benchmark, p]));
    };
    const sign = c.from === 'aot' ? -1 : 1;
    const s = gains(c.subject), t = gains(c.baseline);
    const both = [...s.keys()].filter((b) => t.has(b)).sort();
    excluded = [...s.keys(), ...t.keys()].filter((b) => !both.includes(b)).filter((b, i, a) => a.indexOf(b) === i)
      .map((b) => `${b}: ${s.has(b) ? c.baseline : c.subject} has no ${c.from}/${c.to} pair`);
    const dv = both.map((b) => sign * (lr(s.get(b)!) - lr(t.get(b)!)));
    if (!both.length) {
      const have = [...new Set(rows.map((r) => `${String(r.runtime)}${r.mode && r.mode !== 'default' ? `:${String(r.mode)}` : ''} -${String(r.opt)}`))].join(', ');
      throw new UsageError(`no benchmark has ${c.subject} and ${c.baseline} at both ${c.from} and ${c.to} (rows: ${have || 'none'})`);
    }
    dvals = dv;
    iv = logRatioInterval(dv, { level, resamples: o.resamples, seed: o.seed, groups: both.map(groupOf) });
    ratio = Math.exp(dv.reduce((a, b) => a + b, 0) / dv.length);
    method = !iv ? 'none (1 benchmark)' : iv.method === 't' ? `t (${iv.n} benchmarks, < 10)` : `${iv.method}, ${iv.resamples} resamples`;
    cells = both.map((b) => [s.get(b)!.subject.values, s.get(b)!.base.values, t.get(b)!.subject.values, t.get(b)!.base.values]);
    perBenchmark = both.map((b, i) => ({
      benchmark: b, subject: c.subject, baseline: c.baseline, subject_ratio: f3(Math.exp(sign * lr(s.get(b)!))), baseline_ratio: f3(Math.exp(sign * lr(t.get(b)!))),
      ratio_of_ratios: f3(Math.exp(dv[i]!)), n: Math.min(...cells[i]!.map((x) => x.length)),
    }));
  }
  const reps = cells.length ? Math.min(...cells.flat().map((v) => v.length)) : 0;
  const comps = estimateComponents(cells, dvals, 'these rows');
  const achieved = comps && reps ? power(powerTest(c), cells.length, reps, comps, c.alpha) : null;
  const lower = c.verb === 'faster' || c.verb === 'gains-more';
  const v: { verdict: Verdict; why: string } = !iv ? { verdict: 'inconclusive at this power', why: `${cells.length} benchmark${cells.length === 1 ? '' : 's'}: no interval over benchmarks` }
    : c.verb === 'equivalent' || c.verb === 'gains-as-much' ? equivalenceVerdict(iv, c.margin)
    : directionVerdict(iv, lower, c.by, isGain(c.verb) ? ['gaining more', 'gaining less'] : lower ? words : [words[1], words[0]]);
  return {
    ...base, ...v, ratio, ci_low: iv ? Math.exp(iv.low_tost) : null, ci_high: iv ? Math.exp(iv.high_tost) : null, p: iv?.p ?? null,
    benchmarks: cells.length, reps, method, achieved_power: achieved, components: comps,
    power_for: powerTest(c).kind === 'equivalence' ? marginText(c.margin) : marginText(c.by).slice(1), per_benchmark: perBenchmark, excluded,
  };
}

/** ln(median subject / median baseline) of one pair. */
const lr = (p: Pair) => Math.log(median(p.subject.values, true)! / median(p.base.values, true)!);

/** The one line a front prints: claim, verdict, ratio with CI, p, achieved power. */
export function verdictLine(r: ClaimResult): string {
  const f = (x: number | null) => (x === null ? '?' : x.toFixed(3));
  const pw = `achieved power ${r.achieved_power === null ? '?' : `${Math.round(100 * r.achieved_power)}%`} (for ${r.power_for})`;
  return `${r.claim}: ${r.verdict} (${r.why}); geomean ratio ${f(r.ratio)} [${f(r.ci_low)}–${f(r.ci_high)}] (${Math.round(100 * r.level)}% CI), `
    + `p ${r.p === null ? '?' : r.p.toPrecision(2)}, ${pw}; ${r.benchmarks} benchmarks × ${r.reps} reps`;
}
