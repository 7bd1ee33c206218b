/**
 * SQL pieces the store builds as text: literals (ATTACH, COPY, key lists and the journal's rows
 * are statements DuckDB's API cannot bind here) and transactions.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** A value as an SQL literal: NULL, or a quoted string with its quotes doubled. */
export function sqlText(v: unknown): string {
  return v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`;
}

/** Run `f` in one transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(conn: DuckDBConnection, f: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await f();
    await conn.run('COMMIT');
    return out;
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => {});
    throw e;
  }
}
