/** Flag parsing for the smaller commands: node:util's parseArgs, errors as one UsageError line with the usage. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { renderTable } from '../export/table.js';

export type Values = Record<string, string | boolean | undefined>;

export function flags(argv: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>, usage: string): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (${usage})`);
  }
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
