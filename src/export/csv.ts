/**
 * CSV (RFC 4180): every RunRecord column, in RECORD_COLUMNS order. A null is an empty cell and
 * an empty string is `""`, so the two stay apart when the file is read back (DuckDB reads them
 * so too).
 */
import { RECORD_COLUMNS, type RunRecord } from '../record.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s === '' || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Any table as CSV: a header of `columns`, then the rows' values in that order. */
export function csvTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function toCsv(rows: RunRecord[]): string {
  return csvTable(RECORD_COLUMNS, rows as unknown as Record<string, unknown>[]);
}
