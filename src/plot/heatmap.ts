/**
 * Heatmap of benchmark × target ratios (compare rows) on a log colour scale: the colour is
 * log10 of the ratio, centred on 1× (grey), with the colour bar labelled in ×. Plotly's RdBu
 * runs blue (low) to red (high): faster than the baseline is blue, slower red.
 */
import type { RatioRow } from '../analysis/compare.js';
import { distinct, Figure, layoutOf } from './figure.js';

const TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export function heatmapFigure(rows: readonly RatioRow[], o: { title?: string; metric?: string } = {}): Figure {
  const ys = distinct(rows.map((r) => r.benchmark));
  const xs = distinct(rows.map((r) => r.subject));
  const baseline = distinct(rows.map((r) => r.baseline)).join(' / ');
  const cell = new Map(rows.map((r) => [`${r.benchmark}\u0000${r.subject}`, r]));
  const at = (b: string, s: string) => cell.get(`${b}\u0000${s}`);
  const z = ys.map((b) => xs.map((s) => { const r = at(b, s); return r ? Math.log10(r.ratio) : null; }));
  const custom = ys.map((b) => xs.map((s) => { const r = at(b, s); return [b, s, r ? r.n : 0, r ? r.ratio.toPrecision(3) : 'missing']; }));
  const zs = z.flat().filter((v): v is number => v !== null);
  const lim = Math.max(0.05, ...zs.map(Math.abs));
  const ticks = TICKS.filter((t) => Math.abs(Math.log10(t)) <= lim + 1e-9);
  return new Figure([{
    type: 'heatmap', x: xs, y: ys, z, customdata: custom, zmid: 0, zmin: -lim, zmax: lim, colorscale: 'RdBu',
    colorbar: { title: { text: `× ${baseline}` }, tickvals: ticks.map(Math.log10), ticktext: ticks.map((t) => `${t}×`) },
    hovertemplate: 'benchmark: %{customdata[0]}<br>target: %{customdata[1]}<br>n: %{customdata[2]}<br>ratio: %{customdata[3]}×<extra></extra>',
  }], { ...layoutOf({ title: o.title ?? `${o.metric ?? 'kernel_s'} ratio over ${baseline} (median; log colour scale)`, xTitle: 'target', yTitle: 'benchmark' }), yaxis: { title: { text: 'benchmark' }, automargin: true, type: 'category' },
    // One readable row per benchmark: grow past the default height for long suites.
    ...(ys.length > 15 ? { height: 160 + 18 * ys.length } : {}) });
}
