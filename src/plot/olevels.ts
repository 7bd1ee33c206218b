/**
 * Lines over -O levels: for each target, the geomean over benchmarks of its time at each level
 * relative to the same target at the reference level (O0 by default), with 95% CIs (src/analysis/interval.ts);
 * the reference level is the point at 1×. Log axis.
 */
import { OPT_LEVELS } from '../toolchain/build.js';
import { geomeans } from '../analysis/geomeans.js';
import type { Row } from '../analysis/rows.js';
import { ciText, distinct, errorBars, Figure, hoverOf, layoutOf } from './figure.js';

export interface OLevelsOptions {
  metric?: string;
  /** Reference level; default O0 when present, else the first level in the rows' order. */
  reference?: string;
  resamples?: number;
  seed?: number;
  title?: string;
}

// The toolchain's list is the order: one definition of the -O levels.
const ORDER: readonly string[] = OPT_LEVELS;

export function oLevelsFigure(rows: readonly Row[], o: OLevelsOptions = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const levels = distinct(rows.map((r) => String(r.opt))).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const ref = o.reference ?? (levels.includes('O0') ? 'O0' : levels[0]!);
  const g = levels.length > 1 ? geomeans(rows, { baseline: { sameTarget: ref }, metric, resamples: o.resamples, seed: o.seed }) : [];
  // Subjects are "target -O2": split them back.
  const parsed = g.map((x) => ({ ...x, target: x.subject.replace(/ -\S+$/, ''), opt: x.subject.replace(/^.* -/, '') }));
  const data = distinct(parsed.map((x) => x.target)).map((t) => {
    const pts = levels.map((l) => (l === ref ? null : parsed.find((x) => x.target === t && x.opt === l) ?? null));
    const y = levels.map((l, i) => (l === ref ? 1 : pts[i]?.geomean ?? null));
    return {
      type: 'scatter', mode: 'lines+markers', name: t, x: levels, y,
      error_y: errorBars(y, pts.map((p) => p?.ci_low ?? null), pts.map((p) => p?.ci_high ?? null)),
      ...hoverOf(levels.map((l, i) => ({ benchmark: pts[i] ? `geomean of ${pts[i]!.benchmarks}` : 'reference', target: `${t} -${l}`, n: pts[i]?.benchmarks ?? '', extra: pts[i] ? ciText(pts[i]!.geomean, pts[i]!.ci_low, pts[i]!.ci_high) : '1 (reference)' })), `× -${ref}: `),
    };
  });
  return new Figure(data, layoutOf({
    title: o.title ?? `${metric} over -O levels, relative to -${ref} (geomean, 95% CI)`,
    xTitle: 'optimization level', yTitle: `× the same target at -${ref} (log)`, logY: true, hline: 1, legend: 'target',
  }));
}
