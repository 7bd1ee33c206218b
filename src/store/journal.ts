/**
 * The store's journal: each writer appends every row, as one JSON line, to a file of its own
 * next to the store (`STORE.journal/HOST.PID.SWEEP.jsonl`) the moment the row is measured — a
 * write(2) of a few microseconds, where a DuckDB commit costs milliseconds. The rows reach the
 * DuckDB file in batches (src/store/ingest.ts), in a short lock window. A writer killed with
 * SIGKILL leaves its journal behind; the next process that opens the store ingests it, so a kill
 * loses at most the run in flight. (The lines are not fsynced: a power cut can lose the last
 * rows the kernel had not written out; a killed process cannot.)
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { processAlive } from '../process.js';
import type { RunRecord } from '../record.js';

export type JournalEntry =
  | { t: 'run'; fresh: boolean; row: RunRecord }
  | { t: 'sweep'; sweep: Record<string, unknown>; host: Record<string, unknown> }
  | { t: 'sweep-end'; sweep_id: string; finished: string; status: string; reused: number; measured: number };

export function journalDir(store: string): string {
  return `${store}.journal`;
}

/** Journals this process is writing now (others of ours are left over: a failed final flush). */
const active = new Set<string>();

export class JournalWriter {
  readonly file: string;
  private fd: number;
  /** Entries written since the last ingest. */
  pending: JournalEntry[] = [];

  constructor(store: string, tag: string) {
    mkdirSync(journalDir(store), { recursive: true });
    this.file = join(journalDir(store), journalName({ host: hostname(), pid: process.pid, tag }));
    this.fd = openSync(this.file, 'a');
    active.add(this.file);
  }

  write(e: JournalEntry): void {
    writeSync(this.fd, `${JSON.stringify(e)}\n`);
    this.pending.push(e);
  }

  /** After the pending entries are in the database: start the file afresh. */
  ingested(): void {
    this.pending = [];
    closeSync(this.fd);
    this.fd = openSync(this.file, 'w');
  }

  close(): void {
    active.delete(this.file);
    closeSync(this.fd);
    if (!this.pending.length) rmSync(this.file, { force: true });
  }
}

/** Journals left by writers of this host that are gone (killed, crashed), or by this process's finished sweeps. */
/** A journal's file name: HOST.PID.TAG.jsonl, the tag being the writer's sweep id. */
export function journalName(j: { host: string; pid: number; tag: string }): string {
  return `${j.host}.${j.pid}.${j.tag}.jsonl`;
}

export function parseJournalName(file: string): { host: string; pid: number; tag: string } | null {
  const m = /^(.*)\.(\d+)\.([^.]+)\.jsonl$/.exec(basename(file));
  return m ? { host: m[1]!, pid: Number(m[2]), tag: m[3]! } : null;
}

export function orphanJournals(store: string): string[] {
  const dir = journalDir(store);
  if (!existsSync(dir)) return [];
  const host = hostname();
  return readdirSync(dir).filter((f) => {
    const j = parseJournalName(f);
    if (j === null || j.host !== host) return false;
    return j.pid === process.pid ? !active.has(join(dir, f)) : !processAlive(j.pid);
  }).map((f) => join(dir, f));
}

/** Entries of a journal file; a torn last line (a write cut short) is ignored. */
export function readJournal(file: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as JournalEntry);
    } catch {
      // only the last line can be torn; anything unparsable is not a row we wrote whole
    }
  }
  return out;
}
