/**
 * The one place that opens a store's DuckDB file. Two rules from what was checked here (docs/store.md):
 * one DuckDB instance per file per process (two instances on one file silently lose rows), and
 * a second process gets a lock error while the first has the file open. So the file is opened
 * only for the moment of a read or a write and closed after; a process that finds it locked
 * says who holds it, waits and retries, and gives up after `waitS` with one line naming the fix.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { migrations, SchemaError } from './schema.js';

export interface OpenOptions {
  /** Seconds to wait for another process holding the file (default 300). */
  waitS?: number;
  /** Told once when the file is busy, with the holder ("PID 1234"). */
  onBusy?: (holder: string) => void;
}

/** The rows measured meanwhile are safe in the journal: the next process that opens the store brings them in. */
export class StoreBusyError extends UsageError {}
export class StoreOpenError extends UsageError {}

interface Open {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  users: number;
}
const opened = new Map<string, Promise<Open>>();

/** "PID 1234 (/usr/bin/node)" from DuckDB's lock error, or null for any other error. */
export function lockHolder(message: string): string | null {
  if (!/Could not set lock|Conflicting lock/i.test(message)) return null;
  const m = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  return m ? `PID ${m[2]}, ${m[1]}` : 'another process';
}

async function openFile(path: string, o: OpenOptions): Promise<Open> {
  const deadline = Date.now() + (o.waitS ?? 300) * 1000;
  let told = false;
  mkdirSync(dirname(path), { recursive: true });
  for (;;) {
    try {
      const instance = await DuckDBInstance.create(path);
      const conn = await instance.connect();
      try {
        await migrate(conn, path);
      } catch (e) {
        conn.closeSync();
        instance.closeSync();
        throw e;
      }
      return { instance, conn, users: 0 };
    } catch (e) {
      const msg = (e as Error).message;
      const holder = lockHolder(msg);
      if (!holder) {
        if (e instanceof SchemaError) throw e;
        throw new StoreOpenError(`cannot open store ${path}: ${msg.split('\n')[0]}`);
      }
      if (Date.now() >= deadline) {
        throw new StoreBusyError(`store ${path} is busy (${holder}) for longer than ${o.waitS ?? 300} s: wait for it, raise --store-wait, or use another --store`);
      }
      if (!told) { o.onBusy?.(holder); told = true; }
      await sleep(50 + Math.random() * 100);
    }
  }
}

async function migrate(conn: DuckDBConnection, path: string): Promise<void> {
  const tables = (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_name IN ('meta', 'runs')")).getRowsJS().map((r) => String(r[0]));
  let version: number | null = null;
  let runColumns: string[] = [];
  if (tables.includes('meta')) {
    const v = (await conn.runAndReadAll("SELECT value FROM meta WHERE key = 'schema_version'")).getRowsJS()[0]?.[0];
    version = v === undefined ? null : Number(v);
  }
  if (tables.includes('runs')) {
    runColumns = (await conn.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_name = 'runs'")).getRowsJS().map((r) => String(r[0]));
  }
  for (const sql of migrations(version, runColumns, path)) await conn.run(sql);
}

/**
 * Run `f` with the store open, and close it after (unless another caller in this process is
 * still using it: they share the one instance).
 */
export async function withDb<T>(file: string, o: OpenOptions, f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const path = resolve(file);
  let p = opened.get(path);
  if (!p) {
    p = openFile(path, o);
    opened.set(path, p);
    p.catch(() => opened.delete(path));
  }
  const db = await p;
  db.users++;
  try {
    return await f(db.conn);
  } finally {
    if (--db.users === 0) {
      opened.delete(path);
      db.conn.closeSync();
      db.instance.closeSync();
    }
  }
}
