/**
 * The analysis on a study-sized table: 100,000 synthetic rows (50 benchmarks × 20 targets × 100
 * reps), timed step by step — summarize, compare, geomean CIs (the default 10,000 resamples, every target
 * against native), Wilcoxon for all target pairs, and building every figure kind.
 * Target: under 1 s in total.   npm run bench:analysis [-- ROUNDS]   (default 3; the best of
 * the rounds is printed per step, as the machine's other load only ever adds time)
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { summarize } from '../src/analysis/summarize.js';
import { comparePaired, pairUp } from '../src/analysis/compare.js';
import { geomeansOf, pairwiseWilcoxon } from '../src/analysis/geomeans.js';
import { manyTargets, syntheticRows } from '../src/analysis/synthetic.js';
import { geomeanFigure } from '../src/plot/geomean.js';
import { ratioBarsFigure, tiersFigure } from '../src/plot/grouped.js';
import { heatmapFigure } from '../src/plot/heatmap.js';
import { repsFigure } from '../src/plot/reps.js';
import { ipcScatterFigure } from '../src/plot/scatter.js';
import { memoryFigure } from '../src/plot/memory.js';
import { oLevelsFigure } from '../src/plot/olevels.js';

const rounds = Number(process.argv[2] ?? 3);
const rows = syntheticRows({ benchmarks: 50, targets: manyTargets(20), reps: 100, seed: 11 });
// -O level lines need several levels: a table of its own (not in the total).
const olRows = syntheticRows({ benchmarks: 50, targets: manyTargets(20), reps: 10, opts: ['O0', 'O2', 'O3'], seed: 12 });

// Wall time, and this process's CPU time (user + sys): on a busy machine the wall time includes
// waiting for a core, the CPU time does not.
type Step = { name: string; wall: number; cpu: number };
function round(): { steps: Step[]; sizes: string; ol: Step } {
  const steps: Step[] = [];
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now(), c0 = process.cpuUsage();
    const v = f();
    const c = process.cpuUsage(c0);
    steps.push({ name, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
    return v;
  };
  const summaries = time('summarize (1000 groups)', () => summarize(rows));
  const paired = time('compare: pair up (19 targets × 50 benchmarks)', () => pairUp(rows));
  const cmp = time('compare: ratios, CIs, Mann–Whitney, Hodges–Lehmann', () => comparePaired(paired));
  const g = time('geomean CIs, 10,000 resamples × 19 targets (+ Wilcoxon vs native)', () => geomeansOf(paired, cmp.rows));
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
  const t0 = performance.now(), c0 = process.cpuUsage();
  oLevelsFigure(olRows);
  const c = process.cpuUsage(c0);
  const ol = { name: `-O level lines on ${olRows.length} rows (50 × 20 × 3 levels × 10 reps; 10,000 resamples × 40 lines)`, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  return { steps, ol, sizes: `${summaries.length} groups, ${cmp.rows.length} comparisons, ${g.length} geomeans, ${pw.length} pairs, ${figs.length} figures` };
}

const results = Array.from({ length: rounds }, round);
const best = (i: number) => ({ wall: Math.min(...results.map((r) => r.steps[i]!.wall)), cpu: Math.min(...results.map((r) => r.steps[i]!.cpu)) });
const [l1, l5] = loadavg();
console.log(`analysis of ${rows.length} rows (${results[0]!.sizes}); best of ${rounds} rounds per step:`);
console.log(`    wall      cpu   (load average ${l1!.toFixed(1)} / ${l5!.toFixed(1)} on ${cpus().length} cores)`);
const line = (wall: number, cpu: number, what: string) => console.log(`  ${wall.toFixed(0).padStart(6)} ms ${cpu.toFixed(0).padStart(6)} ms  ${what}`);
let tw = 0, tc = 0;
results[0]!.steps.forEach((s, i) => { const b = best(i); tw += b.wall; tc += b.cpu; line(b.wall, b.cpu, s.name); });
line(tw, tc, 'total (target < 1000 ms)');
const totals = results.map((r) => `${r.steps.reduce((a, s) => a + s.wall, 0).toFixed(0)}/${r.steps.reduce((a, s) => a + s.cpu, 0).toFixed(0)}`);
console.log(`  each round's total, wall/cpu (the first includes V8 compiling the code): ${totals.join(', ')} ms`);
line(Math.min(...results.map((r) => r.ol.wall)), Math.min(...results.map((r) => r.ol.cpu)), results[0]!.ol.name);
