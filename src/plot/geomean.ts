/** Geomean bars: one bar per target, its 95% CI (t or bootstrap, src/analysis/interval.ts) as error bars, log axis, a line at 1×. */
import type { GeomeanRow } from '../analysis/geomeans.js';
import { ciText, errorBars, Figure, hoverOf, layoutOf } from './figure.js';

export function geomeanFigure(g: readonly GeomeanRow[], o: { title?: string } = {}): Figure {
  const baseline = [...new Set(g.map((x) => x.baseline))].join(' / ');
  const metric = g[0]?.metric ?? 'kernel_s';
  const y = g.map((x) => x.geomean);
  const trace = {
    type: 'bar', name: 'geomean', x: g.map((x) => x.subject), y,
    error_y: errorBars(y, g.map((x) => x.ci_low), g.map((x) => x.ci_high)),
    ...hoverOf(g.map((x) => ({ benchmark: `geomean of ${x.benchmarks}`, target: x.subject, n: x.benchmarks, extra: ciText(x.geomean, x.ci_low, x.ci_high) })), `× ${baseline}: `),
  };
  return new Figure([trace], layoutOf({
    title: o.title ?? `Geomean ${metric} ratio over ${baseline} (95% CI)`,
    xTitle: 'target', yTitle: `× ${baseline} (ratio of medians, log)`, logY: true, hline: 1,
  }));
}
