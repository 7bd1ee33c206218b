/** The slowdown plot: grouped bars over benchmarks, one bar per target, log scale. */
import { slowdown, type SlowdownOptions } from '../analysis/slowdown.js';
import { bar, type Figure, type Row } from './figure.js';

export { slowdown, type SlowdownOptions, type SlowdownRow } from '../analysis/slowdown.js';

/** Grouped bars: one group per benchmark, one bar per target, log scale, a line at 1×. */
export function slowdownFigure(rows: readonly Row[], o: SlowdownOptions = {}): Figure {
  const s = slowdown(rows, o);
  return bar(s as unknown as Row[], {
    x: 'benchmark', y: 'slowdown', color: 'target', logY: true, hline: 1,
    title: `Slowdown over ${o.baseline ?? 'native'} (median ${o.metric ?? 'kernel_s'})`,
    yTitle: `× ${o.baseline ?? 'native'} (log)`,
  });
}
