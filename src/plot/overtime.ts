/**
 * One runtime over its releases: geomean ratio against the baseline per version, with 95% CIs.
 * By release date (Wasmtime, wazero), or by version on an ordered category axis, for lines whose
 * registry dates are not release order (Node's majors: npm dates each tarball's publication).
 */
import type { VersionPoint } from '../analysis/versions.js';
import { compareVersions } from '../runtimes/versions/installed.js';
import { ciText, distinct, errorBars, Figure, hoverOf, layoutOf } from './figure.js';

export function overTimeFigure(points: readonly VersionPoint[], o: { baseline?: string; title?: string; by?: 'released' | 'version' } = {}): Figure {
  const baseline = o.baseline ?? 'native';
  const byVersion = o.by === 'version';
  const traces = distinct(points.map((p) => p.series)).map((series) => {
    const ps = points.filter((p) => p.series === series && (byVersion || p.released));
    if (byVersion) ps.sort((a, b) => compareVersions(a.version, b.version));
    const y = ps.map((p) => p.geomean);
    return {
      type: 'scatter', mode: 'lines+markers', name: series, x: ps.map((p) => (byVersion ? p.label : p.released)), y,
      text: ps.map((p) => p.version),
      error_y: errorBars(y, ps.map((p) => p.ci_low), ps.map((p) => p.ci_high)),
      ...hoverOf(ps.map((p) => ({ benchmark: `geomean of ${p.benchmarks}`, target: `${p.subject}${p.released ? ` (released ${p.released.slice(0, 10)})` : ''}`, n: p.benchmarks, extra: ciText(p.geomean, p.ci_low, p.ci_high) })), `× ${baseline}: `),
    };
  });
  const fig = new Figure(traces, layoutOf({
    title: o.title ?? `Geomean kernel time over ${baseline} by ${byVersion ? 'version' : 'release'} (95% CI)`,
    xTitle: byVersion ? 'version' : 'release date', yTitle: `× ${baseline} (geomean of per-benchmark ratios, log)`, logY: true, hline: 1, legend: 'runtime:mode',
  }));
  if (byVersion) {
    const order = distinct([...points].sort((a, b) => compareVersions(a.version, b.version)).map((p) => p.label));
    fig.layout.xaxis = { ...(fig.layout.xaxis as object), type: 'category', categoryorder: 'array', categoryarray: order };
  }
  return fig;
}
