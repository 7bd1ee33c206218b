/**
 * The formats rows go out in and come back from, one entry each, the writer beside the reader:
 * `run --format` writes with them, `report --in` reads with them, and the store's `export` and
 * `import` take their file formats (names, file endings) from here (src/store/files.ts says how
 * DuckDB writes and reads each). A new format is one entry and its file, as hyperfine's exporters.
 */
import type { Cell } from '../frame/table.js';
import type { SweepInfo } from '../measure/provenance.js';
import type { RunRecord } from '../record.js';
import { rowsFromCsv, toCsv } from './csv.js';
import { rowsFromJson, toJson } from './json.js';
import { renderTable, type Column } from './table.js';

export type FormatName = 'table' | 'csv' | 'json' | 'parquet';

export interface RowsFormat {
  readonly name: FormatName;
  /** File name endings that mean this format; none: not a file format (a table is for people). */
  readonly extensions: readonly string[];
  /** The rows as text; `table` shows `columns`, csv and json the whole record. None: only the store writes it. */
  readonly write?: (rows: RunRecord[], o: { sweep?: SweepInfo; columns: Column<RunRecord>[] }) => string;
  /** Rows back from text of this format. None: only the store reads it. */
  readonly read?: (text: string) => Record<string, Cell>[];
}

export const FORMATS: readonly RowsFormat[] = [
  { name: 'table', extensions: [], write: (rows, o) => renderTable(rows, o.columns) },
  { name: 'csv', extensions: ['csv'], write: (rows) => toCsv(rows), read: rowsFromCsv },
  { name: 'json', extensions: ['json', 'jsonl', 'ndjson'], write: (rows, o) => toJson(rows, o.sweep), read: rowsFromJson },
  { name: 'parquet', extensions: ['parquet'] },
];

/** The names of the formats that can do `what`. */
export const formatNames = (what: 'write' | 'read' | 'file'): FormatName[] =>
  FORMATS.filter((f) => (what === 'file' ? f.extensions.length > 0 : f[what] !== undefined)).map((f) => f.name);

/** The format called `name` that can do `what`; an Error listing the ones that can otherwise. */
export function formatNamed(name: string, what: 'write' | 'read' | 'file'): RowsFormat {
  const f = FORMATS.find((x) => x.name === name.toLowerCase());
  if (!f || !formatNames(what).includes(f.name)) throw new Error(`--format is ${formatNames(what).join(', ')} (got "${name}")`);
  return f;
}

/** The file format a file name's ending says, or undefined. */
export const formatOfFile = (file: string): RowsFormat | undefined =>
  FORMATS.find((f) => f.extensions.includes(/\.([^./]+)$/.exec(file)?.[1]?.toLowerCase() ?? ''));

/** Rows from a file's text: by its ending, else by its first character (JSON starts with [ or {). */
export function readRowsText(file: string, text: string): Record<string, Cell>[] {
  const f = formatOfFile(file)?.read ? formatOfFile(file)! : /^\s*[[{]/.test(text) ? formatNamed('json', 'read') : formatNamed('csv', 'read');
  return f.read!(text);
}
