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
