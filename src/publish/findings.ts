/**
 * The study notebooks' verdicts, computed from the rows (never typed): each finding of the paper
 * gets a function that reads the analysis' geomeans (ratios to a baseline, with bootstrap 95%
 * CIs) and says "holds", "does not hold", "inconclusive" or "cannot be measured here", with the
 * numbers. The notebooks print it as their `Verdict:` line, which `wasmlab publish` puts in the
 * index. "Significant" is the analysis' rule: the geomean's CI excludes 1.
 */
import { median } from '../analysis/aggregate.js';
import { geomean } from '../analysis/bootstrap.js';
import { counters, scopeOf, type CounterRow } from '../analysis/counters.js';
import type { GeomeanRow } from '../analysis/geomeans.js';
import type { Row } from '../analysis/rows.js';
import type { VersionPoint } from '../analysis/versions.js';

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
  if (against.length) return `does not hold: ${against.map((g) => g.subject).join(', ')} ${opposite} (${nums})${notMeasured}`;
  const unsure = measured.filter((g) => g.ci_low === null || g.ci_low <= 1);
  if (unsure.length) return `inconclusive: the 95% CI includes 1 for ${unsure.map((g) => g.subject).join(', ')} (${nums})${notMeasured}`;
  return `holds: every one measured is ${claim} (${nums})${notMeasured}`;
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

/**
 * Finding 3: AOT matters a lot for `big` (WAVM) and not for the others: holds when AOT makes
 * `big` significantly faster (its AOT/JIT ratio's CI wholly below 1) and by more than any other
 * (its CI's upper end below each other's lower end); does not hold when another runtime gains
 * at least as much, or `big` gains nothing significant.
 */
export function aotVerdict(geomeans: readonly GeomeanRow[], big: string, others: readonly string[]): string {
  const find = (t: string) => geomeans.find((g) => g.subject === `${t}+aot` || g.subject === t);
  const b = find(big);
  const os = others.map(find).filter((g): g is GeomeanRow => Boolean(g));
  const nums = [b, ...os].filter((g): g is GeomeanRow => Boolean(g)).map(show).join(', ');
  if (!b || !os.length) return `cannot be measured here: AOT and JIT rows of ${b ? others.join(', ') : big} are missing`;
  if (b.ci_high === null || b.ci_high >= 1) return `does not hold: AOT does not make ${big} significantly faster (AOT/JIT ${nums})`;
  const rival = os.filter((g) => g.ci_low !== null && g.ci_low <= b.ci_high!);
  if (!rival.length) return `holds: AOT helps ${big} far more than ${os.map((g) => g.subject.replace(/\+aot$/, '')).join(', ')} (AOT/JIT ${nums})`;
  const beats = rival.filter((g) => g.ci_high !== null && b.ci_low !== null && g.ci_high <= b.ci_low);
  return beats.length
    ? `does not hold: AOT helps ${beats.map((g) => g.subject).join(', ')} at least as much as ${big} (AOT/JIT ${nums})`
    : `inconclusive: AOT helps ${big} (${show(b)}) but not significantly more than ${rival.map((g) => g.subject).join(', ')} (AOT/JIT ${nums})`;
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
  return ` [counts simulated by valgrind, ${scope} scope${kind === 'branch' ? '; its simple branch model inflates interpreters\' miss ratios (FACTS)' : kind === 'cache' ? '; its cache model is a simple two-level simulation' : ''}]`;
};

/** Per runtime: the values of one CounterRow field over benchmarks (finite and positive). */
function perRuntime(c: readonly CounterRow[], runtimes: readonly string[], field: keyof CounterRow): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of runtimes) m.set(r, c.filter((x) => x.subject === r).map((x) => x[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0));
  return m;
}

