/**
 * A forest plot of replication rows (src/analysis/replicate.ts): one line per target (or target
 * and benchmark), the ratio of ratios B/A as a point with its 95% CI, on a log axis so ×2 and ÷2
 * lie equally far from 1, over the equivalence band 1/(1+m) … 1+m that "replicated" means
 * (equivalence.ts's margin, symmetric in log units). Colour says the decision.
 */
import type { ReplicationRow } from '../analysis/replicate.js';
import { ciText, Figure, hoverOf, layoutOf } from './figure.js';

const COLOURS: Record<ReplicationRow['decision'], string> = { replicated: '#2a9d5b', differs: '#c8403a', inconclusive: '#8a8a8a' };

export function forestFigure(rows: readonly ReplicationRow[], o: { title?: string } = {}): Figure {
  const shown = rows.filter((r) => Number.isFinite(r.ratio_of_ratios));
  const label = (r: ReplicationRow) => (r.benchmark ? `${r.target} · ${r.benchmark}` : r.target);
  const margin = rows[0]?.margin ?? 0.15;
  const traces = (['replicated', 'differs', 'inconclusive'] as const).map((d) => {
    const rs = shown.filter((r) => r.decision === d);
    const x = rs.map((r) => r.ratio_of_ratios);
    return {
      type: 'scatter', mode: 'markers', name: d, x, y: rs.map(label), marker: { color: COLOURS[d], size: 9 },
      // Plotly's error bars are offsets from the point; a missing interval draws none.
      error_x: { type: 'data', symmetric: false, array: rs.map((r, i) => (r.ci_high === null ? 0 : r.ci_high - x[i]!)), arrayminus: rs.map((r, i) => (r.ci_low === null ? 0 : x[i]! - r.ci_low)), color: COLOURS[d] },
      ...hoverOf(rs.map((r) => ({ benchmark: r.benchmark || `geomean of ${r.n_paired}`, target: r.target, n: r.n_paired, extra: `${ciText(r.ratio_of_ratios, r.ci_low, r.ci_high)}<br>${r.detail}` })), 'B/A: '),
    };
  }).filter((t) => t.x.length);
  const layout = layoutOf({
    title: o.title ?? `Ratio of ratios to ${rows[0]?.baseline ?? 'the baseline'}, B over A (${rows[0]?.metric ?? 'kernel_s'}), 95% CI`,
    xTitle: `B's ratio over A's (log); band: replicated within ±${Math.round(margin * 100)}%`, yTitle: '', logX: true, legend: 'decision',
  });
  // The band and the line at 1 span the plot's height whatever the rows.
  layout.shapes = [
    { type: 'rect', xref: 'x', yref: 'paper', x0: 1 / (1 + margin), x1: 1 + margin, y0: 0, y1: 1, fillcolor: '#2a9d5b', opacity: 0.12, line: { width: 0 }, layer: 'below' },
    { type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { dash: 'dash', width: 1 } },
  ];
  layout.yaxis = { ...(layout.yaxis as object), autorange: 'reversed', type: 'category' };
  return new Figure(traces, layout);
}
