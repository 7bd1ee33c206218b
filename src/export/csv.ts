/** CSV (RFC 4180): every RunRecord column, in RECORD_COLUMNS order; empty cell for null. */
import { RECORD_COLUMNS, type RunRecord } from '../record.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return RECORD_COLUMNS.join(',');
}

export function csvRow(r: RunRecord): string {
  return RECORD_COLUMNS.map((c) => cell(r[c])).join(',');
}

export function toCsv(rows: RunRecord[]): string {
  return [csvHeader(), ...rows.map(csvRow)].join('\n') + '\n';
}
