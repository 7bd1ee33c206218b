/**
 * Flag parsing for the smaller commands (node:util's parseArgs, errors as one UsageError line
 * with the usage) and the output every command that prints rows shares: `--format
 * table|csv|json`, with `--json` as another spelling of `--format json`.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { renderTable } from '../export/table.js';
import { csvTable } from '../export/csv.js';

export type Values = Record<string, string | boolean | undefined>;
type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** The flags every command that prints rows takes. */
export const FORMAT_FLAGS = { format: { type: 'string', short: 'f' }, json: { type: 'boolean' } } as const satisfies Options;
export const FORMAT_USAGE = '[--format table|csv|json] [--json]';

export function flags(argv: string[], options: Options, usage: string): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (${usage.replace(/^usage: /, '').split('\n')[0]})`);
  }
}

/** The output format asked for: --format, or --json; table by default. */
export function formatOf(values: { format?: unknown; json?: unknown }, allowed: readonly string[] = ['table', 'csv', 'json']): string {
  if (values.json && values.format !== undefined && values.format !== 'json') throw new UsageError(`--json is --format json: give one of them (got --format ${String(values.format)} too)`);
  const f = values.json ? 'json' : values.format === undefined ? 'table' : String(values.format);
  if (!allowed.includes(f)) throw new UsageError(`--format is ${allowed.join(', ')} (got "${f}")`);
  return f;
}

/** Rows in the format asked for: a text table of `columns`, CSV of `columns`, or JSON of the rows as they are. */
export function printRows(rows: readonly object[], columns: readonly string[], format: string, maxCell?: number): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(csvTable(columns, rows as Record<string, unknown>[]));
  else process.stdout.write(tableOf(rows, columns, maxCell));
}

/** A whole number flag, or undefined when absent. */
export function intFlag(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(String(v))) throw new UsageError(`--${name} wants a whole number, got "${String(v)}"`);
  return Number(v);
}

/** Rows of objects as a text table of these columns. */
export function tableOf(rows: readonly object[], columns: readonly string[], maxCell?: number): string {
  return renderTable(rows as Record<string, unknown>[], columns.map((c) => ({ title: c, get: (r: Record<string, unknown>) => r[c] })), maxCell);
}
