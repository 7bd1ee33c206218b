/**
 * Figures of start-up and memory anatomy (src/analysis/anatomy.ts, notebook 13): start-up
 * against code size with each target's fitted line, the MRSS split into floor and program, and
 * the share of wall time spent in system calls.
 */
import type { MemorySplit, StartupPoint, SyscallShare, TargetFit } from '../analysis/anatomy.js';
import { distinct, Figure, layoutOf } from './figure.js';

const MIB = 1024 * 1024;

/** Start-up (or compile time) against code size: points per target, and its least-squares line. */
export function startupFigure(points: readonly StartupPoint[], fits: readonly TargetFit[], o: { y?: 'startup_s' | 'compile_only_s' | 'aot_compile_s'; title?: string } = {}): Figure {
  const y = o.y ?? 'startup_s';
  const data: Record<string, unknown>[] = [];
  for (const t of distinct(points.map((p) => p.target))) {
    const ps = points.filter((p) => p.target === t && p[y] !== null);
    data.push({ type: 'scatter', mode: 'markers', name: t, legendgroup: t, x: ps.map((p) => p.code_bytes / MIB), y: ps.map((p) => p[y]), text: ps.map((p) => p.benchmark), hovertemplate: '%{text}: %{y:.3g} s at %{x:.2f} MiB<extra>' + t + '</extra>' });
    const f = fits.find((x) => x.target === t);
    if (f) {
      const xs = [0, Math.max(...ps.map((p) => p.code_bytes / MIB))];
      data.push({ type: 'scatter', mode: 'lines', name: `${t} fit`, legendgroup: t, showlegend: false, x: xs, y: xs.map((x) => f.intercept + f.slope * x), line: { dash: 'dot' }, hovertemplate: `${f.slope.toPrecision(3)} s/MiB + ${f.intercept.toPrecision(3)} s<extra>${t}</extra>` });
    }
  }
  return new Figure(data, layoutOf({ title: o.title ?? `${y} against code size, with least-squares lines`, xTitle: 'code section (MiB)', yTitle: `${y} (s)`, legend: 'target' }));
}

/** Stacked bars per (benchmark, target): the target's floor (the empty program's MRSS) and the program's part. */
export function memorySplitFigure(split: readonly MemorySplit[], o: { title?: string } = {}): Figure {
  // Two-level categories (benchmark, target): plotly groups the bars under each benchmark.
  const x = [split.map((s) => s.benchmark), split.map((s) => s.target)];
  return new Figure([
    { type: 'bar', name: 'floor (empty program)', x, y: split.map((s) => s.floor_kb / 1024) },
    { type: 'bar', name: 'program', x, y: split.map((s) => s.program_kb / 1024) },
  ], { ...layoutOf({ title: o.title ?? 'Peak memory split: runtime floor + program (MiB, medians)', xTitle: 'benchmark / target', yTitle: 'MiB' }), barmode: 'stack' });
}

/** The share of wall time spent inside system calls, per application and target. */
export function syscallShareFigure(shares: readonly SyscallShare[], o: { title?: string } = {}): Figure {
  const xs = distinct(shares.map((s) => s.benchmark));
  const data = distinct(shares.map((s) => s.target)).map((t) => ({
    type: 'bar', name: t, x: xs, y: xs.map((b) => { const s = shares.find((x) => x.benchmark === b && x.target === t); return s?.share == null ? null : 100 * s.share; }),
  }));
  return new Figure(data, layoutOf({ title: o.title ?? 'Share of wall time inside system calls (strace, waits left out)', xTitle: 'benchmark', yTitle: '% of wall time', barmode: 'group', legend: 'target' }));
}
