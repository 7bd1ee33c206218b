/**
 * Reading back what `wasmlab run --format csv` writes (csv.ts): RFC 4180 fields, then each
 * RunRecord column to its type — booleans (`aot`, `output_ok`, `outlier`), numbers, strings —
 * with an empty cell read as null (csv.ts writes null as an empty cell; for text columns, where
 * '' and null cannot be told apart, as ''). Columns the record does not know (added later, e.g.
 * `counter_scope`) are typed by their text: true/false, a number, or a string.
 */
import type { Cell } from '../frame/table.js';

const BOOLEAN = new Set(['aot', 'output_ok', 'outlier']);
const TEXT = new Set([
  'sweep_id', 'benchmark', 'size', 'opt', 'runtime', 'mode', 'status', 'reason', 'counter_source', 'counter_note',
  'runtime_version', 'compiler_version', 'cflags', 'argv', 'artifact_sha256', 'timestamp', 'host', 'counter_scope',
]);
const NULLABLE_TEXT = new Set(['signal']);

/** RFC 4180 records: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') i++;
    if (ch === '\n' || ch === '\r') { row.push(field); out.push(row); row = []; field = ''; i++; continue; }
    field += ch; i++;
  }
  if (field !== '' || row.length) { row.push(field); out.push(row); }
  return out;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^[-+]?Infinity$|^NaN$/i;

export function typedCell(column: string, s: string): Cell {
  if (BOOLEAN.has(column)) return s === '' ? null : s === 'true';
  if (TEXT.has(column)) return s;
  if (NULLABLE_TEXT.has(column)) return s === '' ? null : s;
  if (s === '') return null;
  if (NUMBER.test(s)) return Number(s);
  if (s === 'true' || s === 'false') return s === 'true';
  return s;
}

/** Row objects from CSV text with a header line. */
export function rowsFromCsv(text: string): Record<string, Cell>[] {
  const [header, ...lines] = parseCsv(text);
  if (!header) return [];
  return lines.filter((l) => !(l.length === 1 && l[0] === '')).map((l) => Object.fromEntries(header.map((c, i) => [c, typedCell(c, l[i] ?? '')])));
}
