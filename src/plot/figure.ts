/**
 * Plotly figures as plain data ({data, layout}), built from rows. The kernel shows a Figure as
 * the plotly MIME bundle; the CLI can write the same object as JSON or HTML.
 */
import type { Cell } from '../frame/table.js';
import { aggregate, type Agg } from '../analysis/aggregate.js';

export type Row = Record<string, Cell>;

export class Figure {
  readonly wasmlabFigure = true;
  constructor(
    public data: Record<string, unknown>[],
    public layout: Record<string, unknown> = {},
  ) {}
  toJSON(): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
    return { data: this.data, layout: this.layout };
  }
}

export function isFigure(v: unknown): v is Figure {
  return typeof v === 'object' && v !== null && (v as { wasmlabFigure?: unknown }).wasmlabFigure === true;
}

export interface BarOptions {
  x: string;
  y: string;
  /** One bar series per distinct value of this column (grouped bars). */
  color?: string;
  /** Repeated (x, color) rows — e.g. reps — are combined with this; default median. */
  agg?: Agg;
  title?: string;
  logY?: boolean;
  yTitle?: string;
  /** A dashed horizontal reference line, e.g. 1 for slowdown plots. */
  hline?: number;
}

function key(v: Cell): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Grouped bar chart of agg(y) per x (and per color). */
export function bar(rows: readonly Row[], o: BarOptions): Figure {
  const xs = [...new Set(rows.map((r) => key(r[o.x])))];
  const series = o.color ? [...new Set(rows.map((r) => key(r[o.color!])))] : [''];
  const data = series.map((s) => {
    const ys = xs.map((x) => {
      const vals = rows
        .filter((r) => key(r[o.x]) === x && (!o.color || key(r[o.color]) === s))
        .map((r) => r[o.y])
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return aggregate(vals, o.agg ?? 'median');
    });
    return { type: 'bar', name: s || o.y, x: xs, y: ys };
  });
  const layout: Record<string, unknown> = {
    barmode: 'group',
    title: { text: o.title ?? `${o.y} by ${o.x}` },
    xaxis: { title: { text: o.x } },
    yaxis: { title: { text: o.yTitle ?? o.y }, type: o.logY ? 'log' : 'linear' },
    legend: { title: { text: o.color ?? '' } },
    margin: { t: 50 },
  };
  if (o.hline !== undefined) {
    layout.shapes = [
      { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: o.hline, y1: o.hline, line: { dash: 'dash', width: 1 } },
    ];
  }
  return new Figure(data, layout);
}

/*
 * The helper every figure kind is built on: a layout with title, axis titles with units, an
 * optional log axis and reference line, and hover text naming the benchmark, the target and n.
 */

export interface LayoutOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  logY?: boolean;
  logX?: boolean;
  /** A dashed horizontal line, e.g. at 1 for ratios. */
  hline?: number;
  legend?: string;
  barmode?: 'group' | 'overlay';
  boxmode?: 'group' | 'overlay';
}

export function layoutOf(o: LayoutOptions): Record<string, unknown> {
  const l: Record<string, unknown> = {
    title: { text: o.title },
    xaxis: { title: { text: o.xTitle }, type: o.logX ? 'log' : '-', automargin: true },
    yaxis: { title: { text: o.yTitle }, type: o.logY ? 'log' : 'linear', automargin: true },
    legend: { title: { text: o.legend ?? '' } },
    margin: { t: 60 },
  };
  if (o.barmode) l.barmode = o.barmode;
  if (o.boxmode) l.boxmode = o.boxmode;
  if (o.hline !== undefined) {
    l.shapes = [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: o.hline, y1: o.hline, line: { dash: 'dash', width: 1 } }];
  }
  return l;
}

/** A point's hover identity. `extra` lines follow (e.g. the value with its CI). */
export interface HoverPoint {
  benchmark: string;
  target: string;
  n: number | string;
  extra?: string;
}

/** customdata + hovertemplate for a trace: every point names its benchmark, target and n. */
export function hoverOf(points: readonly HoverPoint[], valueLine: string): { customdata: unknown[][]; hovertemplate: string } {
  return {
    customdata: points.map((p) => [p.benchmark, p.target, p.n, p.extra ?? '']),
    hovertemplate: `benchmark: %{customdata[0]}<br>target: %{customdata[1]}<br>n: %{customdata[2]}<br>${valueLine}%{customdata[3]}<extra></extra>`,
  };
}

/** Asymmetric error bars from CI bounds (plotly wants distances from the value). */
export function errorBars(values: readonly (number | null)[], lows: readonly (number | null)[], highs: readonly (number | null)[]): Record<string, unknown> {
  return {
    type: 'data', symmetric: false, visible: true,
    array: values.map((v, i) => (v === null || highs[i] == null ? null : highs[i]! - v)),
    arrayminus: values.map((v, i) => (v === null || lows[i] == null ? null : v - lows[i]!)),
  };
}

/** "1.21 [1.15–1.28]" for hover text. */
export function ciText(v: number, lo: number | null, hi: number | null): string {
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3));
  return lo === null || hi === null ? `${f(v)} (no CI)` : `${f(v)} [${f(lo)}–${f(hi)}] 95% CI`;
}

/** Distinct values in first-seen order. */
export function distinct<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
