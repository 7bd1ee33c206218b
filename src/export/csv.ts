/**
 * CSV (RFC 4180): every RunRecord column, in RECORD_COLUMNS order. A null is an empty cell and
 * an empty string is `""`, so the two stay apart when the file is read back (DuckDB reads them
 * so too). Reading back: an unquoted empty cell is null and a quoted one (`""`) the empty
 * string; each RunRecord column gets its type from RECORD_SCHEMA (bool, int, real, text), and
 * columns the schema does not know are typed by their text: true/false, a number, or a string.
 */
import type { Cell } from '../frame/table.js';
import { RECORD_COLUMNS, RECORD_SCHEMA, type ColumnType, type RunRecord } from '../record.js';

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

// ---- reading back

const TYPES = new Map<string, ColumnType>(RECORD_SCHEMA.map(([c, t]) => [c as string, t]));

/** RFC 4180 records; a field is null when it is empty and unquoted. */
export function parseCsv(text: string): (string | null)[][] {
  const out: (string | null)[][] = [];
  let row: (string | null)[] = [], field = '', quotedField = false, i = 0, inQuotes = false;
  const end = () => { row.push(field === '' && !quotedField ? null : field); field = ''; quotedField = false; };
  while (i < text.length) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        inQuotes = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"') { inQuotes = true; quotedField = true; i++; continue; }
    if (ch === ',') { end(); i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') i++;
    if (ch === '\n' || ch === '\r') { end(); out.push(row); row = []; i++; continue; }
    field += ch; i++;
  }
  if (field !== '' || quotedField || row.length) { end(); out.push(row); }
  return out;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^[-+]?Infinity$|^NaN$/i;

export function typedCell(column: string, s: string | null): Cell {
  if (s === null) return null;
  switch (TYPES.get(column)) {
    case 'bool': return s === 'true';
    case 'int': case 'real': return Number(s); // NaN stays NaN: analysis rejects it with a reason
    case 'text': return s;
    default:
      if (NUMBER.test(s)) return Number(s);
      if (s === 'true' || s === 'false') return s === 'true';
      return s;
  }
}

/** Row objects from CSV text with a header line. */
export function rowsFromCsv(text: string): Record<string, Cell>[] {
  const [header, ...lines] = parseCsv(text);
  if (!header) return [];
  return lines.filter((l) => !(l.length === 1 && l[0] === null))
    .map((l) => Object.fromEntries(header.map((c, i) => [c ?? '', typedCell(c ?? '', l[i] ?? null)])));
}
