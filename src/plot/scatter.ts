/**
 * Scatter of IPC against slowdown: one point per benchmark and target, x = the target's IPC
 * (median instructions / median cycles, counters.ts), y = its time ratio over the baseline
 * (compare.ts), log y. Rows without cycles (valgrind counts none) cannot appear; the title
 * says how many points there are and which counter scope they use.
 */
import type { Baseline } from '../analysis/compare.js';
import { counters } from '../analysis/counters.js';
import type { Row } from '../analysis/rows.js';
import { distinct, Figure, hoverOf, layoutOf } from './figure.js';

export function ipcScatterFigure(rows: readonly Row[], o: { baseline?: Baseline; metric?: string; title?: string } = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const c = counters(rows, { baseline: o.baseline, metric, only: ['cycles', 'instructions'] });
  const pts = c.flatMap((x) => (x.ipc !== null && x.time_x !== null ? [{ ...x, ratio: x.time_x }] : []));
  const baseline = distinct(c.map((r) => r.baseline)).join(' / ') || String(o.baseline ?? 'native');
  const scopes = distinct(pts.map((p) => p.counter_scope)).join(', ') || 'none';
  const data = distinct(pts.map((p) => p.subject)).map((s) => {
    const ps = pts.filter((p) => p.subject === s);
    return {
      type: 'scatter', mode: 'markers', name: s, x: ps.map((p) => p.ipc), y: ps.map((p) => p.ratio),
      ...hoverOf(ps.map((p) => ({ benchmark: p.benchmark, target: s, n: p.n, extra: `<br>IPC ${p.ipc!.toFixed(2)} (${p.counter_scope} scope)` })), `× ${baseline}: %{y:.3g}`),
    };
  });
  return new Figure(data, layoutOf({
    title: o.title ?? `IPC against ${metric} ratio over ${baseline} (${pts.length} points; counter scope: ${scopes})`,
    xTitle: 'IPC (instructions per cycle)', yTitle: `× ${baseline} (${metric}, log)`, logY: true, hline: 1, legend: 'target',
  }));
}
