/**
 * compare(): every comparison of the study as one call — per case (benchmark, size, opt by
 * default) the ratio of a subject's median to its baseline's median, with a 95% CI, the
 * Mann–Whitney p-value of the reps and the Hodges–Lehmann ratio.
 *
 * Baselines:
 * - a target label — `native`, `wasmer:cranelift`, `wasmtime:cranelift+aot` — or a bare runtime
 *   name when that runtime has one target in the rows; `{ target, version }` picks one version;
 * - `{ sameTarget: 'no-aot' }`: each AOT target against the same runtime and mode run as JIT;
 * - `{ sameTarget: 'no-simd' }`: each target built with `simd128` against the same target (same
 *   version, host and other features) built without it;
 * - `{ sameTarget: 'O0' }` (any opt level): each target at every other -O level against itself
 *   at that level;
 * - `{ version: 'x', only? }`: each target against the same target at runtime_version x (only
 *   the target `only` when given).
 * Rows of two build feature sets (`features`) are never one case: when the rows hold more than
 * one, each is compared within its own (labels then show it, `wasmtime:cranelift [simd128]`),
 * except by `no-simd`, whose point is comparing them.
 * A baseline that matches several targets, versions or hosts within one case is a UsageError
 * naming the candidates, never a silent pick. Cases whose subject or baseline has no usable rep
 * are listed in `missing` with the reason.
 *
 * The ratio's CI is Price & Bonett's distribution-free interval for a ratio of medians (Price &
 * Bonett, "Distribution-free confidence intervals for difference and ratio of medians", J.
 * Statist. Comput. Simul. 72, 2002; the variance of a log median from Bonett & Price,
 * Psychological Methods 7(3), 2002): var(ln η̂) = [(ln Y(n−c+1) − ln Y(c)) / (2·z_c)]², with
 * c = round((n+1)/2 − √n) (at least 1) and z_c the normal quantile of 1 − P(B ≤ c−1),
 * B ~ Binomial(n, ½); CI = exp(ln η̂₁ − ln η̂₂ ± 1.96·√(var₁ + var₂)). It needs ≥ 3 reps on
 * each side (null otherwise). Its p-value (`ratio_p`) is the same normal approximation's,
 * 2·Φ(−|ln ratio| / se); `q_bh` are Benjamini–Hochberg q-values over one subject's benchmarks
 * (multiplicity.ts), what per-benchmark "faster"/"slower" labels go by.
 */
import { median } from './aggregate.js';
import { benjaminiHochberg } from './multiplicity.js';
import { binomialCdf, normalQuantile, normalSf } from './normal.js';
import { DEFAULT_METRIC, keyOf, tally, UsageError, type Excluded, type GroupKey, type Row } from './rows.js';
import { collect, type Group } from './summarize.js';
import { hodgesLehmann, mannWhitney } from './tests.js';

export type Baseline =
  | string
  | { target: string; version?: string }
  | { sameTarget: string } // 'no-aot', 'no-simd', or an opt level such as 'O0'
  | { version: string; only?: string }; // 'only': compare just this target's versions

export interface CompareOptions {
  baseline?: Baseline;
  metric?: string;
  /** What makes a case: default benchmark, size, opt. Add 'host' or 'runtime_version' to compare within each. */
  by?: readonly GroupKey[];
}

export const DEFAULT_BY: readonly GroupKey[] = ['benchmark', 'size', 'opt'];

export interface Pair {
  subject: Group;
  base: Group;
  subjectLabel: string;
  baselineLabel: string;
}

export interface Missing {
  benchmark: string;
  size: string;
  opt: string;
  subject: string;
  reason: string;
}

export interface Paired {
  metric: string;
  /** How the baseline was chosen, in words. */
  baseline: string;
  pairs: Pair[];
  missing: Missing[];
  excluded: Excluded;
}

export function describeBaseline(b: Baseline): string {
  if (typeof b === 'string') return b;
  if ('sameTarget' in b) {
    if (b.sameTarget === 'no-aot') return 'the same target without AOT';
    return b.sameTarget === 'no-simd' ? 'the same target without SIMD' : `the same target at -${b.sameTarget}`;
  }
  if ('target' in b) return b.version === undefined ? b.target : `${b.target} ${b.version}`;
  return `${b.only ?? 'the same target'} at version ${b.version}`;
}

const list = (xs: Iterable<string>) => [...new Set(xs)].sort().join(', ');

