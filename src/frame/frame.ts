/**
 * Rows (RunRecord and the other tables of the core) as danfojs-node DataFrames. danfojs pulls in
 * TensorFlow.js and takes seconds to load, so it is imported once, lazily; `preloadFrames()`
 * starts that early (the kernel calls it at start-up) so the first magic does not wait.
 */
import type { DataFrame } from 'danfojs-node';
import type { Cell } from './table.js';

type Danfo = typeof import('danfojs-node');
let danfo: Promise<Danfo> | undefined;

export function loadDanfo(): Promise<Danfo> {
  danfo ??= import('danfojs-node').then((m) => ((m as { default?: Danfo }).default ?? m) as Danfo);
  return danfo;
}

export function preloadFrames(): void {
  loadDanfo().catch(() => undefined); // a failure shows at first real use, with its message
}

/**
 * A DataFrame from row objects. `columns` fixes the column order (and gives an empty result its
 * columns); keys missing from a row become null. Objects and arrays in cells are kept as JSON
 * text, since a frame's cells are scalars.
 */
export async function toFrame(rows: readonly object[], columns?: readonly string[]): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (rows.length === 0) return new DataFrame([], { columns: [...cols] });
  const data = rows.map((r) => {
    const rec = r as Record<string, unknown>;
    return cols.map((c) => scalar(rec[c]));
  });
  return new DataFrame(data, { columns: [...cols] });
}

function scalar(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Duck-typed, so frames made by a danfojs the user imported in a cell count too. */
export function isDataFrame(v: unknown): v is DataFrame {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { columns?: unknown; values?: unknown; shape?: unknown; constructor?: { name?: string } };
  return o.constructor?.name === 'DataFrame' && Array.isArray(o.columns) && Array.isArray(o.shape);
}

/** Column names, rows of cells and index of a frame, for the table renderers. */
export function frameCells(df: DataFrame): { columns: string[]; rows: Cell[][]; index: Cell[] } {
  const columns = df.columns.map(String);
  const values = df.values as unknown[];
  // A one-column frame's values can come back flat; normalise to rows of cells.
  const rows = values.map((r) => (Array.isArray(r) ? r : [r]).map(scalar));
  return { columns, rows, index: (df.index as unknown[]).map(scalar) };
}
