/**
 * `wl`, the object every cell of the wasmlab kernel sees: the core's operations as typed
 * functions (with the session defaults and the stop button wired in), frames, plots, and the
 * runtime half of the magics. The launcher sets it on globalThis and declares its type once, so
 * `wl.` completes in cells and `const df = await wl.bench({...})` type-checks.
 */
import type { DataFrame } from 'danfojs-node';
import { loadCore, type BenchRequest } from './core.js';
import { show, type FrameView } from './display.js';
import { session, storePath } from './session.js';
import * as magic from './magics/run.js';
import { frameCells, isDataFrame, toFrame } from '../src/frame/frame.js';
import type { Cell } from '../src/frame/table.js';
import { bar, Figure, type BarOptions, type Row } from '../src/plot/figure.js';
import { slowdown, slowdownFigure, type SlowdownOptions } from '../src/plot/slowdown.js';
import { RECORD_COLUMNS, type RunRecord } from '../src/record.js';

type Rows = DataFrame | readonly object[];

/** Row objects from a frame or an array of records. */
export function rowsOf(x: Rows): Row[] {
  if (isDataFrame(x)) {
    const { columns, rows } = frameCells(x);
    return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as Record<string, Cell>);
  }
  return x as Row[];
}

/** Give a call the kernel's AbortSignal unless it brought its own. */
async function abortable<T>(req: { signal?: AbortSignal }, f: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (req.signal) return f(req.signal);
  const op = session.begin();
  try {
    return await f(op.signal);
  } finally {
    op.end();
  }
}

export type BenchArgs<T> = Partial<Omit<T, 'benchmarks'>> & { benchmarks: string[] };
function withDefaults<T extends object>(req: T): T & Omit<BenchRequest, 'benchmarks'> {
  const c = session.config;
  return { runtimes: c.runtimes, opt: c.opt, size: c.size, reps: c.reps, warmup: c.warmup, counters: c.counters, store: storePath(), ...req };
}

export const wl = {
  /** Run benchmarks; defaults come from %config. The stop button ends it, keeping the rows so far. */
  async bench(req: BenchArgs<BenchRequest>): Promise<RunRecord[]> {
    const core = await loadCore();
    return abortable(req, (signal) => core.bench({ ...withDefaults(req), signal }));
  },
  /** Like bench, with hardware counters (perf, or valgrind's simulation), one rep by default. */
  async profile(req: BenchArgs<BenchRequest>): Promise<RunRecord[]> {
    const core = await loadCore();
    // One rep unless asked: counting runs are slow (valgrind) and their counts barely vary.
    return abortable(req, (signal) => core.profile({ ...withDefaults({ reps: 1, ...req }), signal }));
  },
  /** Stream rows as they are measured. */
  async *sweep(req: BenchArgs<BenchRequest>): AsyncGenerator<RunRecord> {
    const core = await loadCore();
    const op = req.signal ? null : session.begin();
    try {
      yield* core.sweep({ ...withDefaults(req), signal: req.signal ?? op!.signal });
    } finally {
      op?.end();
    }
  },
  /** Compile and run a C/C++ source on the runtimes (what %%bench does). */
  async benchSource(source: string, req: Partial<Omit<BenchRequest, 'benchmarks'>> & { args?: string[]; language?: 'c' | 'c++' } = {}): Promise<RunRecord[]> {
    const core = await loadCore();
    return abortable(req, (signal) => core.benchSource(source, { ...withDefaults(req), signal }));
  },
  async runtimes() {
    return (await loadCore()).runtimes();
  },
  async suite(filter?: string) {
    return (await loadCore()).suite(filter);
  },
  async compile(req: Parameters<Awaited<ReturnType<typeof loadCore>>['compile']>[0]) {
    return (await loadCore()).compile(req);
  },

  /** Stored runs as a DataFrame: `wl.load({ where: "runtime = 'wasm3'" })`; the store of %config unless given. */
  async load(o: { store?: string; where?: string; sweep?: string } = {}): Promise<DataFrame> {
    const core = await loadCore();
    return toFrame(await core.load({ ...o, store: o.store ?? storePath() ?? undefined }), RECORD_COLUMNS);
  },
  /** An SQL query on the store as a DataFrame (BigInts as numbers). Tables: runs, sweeps, hosts. */
  async sql(query: string, o: { store?: string } = {}): Promise<DataFrame> {
    const core = await loadCore();
    const store = o.store ?? storePath();
    if (!store) throw new core.UsageError('no store (%config store=none): give one, wl.sql(q, { store: "x.duckdb" })');
    const r = await core.sql(store, query);
    return toFrame(r.rows, r.columns);
  },
  /** The sweeps of the store, one row each. */
  async sweeps(o: { store?: string } = {}): Promise<DataFrame> {
    const core = await loadCore();
    const r = await core.sweeps(o.store ?? storePath() ?? undefined);
    return toFrame(r.rows, r.columns);
  },
  /** Rows as a DataFrame; run records get the record's column order. */
  async frame(rows: readonly object[], columns?: readonly string[]): Promise<DataFrame> {
    const isRun = rows.length > 0 && RECORD_COLUMNS.every((c) => c in (rows[0] as object));
    return toFrame(rows, columns ?? (isRun ? RECORD_COLUMNS : undefined));
  },
  /** Display a frame (as a table), a figure (as a plot) or anything else (as text). */
  show(value: unknown, view?: FrameView): void {
    show(value, view);
  },
  /** Slowdown over native per benchmark and target (median of the reps), as a frame. */
  async slowdown(runs: Rows, o?: SlowdownOptions): Promise<DataFrame> {
    return toFrame(slowdown(rowsOf(runs), o));
  },
  plot: {
    /** Grouped bars of agg(y) (median by default) per x and color: `wl.plot.bar(df, {x: 'benchmark', y: 'kernel_s', color: 'runtime'})`. */
    bar(data: Rows, o: BarOptions): Figure {
      return bar(rowsOf(data), o);
    },
    /** Slowdown over native per benchmark, one bar per runtime:mode, log scale. */
    slowdown(runs: Rows, o?: SlowdownOptions): Figure {
      return slowdownFigure(rowsOf(runs), o);
    },
    /** A figure from raw plotly traces and layout. */
    figure(data: Record<string, unknown>[], layout: Record<string, unknown> = {}): Figure {
      return new Figure(data, layout);
    },
  },
  /** Session defaults (what %config shows and sets). */
  get config() {
    return session.config;
  },
  /** The magics' runtime (called by the code magic lines become). */
  magic,
};

export type Wl = typeof wl;
