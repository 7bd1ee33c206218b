/**
 * A results store: one DuckDB file (plus its journal) that keeps every run with its provenance.
 * The sweep records rows here as they are measured and asks it for rows measured before; the
 * fronts query it. Nothing else opens the file (src/store/db.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RECORD_COLUMNS, type RunRecord } from '../record.js';
import { hostFingerprint } from '../measure/host.js';
import { withDb, type OpenOptions } from './db.js';
import { formatOf, readRows, writeRows, type FileFormat } from './files.js';
import { ingestEntries, ingestSelect, type IngestCount } from './ingest.js';
import { JournalWriter, orphanJournals, parseJournalName, readJournal } from './journal.js';
import { seriesOf } from './keys.js';
import { inTransaction, sqlText } from './sql.js';
import { toJsValue } from './values.js';

export interface SweepStart {
  sweep_id: string;
  plan_id: string;
  request: unknown;
  provenance: unknown;
  fresh: boolean;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

const SERIES = /^[0-9a-f]+$/;

/** Also the sweep's RunStore (src/sweep/context.ts), structurally: a store does not import the floor above it. */
export class Store {
  readonly path: string;
  private journal: JournalWriter | null = null;
  private sweep: SweepStart | null = null;

  constructor(path: string, private readonly open: OpenOptions = {}) {
    this.path = resolve(path);
  }

  /** Open the file, first bringing in journals of writers that were killed, and ours so far. */
  async use<T>(f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return withDb(this.path, this.open, async (conn) => {
      for (const file of orphanJournals(this.path)) {
        await ingestEntries(conn, readJournal(file));
        const sweepId = parseJournalName(file)?.tag;
        if (sweepId) await conn.run(`UPDATE sweeps SET status = 'killed' WHERE sweep_id = ${sqlText(sweepId)} AND status = 'running'`);
        rmSync(file, { force: true });
      }
      await this.flushWith(conn);
      return f(conn);
    });
  }

  private async flushWith(conn: DuckDBConnection): Promise<IngestCount> {
    if (!this.journal?.pending.length) return { added: 0, skipped: 0 };
    const n = await ingestEntries(conn, this.journal.pending);
    this.journal.ingested();
    return n;
  }

  /** The rows of the journal into the database now. */
  async flush(): Promise<void> {
    await this.use(async () => {});
  }

  // ---- the sweep's side (RunStore)

  beginSweep(s: SweepStart): void {
    this.sweep = s;
    this.journal = new JournalWriter(this.path, s.sweep_id);
    const { host_id, ...host } = hostFingerprint();
    this.journal.write({
      t: 'sweep',
      sweep: {
        sweep_id: s.sweep_id, plan_id: s.plan_id, host_id, started: new Date().toISOString(), finished: null,
        status: 'running', reused: 0, measured: 0, request: JSON.stringify(s.request), provenance: JSON.stringify(s.provenance),
      },
      host: { host_id, ...host, first_seen: new Date().toISOString() },
    });
  }

  record(row: RunRecord): void {
    if (!this.journal) throw new Error('Store.record before beginSweep');
    this.journal.write({ t: 'run', fresh: Boolean(this.sweep?.fresh), row: { ...row, outlier: null } });
  }

  async lookup(series: readonly string[]): Promise<Map<string, RunRecord[]>> {
    const keys = series.filter((s) => SERIES.test(s));
    const out = new Map<string, RunRecord[]>();
    if (!keys.length) return out;
    const rows = await this.use(async (conn) => {
      const r = await conn.runAndReadAll(`SELECT ${RECORD_COLUMNS.join(', ')} FROM runs WHERE NOT superseded
        AND split_part(run_key, '-', 1) IN (${keys.map((k) => `'${k}'`).join(', ')}) ORDER BY run_key`);
      return r.getRowObjectsJS() as unknown as RunRecord[];
    });
    for (const r of rows) {
      const s = seriesOf(r.run_key);
      (out.get(s) ?? out.set(s, []).get(s)!).push(r);
    }
    return out;
  }

  async endSweep(status: 'done' | 'interrupted' | 'failed', counts: { reused: number; measured: number }): Promise<void> {
    if (!this.journal || !this.sweep) return;
    this.journal.write({ t: 'sweep-end', sweep_id: this.sweep.sweep_id, finished: new Date().toISOString(), status, ...counts });
    try {
      await this.flush();
    } finally {
      this.journal.close();
      this.journal = null;
      this.sweep = null;
    }
  }

  // ---- queries

  async query(sql: string): Promise<QueryResult> {
    return this.use(async (conn) => {
      const r = await conn.runAndReadAll(sql);
      const columns = r.columnNames();
      const rows = r.getRowObjectsJS().map((o) => Object.fromEntries(columns.map((c) => [c, toJsValue(o[c])])));
      return { columns, rows };
    });
  }

