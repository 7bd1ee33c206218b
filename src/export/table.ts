/**
 * The CLI's tables: rows and the columns a reader scans first (a title and a getter each),
 * aligned left under a rule, numbers at a compact precision; the full record is in --format
 * csv/json. Rendered by the one text-table renderer, src/frame/table.ts.
 */
import { tableText, type Cell } from '../frame/table.js';

export interface Column<T> {
  title: string;
  get: (row: T) => unknown;
}

/** Integers as they are; other numbers to three significant places or so, by size. */
function compact(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
  }
  return String(v);
}

export function renderTable<T>(rows: T[], cols: Column<T>[], maxCell = 60): string {
  const cells = rows.map((r) => cols.map((c) => c.get(r) as Cell));
  return `${tableText(cols.map((c) => c.title), cells, {
    align: 'left', rule: true, format: compact, maxCell, maxRows: Infinity, maxCols: Infinity, footer: false,
  })}\n`;
}
