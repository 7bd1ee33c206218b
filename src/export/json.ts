/**
 * JSON: the sweep's provenance and its rows, one document (`run --format json`). Reading back
 * takes that document, a bare array of rows, or one row object per line (what the store's
 * `export --format json` writes, through DuckDB).
 */
import type { Cell } from '../frame/table.js';
import type { RunRecord } from '../record.js';
import type { SweepInfo } from '../measure/provenance.js';

export function toJson(rows: RunRecord[], sweep: SweepInfo | undefined): string {
  return JSON.stringify({ sweep: sweep ?? null, rows }, null, 2) + '\n';
}

/** Row objects from JSON text; an Error naming what is wrong for anything else. */
export function rowsFromJson(text: string): Record<string, Cell>[] {
  const lines = text.split('\n').filter((l) => l.trim());
  // One object per line: JSON lines. A document spans lines (or is one line holding `rows`).
  const jsonLines = lines.length > 1 && lines.every((l) => /^\s*\{.*\}\s*$/.test(l));
  const doc = (jsonLines ? lines.map((l) => JSON.parse(l) as unknown) : JSON.parse(text)) as unknown;
  const rows = Array.isArray(doc) ? doc : (doc as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new Error('JSON without a rows array');
  return rows as Record<string, Cell>[];
}
