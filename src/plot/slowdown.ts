/** The slowdown plot: grouped bars over benchmarks, one bar per target, 95% CI bars, log scale. */
import { compare } from '../analysis/compare.js';
import type { SlowdownOptions } from '../analysis/slowdown.js';
import { type Figure, type Row } from './figure.js';
import { ratioBarsFigure } from './grouped.js';

export { slowdown, type SlowdownOptions, type SlowdownRow } from '../analysis/slowdown.js';

/** Grouped bars: one group per benchmark, one bar per target, log scale, a line at 1×. */
export function slowdownFigure(rows: readonly Row[], o: SlowdownOptions = {}): Figure {
  const metric = o.metric ?? 'kernel_s';
  const c = compare(rows, { baseline: o.baseline ?? 'native', metric });
  return ratioBarsFigure(c.rows, { title: `Slowdown over ${o.baseline ?? 'native'} (median ${metric}; 95% CI)`, metric });
}
