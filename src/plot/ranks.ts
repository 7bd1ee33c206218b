/** Rank intervals (src/analysis/rank-interval.ts): one row per target, its rank as a dot and the 95% rank interval as a bar. */
import type { Ranking } from '../analysis/rank-interval.js';
import { Figure } from './figure.js';

export function rankFigure(r: Ranking, o: { title?: string } = {}): Figure {
  const rows = r.rows;
  const y = rows.map((x) => x.subject);
  const interval = {
    type: 'bar', orientation: 'h', name: `${Math.round(r.level * 100)}% rank interval`, y,
    // A floating bar from rank_low − ½ to rank_high + ½: the ranks it covers, each one unit wide.
    base: rows.map((x) => x.rank_low - 0.5), x: rows.map((x) => x.rank_high - x.rank_low + 1),
    marker: { color: 'rgba(99,110,250,0.35)' }, hoverinfo: 'skip',
  };
  const point = {
    type: 'scatter', mode: 'markers', name: 'rank', y, x: rows.map((x) => x.rank), marker: { size: 10, color: 'rgb(99,110,250)' },
    text: rows.map((x) => `${x.subject}: rank ${x.rank} (${x.rank_low}–${x.rank_high}), ${x.geomean.toFixed(2)}× ${r.baseline}, first in ${(100 * x.p_first).toFixed(0)}% of resamples`),
    hoverinfo: 'text',
  };
  return new Figure([interval, point], {
    title: { text: o.title ?? `Rank by geomean ${r.metric} over ${r.baseline} (${r.rows[0]?.benchmarks ?? 0} benchmarks, ${r.resamples} resamples)` },
    xaxis: { title: { text: 'rank (1 = smallest ratio)' }, dtick: 1, range: [0.4, rows.length + 0.6] },
    yaxis: { autorange: 'reversed', automargin: true },
    showlegend: true, height: 120 + 28 * rows.length,
  });
}
