/** One runtime over its releases: geomean ratio against the baseline per version, by release date, with 95% CIs. */
import type { VersionPoint } from '../analysis/versions.js';
import { ciText, distinct, errorBars, Figure, hoverOf, layoutOf } from './figure.js';

export function overTimeFigure(points: readonly VersionPoint[], o: { baseline?: string; title?: string } = {}): Figure {
  const baseline = o.baseline ?? 'native';
  const traces = distinct(points.map((p) => p.series)).map((series) => {
    const ps = points.filter((p) => p.series === series && p.released);
    const y = ps.map((p) => p.geomean);
    return {
      type: 'scatter', mode: 'lines+markers', name: series, x: ps.map((p) => p.released), y,
      text: ps.map((p) => p.version),
      error_y: errorBars(y, ps.map((p) => p.ci_low), ps.map((p) => p.ci_high)),
      ...hoverOf(ps.map((p) => ({ benchmark: `geomean of ${p.benchmarks}`, target: `${p.subject} (released ${p.released})`, n: p.benchmarks, extra: ciText(p.geomean, p.ci_low, p.ci_high) })), `× ${baseline}: `),
    };
  });
  const fig = new Figure(traces, layoutOf({
    title: o.title ?? `Geomean kernel time over ${baseline} by release (95% CI)`,
    xTitle: 'release date', yTitle: `× ${baseline} (geomean of per-benchmark ratios, log)`, logY: true, hline: 1, legend: 'runtime:mode',
  }));
  return fig;
}
