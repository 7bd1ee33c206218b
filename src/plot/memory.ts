/**
 * MRSS bars: peak resident memory per benchmark, one bar per target (median over reps, MiB),
 * log axis. With `ratio: true`, the MRSS ratio over the baseline (counters.ts) instead.
 */
import type { Baseline } from '../analysis/compare.js';
import { counters } from '../analysis/counters.js';
import { summarize } from '../analysis/summarize.js';
import type { Row } from '../analysis/rows.js';
import { distinct, Figure, hoverOf, layoutOf } from './figure.js';

export function memoryFigure(rows: readonly Row[], o: { ratio?: boolean; baseline?: Baseline; title?: string } = {}): Figure {
  if (o.ratio) {
    const c = counters(rows, { baseline: o.baseline }).filter((x) => x.mrss_x !== null);
    const xs = distinct(c.map((x) => x.benchmark));
    const baseline = distinct(c.map((x) => x.baseline)).join(' / ') || String(o.baseline ?? 'native');
    const data = distinct(c.map((x) => x.subject)).map((s) => {
      const pts = xs.map((b) => c.find((x) => x.subject === s && x.benchmark === b) ?? null);
      return {
        type: 'bar', name: s, x: xs, y: pts.map((p) => p?.mrss_x ?? null),
        ...hoverOf(pts.map((p, i) => ({ benchmark: xs[i]!, target: s, n: p?.n ?? 0 })), `MRSS × ${baseline}: %{y:.3g}`),
      };
    });
    return new Figure(data, layoutOf({ title: o.title ?? `Peak memory (MRSS) ratio over ${baseline} (medians)`, xTitle: 'benchmark', yTitle: `MRSS × ${baseline} (log)`, logY: true, hline: 1, barmode: 'group', legend: 'target' }));
  }
  const s = summarize(rows, { metric: 'maxrss_kb' }).filter((x) => x.median !== null);
  const xs = distinct(s.map((x) => x.benchmark));
  const data = distinct(s.map((x) => x.target)).map((t) => {
    const pts = xs.map((b) => s.find((x) => x.target === t && x.benchmark === b) ?? null);
    return {
      type: 'bar', name: t, x: xs, y: pts.map((p) => (p ? p.median! / 1024 : null)),
      ...hoverOf(pts.map((p, i) => ({ benchmark: xs[i]!, target: t, n: p?.n ?? 0 })), 'MRSS: %{y:.1f} MiB'),
    };
  });
  return new Figure(data, layoutOf({ title: o.title ?? 'Peak memory (MRSS, median over reps)', xTitle: 'benchmark', yTitle: 'MRSS (MiB, log)', logY: true, barmode: 'group', legend: 'target' }));
}
