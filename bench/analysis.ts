/**
 * The analysis on a study-sized table: 100,000 synthetic rows (50 benchmarks × 20 targets × 100
 * reps), timed step by step — summarize, compare, geomean CIs (2000 resamples, every target
 * against native), Wilcoxon for all target pairs, and building every figure kind.
 * Target: under 1 s in total.   npm run bench:analysis
 */
import { performance } from 'node:perf_hooks';
import { summarize } from '../src/analysis/summarize.js';
import { comparePaired, pairUp } from '../src/analysis/compare.js';
import { geomeansOf } from '../src/analysis/geomeans.js';
import { pairwiseWilcoxon } from '../src/analysis/geomeans.js';
import { manyTargets, syntheticRows } from '../src/analysis/synthetic.js';
import { geomeanFigure } from '../src/plot/geomean.js';
import { ratioBarsFigure, tiersFigure } from '../src/plot/grouped.js';
import { heatmapFigure } from '../src/plot/heatmap.js';
import { repsFigure } from '../src/plot/reps.js';
import { ipcScatterFigure } from '../src/plot/scatter.js';
import { memoryFigure } from '../src/plot/memory.js';
import { oLevelsFigure } from '../src/plot/olevels.js';

const rows = syntheticRows({ benchmarks: 50, targets: manyTargets(20), reps: 100, seed: 11 });
// Wall time, and this process's CPU time (user + sys): on a busy machine the wall time includes
// waiting for a core, the CPU time does not.
const steps: [string, number, number][] = [];
function time<T>(name: string, f: () => T): T {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const v = f();
  const c = process.cpuUsage(c0);
  steps.push([name, performance.now() - t0, (c.user + c.system) / 1000]);
  return v;
}

const summaries = time('summarize (1000 groups)', () => summarize(rows));
const paired = time('compare: pair up (19 targets × 50 benchmarks)', () => pairUp(rows));
const cmp = time('compare: ratios, CIs, Mann–Whitney, Hodges–Lehmann', () => comparePaired(paired));
const g = time('geomean CIs, 2000 resamples × 19 targets (+ Wilcoxon vs native)', () => geomeansOf(paired, cmp.rows, { resamples: 2000 }));
const pw = time('Wilcoxon for all 190 target pairs (on the summaries)', () => pairwiseWilcoxon(rows, { summaries }));
const figs = [
  time('figure: geomean bars (from the geomeans)', () => geomeanFigure(g)),
  time('figure: per-benchmark ratio bars (from compare)', () => ratioBarsFigure(cmp.rows)),
  time('figure: tiers grouped bars (from the geomeans)', () => tiersFigure(g)),
  time('figure: heatmap (from compare)', () => heatmapFigure(cmp.rows)),
  time('figure: box + points of all 100,000 reps', () => repsFigure(rows)),
  time('figure: IPC vs slowdown scatter (from rows)', () => ipcScatterFigure(rows)),
  time('figure: MRSS bars (from rows)', () => memoryFigure(rows)),
];
const total = steps.reduce((a, [, ms]) => a + ms, 0);
const totalCpu = steps.reduce((a, [, , ms]) => a + ms, 0);

// -O level lines need several levels: a table of its own (not in the total above).
const olRows = syntheticRows({ benchmarks: 50, targets: manyTargets(20), reps: 10, opts: ['O0', 'O2', 'O3'], seed: 12 });
const t0 = performance.now(), c0 = process.cpuUsage();
oLevelsFigure(olRows);
const olMs = performance.now() - t0, olCpu = process.cpuUsage(c0);

console.log(`analysis of ${rows.length} rows (${summaries.length} groups, ${cmp.rows.length} comparisons, ${g.length} geomeans, ${pw.length} pairs, ${figs.length} figures):`);
const [l1, l5] = (await import('node:os')).loadavg();
console.log(`    wall      cpu   (load average ${l1!.toFixed(1)} / ${l5!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
const row = (wall: number, cpu: number, what: string) => console.log(`  ${wall.toFixed(0).padStart(6)} ms ${cpu.toFixed(0).padStart(6)} ms  ${what}`);
for (const [name, ms, cpu] of steps) row(ms, cpu, name);
row(total, totalCpu, 'total (target < 1000 ms)');
row(olMs, (olCpu.user + olCpu.system) / 1000, `-O level lines on ${olRows.length} rows (50 × 20 × 3 levels × 10 reps; 2000 resamples × 40 lines)`);
