/**
 * Kernel-wide state: where output goes for the cell being run, the session defaults that
 * `%config` changes, and the abort controllers of the sweeps in flight (SIGINT aborts them).
 */
import type { WriteDisplayData } from './tslab.js';
import type { InlineMode } from '../src/plot/render.js';
import type { CounterChoice } from '../src/record.js';

export interface SessionConfig {
  runtimes: string[];
  size: string;
  reps: number;
  warmup: number;
  opt: string[];
  counters: CounterChoice;
  /** The results store (a DuckDB file, relative to the notebook's folder), or "none". */
  store: string;
  /** Rows and columns a frame shows before it is truncated. */
  max_rows: number;
  max_cols: number;
  /** plotly.js in every figure's HTML fallback, or only in the first. */
  plotly_js: InlineMode;
}

export const DEFAULT_CONFIG: SessionConfig = {
  runtimes: ['all'],
  size: 'mini',
  reps: 3,
  warmup: 1,
  opt: ['O2'],
  counters: 'none',
  store: process.env.WASMLAB_STORE || 'wasmlab.duckdb',
  max_rows: 20,
  max_cols: 20,
  plotly_js: 'every',
};

class Session {
  config: SessionConfig = { ...DEFAULT_CONFIG };
  /** Set per execute request by the launcher; display output of the running cell goes here. */
  writeDisplay: WriteDisplayData | null = null;
  private running = new Set<AbortController>();

  /** An AbortSignal for one long operation, aborted by `interrupt()`. Call the release function after. */
  begin(): { signal: AbortSignal; end: () => void } {
    const c = new AbortController();
    this.running.add(c);
    return { signal: c.signal, end: () => this.running.delete(c) };
  }

  /** Abort every operation in flight; false when there was none. */
  interrupt(): boolean {
    if (this.running.size === 0) return false;
    for (const c of this.running) c.abort(new Error('interrupted'));
    return true;
  }

  get busy(): boolean {
    return this.running.size > 0;
  }
}

export const session = new Session();

/** The store path %config names (resolved against the notebook's folder), or null for none. */
export function storePath(): string | null {
  const s = session.config.store.trim();
  return s === '' || s === 'none' ? null : s;
}
