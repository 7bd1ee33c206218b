/**
 * The store's questions as the fronts ask them: a store path (or $WASMLAB_STORE) in, plain rows
 * out, DuckDB's errors about a query as one-line UsageErrors.
 */
import type { RunRecord } from '../record.js';
import { flagOutliers } from '../measure/flag.js';
import { needStore, storeCall } from './open.js';
import type { Store } from './store.js';

/** An SQL query on a store: its columns and rows (BigInts as numbers). Tables: runs, sweeps, hosts. */
export async function sql(store: string | Store | undefined, query: string): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  return storeCall(() => needStore(store).query(query));
}

/** The stored runs (current measurements; `where` is an SQL condition on runs' columns), outliers flagged. */
export async function load(o: { store?: string | Store; where?: string; sweep?: string } = {}): Promise<RunRecord[]> {
  return flagOutliers(await storeCall(() => needStore(o.store).runs(o)));
}

/** One line per sweep of a store. */
export async function sweeps(store?: string | Store) {
  return storeCall(() => needStore(store).sweeps());
}

export async function exportRuns(o: { store?: string | Store; file: string; format?: string; where?: string }): Promise<number> {
  return storeCall(() => needStore(o.store).export(o.file, o));
}

export async function importRuns(o: { store?: string | Store; file: string; format?: string }) {
  return storeCall(() => needStore(o.store).import(o.file, o));
}
