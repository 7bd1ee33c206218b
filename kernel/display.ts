/**
 * Rich output of the kernel: MIME bundles for frames and figures, sent through tslab's
 * display channel (display_data, update_display_data with a display_id). tslab's own
 * `display` API sends one MIME type per message; a frame needs text/html beside text/plain and a
 * figure the plotly type beside its HTML fallback, hence this module.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { DataFrame } from 'danfojs-node';
import { session } from './session.js';
import { frameCells, isDataFrame } from '../src/frame/frame.js';
import { tableHtml, tableText } from '../src/frame/table.js';
import { isFigure, type Figure } from '../src/plot/figure.js';
import { figureBundle } from '../src/plot/render.js';
import { COUNTER_COLUMNS, RECORD_COLUMNS } from '../src/record.js';

export type Bundle = Record<string, unknown>;

export function newDisplayId(): string {
  return randomBytes(8).toString('hex');
}

/** Send a bundle; with `update`, replace the output that carries `id`. */
export function publish(data: Bundle, id?: string, update = false): void {
  const write = session.writeDisplay;
  if (!write) throw new Error('wasmlab: display used outside a running cell');
  write({ data, metadata: {}, transient: id ? { display_id: id } : {} }, update);
}

/** Columns a run frame shows by default: identity, times, outcome (all stay in the frame). */
const RUN_VIEW = ['benchmark', 'size', 'opt', 'runtime', 'mode', 'aot', 'rep', 'wall_s', 'kernel_s',
  'startup_s', 'maxrss_kb', 'status', 'reason'];

function isRunFrame(columns: string[]): boolean {
  return RECORD_COLUMNS.every((c) => columns.includes(c));
}

export interface FrameView {
  /** Show only these columns (the rest stay in the frame). */
  columns?: string[];
  maxRows?: number;
  maxCols?: number;
}

export function frameBundle(df: DataFrame, view: FrameView = {}): Bundle {
  const cells = frameCells(df);
  let { columns, rows } = cells;
  let note = '';
  let keep = view.columns;
  if (!keep && isRunFrame(columns)) {
    // A tidy run frame has ~45 columns, most of them provenance: show the ones read first,
    // plus the counters when there are any.
    const counted = rows.some((r) => r[columns.indexOf('counter_source')] !== 'none');
    keep = counted ? [...RUN_VIEW.slice(0, 9), 'counter_source', ...COUNTER_COLUMNS, 'ipc', ...RUN_VIEW.slice(11)] : RUN_VIEW;
  }
  if (keep) {
    const at = keep.map((c) => columns.indexOf(c)).filter((i) => i >= 0);
    if (at.length < columns.length) note = `${at.length} of ${columns.length} columns shown; all are in the frame`;
    columns = at.map((i) => columns[i]);
    rows = rows.map((r) => at.map((i) => r[i]));
  }
  const o = {
    maxRows: view.maxRows ?? session.config.max_rows,
    maxCols: view.maxCols ?? session.config.max_cols,
    index: cells.index,
  };
  return {
    'text/html': tableHtml(columns, rows, o) + (note ? `<p style="color:gray">${note}</p>` : ''),
    'text/plain': tableText(columns, rows, o) + (note ? `\n(${note})` : ''),
  };
}

export function showFrame(df: DataFrame, view?: FrameView): void {
  publish(frameBundle(df, view));
}

export function showFigure(fig: Figure): void {
  publish(figureBundle(fig, session.config.plotly_js));
}

/** Show anything: frames as tables, figures as plots, the rest as text. */
export function show(value: unknown, view?: FrameView): void {
  if (isDataFrame(value)) showFrame(value, view);
  else if (isFigure(value)) showFigure(value);
  else publish({ 'text/plain': typeof value === 'string' ? value : inspect(value) });
}

/** Whether `show` has something better than console.log for this value. */
export function isRich(value: unknown): boolean {
  return isDataFrame(value) || isFigure(value);
}
