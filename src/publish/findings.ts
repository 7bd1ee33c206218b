/**
 * The study notebooks' verdicts, computed from the rows (never typed): each finding of the paper
 * gets a function that reads the analysis' geomeans and says "holds", "does not hold",
 * "inconclusive" or "cannot be measured here", with the numbers. The notebooks print it as their
 * `Verdict:` line, which `wasmlab publish` puts in the index.
 */
import type { GeomeanRow } from '../analysis/geomeans.js';

const f2 = (x: number | null) => (x === null ? '?' : x.toFixed(2));

/**
 * Finding 1: every runtime is slower than native. Holds when each measured runtime's geomean CI
 * lies wholly above 1; does not hold when one's lies at or below 1; inconclusive otherwise.
 */
export function overallVerdict(geomeans: readonly GeomeanRow[], runtimes: readonly string[]): string {
  const measured = geomeans.filter((g) => runtimes.includes(g.subject));
  const missing = runtimes.filter((r) => !measured.some((g) => g.subject === r));
  const nums = measured.map((g) => `${g.subject} ${g.geomean.toFixed(2)}× [${f2(g.ci_low)}–${f2(g.ci_high)}]`).join(', ');
  const notMeasured = missing.length ? `; not measured: ${missing.join(', ')}` : '';
  if (!measured.length) return `cannot be measured here: none of ${runtimes.join(', ')} ran`;
  const notSlower = measured.filter((g) => g.ci_high !== null && g.ci_high <= 1);
  if (notSlower.length) return `does not hold: ${notSlower.map((g) => g.subject).join(', ')} not slower than native (${nums})${notMeasured}`;
  const unsure = measured.filter((g) => g.ci_low === null || g.ci_low <= 1);
  if (unsure.length) return `inconclusive: the 95% CI includes 1 for ${unsure.map((g) => g.subject).join(', ')} (${nums})${notMeasured}`;
  return `holds: every runtime measured is slower than native (${nums})${notMeasured}`;
}