/** Finding 6: runtimes show higher IPC than native. Needs cycles, i.e. a hardware PMU. */
export function ipcVerdict(rows: readonly Row[], runtimes: readonly string[]): string {
  const c = counters(rows.filter((r) => scopeOf(r) === 'process'));
  const ratio = new Map(runtimes.map((r) => [r, c.filter((x) => x.subject === r && x.ipc !== null && x.baseline_ipc).map((x) => x.ipc! / x.baseline_ipc!)]));
  if (![...ratio.values()].some((v) => v.length)) {
    const inst = perRuntime(c, runtimes, 'instructions_x');
    const shown = [...inst].filter(([, v]) => v.length).map(([r, v]) => `${r} ${geomean(v).toFixed(2)}×`).join(', ');
    return `cannot be measured here: IPC needs cycles, which need a hardware PMU (perf); this machine has none${shown ? `, and valgrind's simulation counts instructions but no cycles (instructions against native, geomean: ${shown})` : ''}`;
  }
  const g = [...ratio].filter(([, v]) => v.length).map(([r, v]) => [r, geomean(v)] as const);
  const nums = g.map(([r, x]) => `${r} ${x.toFixed(2)}× native's IPC`).join(', ');
  const lower = g.filter(([, x]) => x <= 1);
  return lower.length ? `does not hold: ${lower.map(([r]) => r).join(', ')} not above native's IPC (${nums})${sourceNote(c)}` : `holds: every runtime measured has a higher IPC than native (${nums})${sourceNote(c)}`;
}

/**
 * Findings 7 and 8: more branch (cache) misses than native, normalized to native's count, yet
 * miss ratios close to native's. "Close": within a factor of two of native's ratio.
 */
export function missesVerdict(rows: readonly Row[], runtimes: readonly string[], kind: 'branch' | 'cache'): string {
  // The paper's perf stat counted whole processes: the verdict is the process scope's; the kernel
  // scope (estimated from two sizes, where a profile made it) follows as its own numbers.
  const process = rows.filter((r) => scopeOf(r) === 'process');
  const kernelRows = rows.filter((r) => scopeOf(r) === 'kernel');
  const k = missesPerRuntime(kernelRows.length ? counters(kernelRows) : [], kernelRows, runtimes, kind);
  const kernelPart = k.measured.length ? `. Kernel alone (estimated from two sizes): ${k.nums}${k.nat !== null ? `; native's ratio ${pct(k.nat)}` : ''}` : '';
  return processMissesVerdict(process, runtimes, kind) + kernelPart;
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

function processMissesVerdict(rows: readonly Row[], runtimes: readonly string[], kind: 'branch' | 'cache'): string {
  const c = counters(rows);
  const { measured, nat, nums } = missesPerRuntime(c, rows, runtimes, kind);
  if (!measured.length || nat === null) return `cannot be measured here: no ${kind} miss counts (counters need perf or valgrind: %profile)`;
  const fewer = measured.filter((m) => m.x <= 1).map((m) => m.r);
  const far = measured.filter((m) => m.ratio > 2 * nat || m.ratio < nat / 2).map((m) => m.r);
  const missing = runtimes.filter((r) => !measured.some((m) => m.r === r));
  const tail = `; native's ratio ${pct(nat)}${missing.length ? `; not measured: ${missing.join(', ')}` : ''}${sourceNote(c, kind)}`;
  if (fewer.length) return `does not hold: ${fewer.join(', ')} ${fewer.length > 1 ? 'have' : 'has'} no more ${kind} misses than native (${nums})${tail}`;
  if (far.length) return `holds in part: more ${kind} misses everywhere, but the miss ratio of ${far.join(', ')} is not close to native's (${nums})${tail}`;
  return `holds: more ${kind} misses than native, with miss ratios close to native's (${nums})${tail}`;
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
 * Notebook 10 (over time): per runtime:mode, the geomean against native of its oldest and newest
 * measured release with their CIs, and whether the change is clear (CIs apart).
 */
export function overTimeSummary(points: readonly VersionPoint[]): string {
  const series = [...new Set(points.map((p) => p.series))];
  if (!series.length) return 'cannot be measured here: no versioned target ran (wasmlab runtime add wasmtime@all)';
  const ci = (p: VersionPoint) => (p.ci_low === null || p.ci_high === null ? '' : ` [${f2(p.ci_low)}–${f2(p.ci_high)}]`);
  const at = (p: VersionPoint) => `${p.geomean.toFixed(2)}×${ci(p)} (${p.version}${p.released ? `, ${p.released.slice(0, 7)}` : ''})`;
  return series.map((s) => {
    const ps = points.filter((p) => p.series === s);
    const [a, b] = [ps[0]!, ps.at(-1)!];
    if (ps.length < 2) return `${s}: one version measured, ${at(a)}`;
    const apart = a.ci_low !== null && b.ci_high !== null && b.ci_high < a.ci_low ? 'faster'
      : a.ci_high !== null && b.ci_low !== null && b.ci_low > a.ci_high ? 'slower' : 'no clear change';
    return `${s}'s geomean slowdown over native went from ${at(a)} to ${at(b)} over ${ps.length} versions (${apart})`;
  }).join('; ');
}