/** Which fields (of the group identity) differ among these groups, with their values. */
function differences(gs: readonly Group[]): string {
  const fields = ['target', 'runtime_version', 'host', 'size', 'opt'] as const;
  return fields.filter((f) => new Set(gs.map((g) => g.id[f])).size > 1)
    .map((f) => `${f} ${list(gs.map((g) => g.id[f] || '(empty)'))}`).join('; ');
}

function ambiguous(what: string, caseName: string, gs: readonly Group[], hint: string): UsageError {
  return new UsageError(`baseline ${what} is ambiguous for ${caseName}: it matches rows that differ in ${differences(gs)}; ${hint}`);
}

/** Resolve a target-label baseline to one target, or explain why not. */
function resolveTarget(groups: readonly Group[], label: string): string {
  const targets = new Set(groups.map((g) => g.id.target));
  if (targets.has(label)) return label;
  const ofRuntime = [...targets].filter((t) => groups.some((g) => g.id.target === t && g.id.runtime === label));
  if (ofRuntime.length === 1) return ofRuntime[0]!;
  if (ofRuntime.length > 1) throw new UsageError(`baseline "${label}" is ambiguous: the rows have ${list(ofRuntime)}; name one of them`);
  throw new UsageError(`baseline "${label}" is not in the rows (targets: ${list(targets) || 'none'})`);
}

/** Pair every subject group with its baseline group, per case. */
export function pairUp(rows: readonly Row[], o: CompareOptions = {}): Paired {
  return pairGroups(collect(rows, o.metric ?? DEFAULT_METRIC), o);
}