  private static runsQuery(o: { where?: string; sweep?: string }): string {
    const conds = ['NOT superseded'];
    if (o.where) conds.push(`(${o.where})`);
    if (o.sweep) conds.push(`sweep_id = ${sqlText(o.sweep)}`);
    return `SELECT ${RECORD_COLUMNS.join(', ')} FROM runs WHERE ${conds.join(' AND ')} ORDER BY timestamp, run_key`;
  }

  /** Write the current runs (optionally filtered) to a file; the number of rows written. */
  async export(file: string, o: { format?: string; where?: string } = {}): Promise<number> {
    const format = formatOf(file, o.format);
    return this.use(async (conn) => {
      const q = Store.runsQuery(o);
      await writeRows(conn, q, file, format);
      return Number((await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${q})`)).getRowsJS()[0]?.[0] ?? 0);
    });
  }

  /** Add the runs of a file (CSV, JSON lines, Parquet); rows already stored by run_key are skipped and counted. */
  async import(file: string, o: { format?: string } = {}): Promise<IngestCount & { format: FileFormat }> {
    const format = formatOf(file, o.format);
    return this.use(async (conn) => {
      const source = await readRows(conn, file, format);
      return { ...(await inTransaction(conn, () => ingestSelect(conn, source))), format };
    });
  }

  /**
   * Bring in the runs (and sweeps, hosts) of another store, e.g. a shard's: rows already here by
   * run_key are skipped and counted; rows of other machines stay apart by host_id.
   */
  async merge(file: string): Promise<IngestCount & { rows: number; failed: number }> {
    const other = resolve(file);
    if (other === this.path) throw new UsageError(`cannot merge ${file} into itself`);
    if (!existsSync(other)) throw new UsageError(`${file}: no such store`);
    await new Store(other, this.open).flush(); // its killed writers' journals, and the current schema
    return this.use(async (conn) => {
      await conn.run(`ATTACH ${sqlText(other)} AS other (READ_ONLY)`);
      try {
        const n = await inTransaction(conn, async () => {
          const added = await ingestSelect(conn, `SELECT ${RECORD_COLUMNS.join(', ')} FROM other.runs WHERE NOT superseded`);
          await conn.run('INSERT OR IGNORE INTO sweeps SELECT * FROM other.sweeps');
          await conn.run('INSERT OR IGNORE INTO hosts SELECT * FROM other.hosts');
          return added;
        });
        const c = (await conn.runAndReadAll(`SELECT count(*)::INTEGER, count(*) FILTER (WHERE status <> 'ok')::INTEGER FROM other.runs WHERE NOT superseded`)).getRowsJS()[0]!;
        return { ...n, rows: Number(c[0]), failed: Number(c[1]) };
      } finally {
        await conn.run('DETACH other');
      }
    });
  }

  /** How many of these run keys the store has (current rows), and how many of those failed. */
  async present(keys: readonly string[]): Promise<{ found: number; failed: number }> {
    if (!keys.length) return { found: 0, failed: 0 };
    const r = await this.query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE status <> 'ok')::INTEGER AS failed
      FROM runs WHERE NOT superseded AND run_key IN (${keys.map(sqlText).join(', ')})`);
    return { found: Number(r.rows[0]?.n ?? 0), failed: Number(r.rows[0]?.failed ?? 0) };
  }

  /** Stored runs (current, not superseded), optionally filtered by an SQL condition or a sweep id. */
  async runs(o: { where?: string; sweep?: string } = {}): Promise<RunRecord[]> {
    return (await this.query(Store.runsQuery(o))).rows as unknown as RunRecord[];
  }

  /** Append rows as one batch (no sweep, no journal): imports of records made elsewhere, benchmarks. */
  async append(rows: readonly RunRecord[]): Promise<IngestCount> {
    return this.use((conn) => ingestEntries(conn, rows.map((row) => ({ t: 'run' as const, fresh: false, row }))));
  }

  /** One line per sweep: when, what was asked, rows ok and failed, reused and measured, host. */
  async sweeps(): Promise<QueryResult> {
    return this.query(`SELECT s.sweep_id, s.started, s.status, s.request,
        count(r.run_key) FILTER (WHERE r.status = 'ok')::INTEGER AS rows_ok,
        count(r.run_key) FILTER (WHERE r.status <> 'ok')::INTEGER AS rows_failed,
        s.reused, s.measured, h.hostname AS host, s.host_id
      FROM sweeps s LEFT JOIN runs r ON r.sweep_id = s.sweep_id AND NOT r.superseded
      LEFT JOIN hosts h ON h.host_id = s.host_id
      GROUP BY ALL ORDER BY s.started`);
  }
}
