/**
 * The study notebooks' verdicts, computed from the rows (never typed): each finding of the paper
 * gets a function that reads the analysis' geomeans (ratios to a baseline, with bootstrap 95%
 * CIs) and says "holds", "does not hold", "inconclusive" or "cannot be measured here", with the
 * numbers. The notebooks print it as their `Verdict:` line, which `wasmlab publish` puts in the
 * index. "Significant" is the analysis' rule: the geomean's CI excludes 1.
 */
import type { GeomeanRow } from '../analysis/geomeans.js';

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
