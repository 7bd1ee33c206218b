/**
 * The store's tables and their version. `runs` holds RunRecord's columns (RECORD_SCHEMA, the one
 * definition) plus `superseded` (true once a later measurement of the same run_key replaced the
 * row: `--fresh`, or a re-measured launch failure); `sweeps` one row per sweep with its
 * provenance; `hosts` the machines' fingerprints; `meta` the schema version.
 *
 * Migrations are additive: a store of an older version gets the columns and tables it lacks. A
 * store written by a newer wasmlab is refused with what to do.
 */
import { UsageError } from '../errors.js';
import { ADDED_COLUMNS, RECORD_SCHEMA, type ColumnType } from '../record.js';
import { HOST_SCHEMA } from '../measure/host.js';

export const SCHEMA_VERSION = 1;

export const SQL_TYPE: Record<ColumnType, string> = { text: 'VARCHAR', real: 'DOUBLE', int: 'INTEGER', bool: 'BOOLEAN' };

export const RUN_COLUMNS_SQL = RECORD_SCHEMA.map(([c, t]) => `${c} ${SQL_TYPE[t]}`).join(', ');

export const SWEEP_COLUMNS = [
  ['sweep_id', 'VARCHAR PRIMARY KEY'], ['plan_id', 'VARCHAR'], ['host_id', 'VARCHAR'], ['started', 'VARCHAR'],
  ['finished', 'VARCHAR'], ['status', 'VARCHAR'], ['reused', 'INTEGER'], ['measured', 'INTEGER'],
  ['request', 'VARCHAR'], ['provenance', 'VARCHAR'],
] as const;

/** The host fingerprint's fields (src/measure/host.ts), keyed by host_id, and when the store first saw it. */
export const HOST_COLUMNS: readonly (readonly [string, string])[] = [
  ...HOST_SCHEMA.map(([c, t]) => [c, c === 'host_id' ? 'VARCHAR PRIMARY KEY' : SQL_TYPE[t]] as const), ['first_seen', 'VARCHAR'],
];

const cols = (c: readonly (readonly [string, string])[]) => c.map(([n, t]) => `${n} ${t}`).join(', ');

export const CREATE_TABLES = [
  'CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)',
  `CREATE TABLE IF NOT EXISTS runs (${RUN_COLUMNS_SQL}, superseded BOOLEAN DEFAULT false)`,
  `CREATE TABLE IF NOT EXISTS sweeps (${cols(SWEEP_COLUMNS)})`,
  `CREATE TABLE IF NOT EXISTS hosts (${cols(HOST_COLUMNS)})`,
];

export class SchemaError extends UsageError {}

/** The statements that bring a store at `version` (with these runs columns) to SCHEMA_VERSION. */
export function migrations(version: number | null, runColumns: readonly string[], path: string): string[] {
  if (version !== null && version > SCHEMA_VERSION) {
    throw new SchemaError(`${path} was written by a newer wasmlab (store schema ${version}; this one knows ${SCHEMA_VERSION}): update wasmlab (git pull && bash setup/setup.sh), or export it there and import the file here`);
  }
  const out = [...CREATE_TABLES];
  if (runColumns.length) {
    // Columns added to RunRecord since the store was made: added, with the value old rows mean
    // (ADDED_COLUMNS), else empty.
    for (const [c, t] of RECORD_SCHEMA) {
      if (runColumns.includes(c)) continue;
      const old = ADDED_COLUMNS[c];
      out.push(`ALTER TABLE runs ADD COLUMN ${c} ${SQL_TYPE[t]}${old !== undefined && old !== null ? ` DEFAULT '${old.replace(/'/g, "''")}'` : ''}`);
    }
    if (!runColumns.includes('superseded')) out.push('ALTER TABLE runs ADD COLUMN superseded BOOLEAN DEFAULT false');
  }
  out.push(`INSERT OR REPLACE INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
  return out;
}