/** pairUp on groups already collected (collect / collectMany) for the metric `o.metric`. */
export function pairGroups(groups: readonly Group[], o: CompareOptions = {}): Paired {
  const metric = o.metric ?? DEFAULT_METRIC;
  const b: Baseline = o.baseline ?? 'native';
  let by = [...(o.by ?? DEFAULT_BY)];
  const versionsOf = new Map<string, Set<string>>();
  for (const g of groups) versionsOf.set(g.id.target, (versionsOf.get(g.id.target) ?? new Set()).add(g.id.runtime_version));
  const hosts = new Set(groups.map((g) => g.id.host));
  const featureSets = new Set(groups.map((g) => g.id.features));
  // Two feature sets are two configurations: never one case (no-simd, below, compares them).
  if (featureSets.size > 1 && !by.includes('features')) by.push('features');
  const plainLabel = (g: Group) => g.id.target
    + ((versionsOf.get(g.id.target)?.size ?? 0) > 1 && !by.includes('runtime_version') ? ` ${g.id.runtime_version}` : '')
    + (featureSets.size > 1 && g.id.features ? ` [${g.id.features}]` : '')
    + (hosts.size > 1 && !by.includes('host') ? ` on ${g.id.host}` : '');
  const caseName = (g: Group) => [g.id.benchmark, g.id.size, g.id.opt].filter(Boolean).join(' ');

  // For each kind: which groups are subjects, the key their baseline must share, and the labels.
  let isSubject: (g: Group) => boolean;
  let isBase: (g: Group) => boolean;
  let matchKeys: GroupKey[];
  let subjectLabel: (g: Group) => string;
  let baselineLabel: (g: Group) => string;
  let extraMatch: (s: Group, base: Group) => boolean = () => true;
  let hint: string;

  if (typeof b === 'string' || 'target' in b) {
    const label = typeof b === 'string' ? b : b.target;
    const version = typeof b === 'string' ? undefined : b.version;
    const target = resolveTarget(groups, label);
    if (version !== undefined && !groups.some((g) => g.id.target === target && g.id.runtime_version === version)) {
      throw new UsageError(`baseline ${target} has no rows at version ${version} (versions: ${list(versionsOf.get(target) ?? [])})`);
    }
    isBase = (g) => g.id.target === target && (version === undefined || g.id.runtime_version === version);
    isSubject = (g) => !isBase(g);
    matchKeys = by;
    subjectLabel = plainLabel;
    baselineLabel = (g) => version === undefined ? plainLabel(g) : `${target} ${version}`;
    hint = `pick one with { target: "${target}", version: "…" }, filter the rows, or compare within each with by: [${[...by, 'runtime_version'].map((k) => `'${k}'`).join(', ')}] (or 'host')`;
  } else if ('sameTarget' in b) {
    if (b.sameTarget === 'no-aot') {
      isSubject = (g) => g.id.aot;
      isBase = (g) => !g.id.aot;
      matchKeys = [...by, 'runtime_version', 'host'];
      extraMatch = (s, base) => s.id.runtime === base.id.runtime && s.id.mode === base.id.mode;
      subjectLabel = plainLabel;
      baselineLabel = plainLabel;
    } else if (b.sameTarget === 'no-simd') {
      const simd = (f: string) => f.split(',').includes('simd128');
      const withoutSimd = (f: string) => f.split(',').filter((x) => x && x !== 'simd128').join(',');
      if (!groups.some((g) => simd(g.id.features))) throw new UsageError('no rows built with simd128 to compare against their plain builds (run with --simd)');
      by = by.filter((k) => k !== 'features');
      isSubject = (g) => simd(g.id.features);
      isBase = (g) => !simd(g.id.features);
      matchKeys = [...by, 'target', 'runtime_version', 'host'];
      extraMatch = (s, base) => withoutSimd(s.id.features) === base.id.features;
      subjectLabel = plainLabel;
      baselineLabel = plainLabel;
    } else {
      const opt = b.sameTarget;
      if (!groups.some((g) => g.id.opt === opt)) throw new UsageError(`no rows at -${opt} to compare against (opt levels: ${list(groups.map((g) => g.id.opt))})`);
      by = by.filter((k) => k !== 'opt');
      isSubject = (g) => g.id.opt !== opt;
      isBase = (g) => g.id.opt === opt;
      matchKeys = [...by, 'target', 'runtime_version', 'host'];
      subjectLabel = (g) => `${plainLabel(g)} -${g.id.opt}`;
      baselineLabel = (g) => `${plainLabel(g)} -${g.id.opt}`;
    }
    hint = 'filter the rows, or add the differing column to by';
  } else {
    const v = b.version;
    const only = b.only;
    if (!groups.some((g) => g.id.runtime_version === v)) throw new UsageError(`no rows at runtime_version ${v} (versions: ${list(groups.map((g) => g.id.runtime_version))})`);
    const target = only === undefined ? undefined : resolveTarget(groups, only);
    // Only targets that have rows at version v are compared (native has no Wasmtime version).
    const atV = new Set(groups.filter((g) => g.id.runtime_version === v).map((g) => g.id.target));
    isSubject = (g) => g.id.runtime_version !== v && atV.has(g.id.target) && (target === undefined || g.id.target === target);
    isBase = (g) => g.id.runtime_version === v;
    matchKeys = [...by, 'target', 'host'];
    subjectLabel = (g) => `${g.id.target} ${g.id.runtime_version}`;
    baselineLabel = (g) => `${g.id.target} ${g.id.runtime_version}`;
    hint = 'filter the rows, or add the differing column to by';
  }

  const bases = new Map<string, Group[]>();
  for (const g of groups) if (isBase(g)) {
    const k = keyOf(g.id, matchKeys);
    bases.set(k, [...(bases.get(k) ?? []), g]);
  }
  const pairs: Pair[] = [];
  const missing: Missing[] = [];
  const what = `"${describeBaseline(b)}"`;
  for (const s of groups) {
    if (!isSubject(s)) continue;
    const cands = (bases.get(keyOf(s.id, matchKeys)) ?? []).filter((g) => extraMatch(s, g));
    if (cands.length > 1) throw ambiguous(what, caseName(s), cands, hint);
    const m = { benchmark: s.id.benchmark, size: s.id.size, opt: s.id.opt, subject: subjectLabel(s) };
    const base = cands[0];
    if (!base) { missing.push({ ...m, reason: 'no baseline rows for this case' }); continue; }
    if (s.values.length === 0) { missing.push({ ...m, reason: `no usable run (${s.exclusions.length} excluded)` }); continue; }
    if (base.values.length === 0) { missing.push({ ...m, reason: `the baseline has no usable run (${base.exclusions.length} excluded)` }); continue; }
    pairs.push({ subject: s, base, subjectLabel: subjectLabel(s), baselineLabel: baselineLabel(base) });
  }
  return { metric, baseline: describeBaseline(b), pairs, missing, excluded: tally(groups.flatMap((g) => g.exclusions)) };
}

const zCache = new Map<number, number>();

/** Bonett & Price's variance of the log of a sample median (sorted, positive values); null for n < 3. */
export function logMedianVariance(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n < 3) return null;
  const c = Math.max(1, Math.round((n + 1) / 2 - Math.sqrt(n)));
  let z = zCache.get(n);
  if (z === undefined) {
    z = normalQuantile(1 - binomialCdf(c - 1, n, 0.5));
    zCache.set(n, z);
  }
  return ((Math.log(sorted[n - c]!) - Math.log(sorted[c - 1]!)) / (2 * z)) ** 2;
}

