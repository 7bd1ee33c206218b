/**
 * Runs to and from files: CSV, JSON (one object per line) and Parquet, all with RunRecord's
 * columns (RECORD_SCHEMA) so a file written by one store — or by `wasmlab run --format csv` —
 * imports into another. DuckDB reads and writes all three; imports are checked column by column
 * first, so a file of the wrong shape is refused naming the file and the first bad column.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { formatNames, formatOfFile } from '../export/formats.js';
import { ADDED_COLUMNS, RECORD_SCHEMA } from '../record.js';
import { SQL_TYPE } from './schema.js';
import { sqlText } from './sql.js';

/** The file formats of the format registry (src/export/formats.ts); below, how DuckDB writes and reads each. */
export type FileFormat = 'csv' | 'json' | 'parquet';
const FILE_FORMATS = formatNames('file') as FileFormat[];

export class FileShapeError extends UsageError {}

/** The file's columns with RunRecord's types (a file from before a column was added lacks it). */
const columnTypes = (names: readonly string[]) =>
  `{${RECORD_SCHEMA.filter(([c]) => names.includes(c)).map(([c, t]) => `${sqlText(c)}: ${sqlText(SQL_TYPE[t])}`).join(', ')}}`;

export function formatOf(file: string, given?: string): FileFormat {
  const f = given?.toLowerCase() ?? formatOfFile(file)?.name;
  if (!f || !(FILE_FORMATS as string[]).includes(f)) {
    throw new FileShapeError(`${file}: cannot tell the format (use --format ${FILE_FORMATS.join('|')}, or a .csv/.json/.parquet name)`);
  }
  return f as FileFormat;
}

/** A table function reading the file with RunRecord's types. */
function reader(file: string, format: FileFormat, typed: readonly string[] | null): string {
  switch (format) {
    case 'csv': return `read_csv(${sqlText(file)}, header = true, allow_quoted_nulls = false${typed ? `, columns = ${columnTypes(typed)}` : ''})`;
    case 'json': return `read_json(${sqlText(file)}, format = 'newline_delimited'${typed ? `, columns = ${columnTypes(typed)}` : ''})`;
    case 'parquet': return `read_parquet(${sqlText(file)})`;
  }
}

/** COPY the query's rows to a file. */
export async function writeRows(conn: DuckDBConnection, query: string, file: string, format: FileFormat): Promise<void> {
  const opts = format === 'csv' ? 'FORMAT csv, HEADER true' : format === 'json' ? 'FORMAT json' : 'FORMAT parquet';
  await conn.run(`COPY (${query}) TO ${sqlText(resolve(file))} (${opts})`);
}

/** Check a file's columns against RunRecord's, then return an SQL source of its rows, typed. */
export async function readRows(conn: DuckDBConnection, file: string, format: FileFormat): Promise<string> {
  const path = resolve(file);
  if (!existsSync(path)) throw new FileShapeError(`${file}: no such file`);
  let names: string[];
  try {
    names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(path, format, null)}`)).getRowsJS().map((r) => String(r[0]));
  } catch (e) {
    throw new FileShapeError(`${file}: not a readable ${format} file (${(e as Error).message.split('\n')[0]})`);
  }
  const want = RECORD_SCHEMA.map(([c]) => c as string);
  // A file from before a column was added lacks it: its rows get the value old rows mean.
  const added = (c: string) => (ADDED_COLUMNS as Record<string, string | null | undefined>)[c];
  const missing = want.find((c) => !names.includes(c) && added(c) === undefined);
  if (missing) throw new FileShapeError(`${file}: column "${missing}" is missing (a runs file has ${want.length} columns: ${want.slice(0, 4).join(', ')}, …)`);
  const extra = names.find((c) => !want.includes(c));
  if (extra) throw new FileShapeError(`${file}: unexpected column "${extra}" (not a column of runs)`);
  const value = (c: string, t: keyof typeof SQL_TYPE) => (names.includes(c) ? `TRY_CAST(${c} AS ${SQL_TYPE[t]})` : `${added(c) === null ? 'NULL' : sqlText(added(c)!)}::${SQL_TYPE[t]}`);
  const cols = RECORD_SCHEMA.map(([c, t]) => `${value(c, t)} AS ${c}`).join(', ');
  const src = `SELECT ${cols} FROM ${reader(path, format, format !== 'parquet' ? names : null)}`;
  // A value of the wrong type would become NULL silently: name the first such column instead.
  const counts = RECORD_SCHEMA.map(([c, t]) => (names.includes(c) ? `count(*) FILTER (WHERE ${c} IS NOT NULL AND TRY_CAST(${c} AS ${SQL_TYPE[t]}) IS NULL)::INTEGER` : '0'));
  const bad = (await conn.runAndReadAll(`SELECT ${counts.join(', ')} FROM ${reader(path, format, null)}`)).getRowsJS()[0] ?? [];
  const i = bad.findIndex((n) => Number(n) > 0);
  if (i >= 0) {
    const [c, t] = RECORD_SCHEMA[i]!;
    throw new FileShapeError(`${file}: column "${c}" has ${bad[i]} value(s) that are not ${SQL_TYPE[t]}`);
  }
  return src;
}
