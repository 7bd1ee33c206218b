/**
 * `wl.anatomy`: start-up and memory anatomy in cells (notebook 13-anatomy; src/analysis/anatomy.ts).
 * `const a = wl.anatomy.of(runs)` computes everything once; frames and figures come from it.
 */
import type { DataFrame } from 'danfojs-node';
import {
  anatomyVerdicts, compileThroughput, emptyFloors, memorySplit, moduleFactsOf, startupFits, startupPoints, syscallShares,
  type SizeMeasure, type StartupMeasure,
} from '../src/analysis/anatomy.js';
import type { Row } from '../src/analysis/rows.js';
import { toFrame } from '../src/frame/frame.js';
import { memorySplitFigure, startupFigure, syscallShareFigure } from '../src/plot/anatomy.js';

/** Everything notebook 13 shows, from run rows (a sweep's, or the store's); syscall shares from `traced` rows when given. */
export function anatomyOf(rows: readonly Row[], o: { x?: SizeMeasure; y?: StartupMeasure; traced?: readonly Row[] } = {}) {
  const points = startupPoints(rows, moduleFactsOf(rows));
  const fits = startupFits(points, o);
  const throughput = compileThroughput(points);
  const floors = emptyFloors(rows);
  const split = memorySplit(rows, floors);
  const shares = syscallShares(o.traced ?? rows);
  const frame = (x: readonly object[]): Promise<DataFrame> => toFrame(x.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.map((n: number) => n.toPrecision(3)).join('–') : v]))));
  return {
    points, fits, throughput, floors, split, shares,
    verdicts: () => anatomyVerdicts({ shares, throughput, fits, floors, split }),
    frame,
    plot: {
      startup: (y: StartupMeasure = o.y ?? 'startup_s') => startupFigure(points, y === (o.y ?? 'startup_s') ? fits : startupFits(points, { ...o, y }), { y }),
      memory: () => memorySplitFigure(split),
      syscalls: () => syscallShareFigure(shares),
    },
  };
}
