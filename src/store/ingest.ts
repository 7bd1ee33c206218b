/**
 * Rows into the `runs` table, idempotently: a row whose run_key is already stored (and not
 * superseded) is skipped and counted — re-ingesting a journal, or importing a file twice, adds
 * nothing. A row of a `--fresh` sweep, or one re-measuring a run that had failed to launch or
 * timed out, supersedes the stored row of its run_key instead (kept, marked superseded).
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { RECORD_SCHEMA, REMEASURED_STATUSES, type RunRecord } from '../record.js';
import type { JournalEntry } from './journal.js';
import { HOST_COLUMNS, SWEEP_COLUMNS } from './schema.js';
import { inTransaction, sqlText } from './sql.js';

const COLS = RECORD_SCHEMA.map(([c]) => c).join(', ');

function appendValue(ap: DuckDBAppender, type: string, v: unknown): void {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) { ap.appendNull(); return; }
  switch (type) {
    case 'text': ap.appendVarchar(String(v)); break;
    case 'real': ap.appendDouble(Number(v)); break;
    case 'int': ap.appendInteger(Number(v)); break;
    case 'bool': ap.appendBoolean(Boolean(v)); break;
  }
}

export interface IngestCount {
  added: number;
  skipped: number;
}

/** Add rows (in the caller's transaction or autocommit); `fresh` per row. */
export async function ingestRuns(conn: DuckDBConnection, rows: readonly { row: RunRecord; fresh: boolean }[]): Promise<IngestCount> {
  if (!rows.length) return { added: 0, skipped: 0 };
  await clearStaging(conn);
  const ap = await conn.createAppender('staging', 'main', 'temp');
  for (const { row, fresh } of rows) {
    for (const [c, t] of RECORD_SCHEMA) appendValue(ap, t, (row as unknown as Record<string, unknown>)[c]);
    ap.appendBoolean(fresh);
    ap.endRow();
  }
  ap.closeSync();
  return ingestStaged(conn, rows.length, new Set(rows.map((r) => r.row.run_key)).size === rows.length);
}

async function clearStaging(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT ${COLS}, false AS fresh FROM runs LIMIT 0`);
  await conn.run('DELETE FROM staging');
}

/** Rows of an SQL source with RunRecord's columns (an imported file), never fresh. */
export async function ingestSelect(conn: DuckDBConnection, source: string): Promise<IngestCount> {
  await clearStaging(conn);
  const r = await conn.run(`INSERT INTO staging SELECT ${COLS}, false FROM (${source})`);
  return ingestStaged(conn, r.rowsChanged, false);
}

/** Staged rows into runs: supersede what they replace, skip what is already there. */
async function ingestStaged(conn: DuckDBConnection, staged: number, unique: boolean): Promise<IngestCount> {
  const remeasured = REMEASURED_STATUSES.map((s) => `'${s}'`).join(', ');
  await conn.run(`UPDATE runs SET superseded = true FROM staging s
    WHERE runs.run_key = s.run_key AND NOT runs.superseded AND runs.sweep_id <> s.sweep_id
      AND (s.fresh OR runs.status IN (${remeasured}))`);
  // A batch whose keys are unique (a sweep's, or a bulk append) needs no de-duplication within itself.
  const source = unique ? 'staging' : `(SELECT * FROM staging QUALIFY row_number() OVER (PARTITION BY run_key ORDER BY timestamp DESC) = 1)`;
  // Columns by name: a migrated store has its added columns last, after `superseded`.
  const r = await conn.run(`INSERT INTO runs (${COLS}, superseded) SELECT ${COLS}, false FROM ${source} s
    WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_key = s.run_key AND NOT r.superseded)`);
  return { added: r.rowsChanged, skipped: staged - r.rowsChanged };
}

/** Journal entries into the tables, in one transaction. */
export async function ingestEntries(conn: DuckDBConnection, entries: readonly JournalEntry[]): Promise<IngestCount> {
  return inTransaction(conn, async () => {
    for (const e of entries) {
      if (e.t === 'sweep') {
        const s = e.sweep;
        await conn.run(`INSERT OR IGNORE INTO sweeps VALUES (${SWEEP_COLUMNS.map(([c]) => sqlText(s[c])).join(', ')})`);
        const h = e.host;
        await conn.run(`INSERT OR IGNORE INTO hosts VALUES (${HOST_COLUMNS.map(([c]) => sqlText(h[c])).join(', ')})`);
      } else if (e.t === 'sweep-end') {
        await conn.run(`UPDATE sweeps SET finished = ${sqlText(e.finished)}, status = ${sqlText(e.status)}, reused = ${Number(e.reused)}, measured = ${Number(e.measured)} WHERE sweep_id = ${sqlText(e.sweep_id)}`);
      }
    }
    return ingestRuns(conn, entries.flatMap((e) => (e.t === 'run' ? [{ row: e.row, fresh: e.fresh }] : [])));
  });
}