export const Z95 = normalQuantile(0.975);

/** Ratio of medians subject/baseline with Price & Bonett's 95% CI (null with < 3 reps a side). */
export function ratioCi(subject: readonly number[], base: readonly number[]): { ratio: number; low: number | null; high: number | null } {
  const ratio = median(subject, true)! / median(base, true)!;
  const v1 = logMedianVariance(subject), v2 = logMedianVariance(base);
  if (v1 === null || v2 === null) return { ratio, low: null, high: null };
  const h = Z95 * Math.sqrt(v1 + v2);
  return { ratio, low: ratio * Math.exp(-h), high: ratio * Math.exp(h) };
}

export interface RatioRow {
  benchmark: string;
  size: string;
  opt: string;
  host: string;
  subject: string;
  baseline: string;
  target: string;
  runtime_version: string;
  n: number;
  baseline_n: number;
  failed: number; // the subject's excluded rows (failed or invalid) in this case
  baseline_failed: number;
  median: number;
  baseline_median: number;
  ratio: number; // subject / baseline: > 1 slower, < 1 faster (for times)
  ci_low: number | null;
  ci_high: number | null;
  hl_ratio: number | null; // exp(Hodges–Lehmann shift of log values)
  mw_p: number | null; // two-sided Mann–Whitney p-value of the reps
  ratio_p: number | null; // two-sided p of ratio = 1 from the Price–Bonett normal approximation
  q_bh: number | null; // Benjamini–Hochberg q-value of ratio_p over this subject's benchmarks
}

/** The two-sided p of ratio = 1 behind a Price–Bonett interval (null without one). */
function ratioP(r: { ratio: number; low: number | null; high: number | null }): number | null {
  if (r.low === null || r.high === null) return null;
  const se = (Math.log(r.high) - Math.log(r.low)) / (2 * Z95);
  return se > 0 ? Math.min(1, 2 * normalSf(Math.abs(Math.log(r.ratio)) / se)) : r.ratio === 1 ? 1 : 0;
}

/** Per-benchmark labels: faster/slower (lower/higher) where the BH q-value is below 5%. */
export function labelOf(r: RatioRow, words: [string, string] = ['faster', 'slower']): string {
  if (r.q_bh === null) return 'no test (under 3 reps)';
  return r.q_bh < 0.05 ? (r.ratio < 1 ? words[0] : words[1]) : 'no detectable change';
}

/** BH q-values over each subject's rows. */
export function withQValues(rows: RatioRow[]): RatioRow[] {
  const bySubject = new Map<string, number[]>();
  rows.forEach((r, i) => bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), i]));
  for (const idx of bySubject.values()) {
    const q = benjaminiHochberg(idx.map((i) => rows[i]!.ratio_p));
    idx.forEach((i, k) => { rows[i]!.q_bh = q[k]!; });
  }
  return rows;
}

export function ratioRow(p: Pair): RatioRow {
  const s = p.subject.values, b = p.base.values;
  const r = ratioCi(s, b);
  const ls = s.map(Math.log), lb = b.map(Math.log);
  const hl = hodgesLehmann(ls, lb);
  return {
    benchmark: p.subject.id.benchmark, size: p.subject.id.size, opt: p.subject.id.opt, host: p.subject.id.host,
    subject: p.subjectLabel, baseline: p.baselineLabel, target: p.subject.id.target, runtime_version: p.subject.id.runtime_version,
    n: s.length, baseline_n: b.length, failed: p.subject.exclusions.length, baseline_failed: p.base.exclusions.length,
    median: median(s, true)!, baseline_median: median(b, true)!, ratio: r.ratio, ci_low: r.low, ci_high: r.high,
    hl_ratio: hl === null ? null : Math.exp(hl), mw_p: mannWhitney(ls, lb)?.p ?? null,
    ratio_p: ratioP(r), q_bh: null,
  };
}

export interface Comparison {
  metric: string;
  baseline: string;
  rows: RatioRow[];
  missing: Missing[];
  excluded: Excluded;
}

export function comparePaired(p: Paired): Comparison {
  return { metric: p.metric, baseline: p.baseline, rows: withQValues(p.pairs.map(ratioRow)), missing: p.missing, excluded: p.excluded };
}

/** Per-case ratios of every subject to the baseline, with CIs, p-values and effect sizes. */
export function compare(rows: readonly Row[], o: CompareOptions = {}): Comparison {
  return comparePaired(pairUp(rows, o));
}
