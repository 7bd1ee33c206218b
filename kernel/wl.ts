/**
 * `wl`, the object every cell of the wasmlab kernel sees: the core's operations as typed
 * functions (with the session defaults and the stop button wired in), frames, plots, and the
 * runtime half of the magics. The launcher sets it on globalThis and declares its type once, so
 * `wl.` completes in cells and `const df = await wl.bench({...})` type-checks.
 */
import { existsSync } from 'node:fs';
import type { DataFrame } from 'danfojs-node';
import { loadCore, type BenchRequest } from './core.js';
import { show, type FrameView } from './display.js';
import { session, storePath } from './session.js';
import { slurm, type SlurmSubmit } from './slurm.js';
import { aotVerdict, beyondSummary, fasterVerdict, ipcVerdict, memoryVerdict, missesVerdict, optVerdict, overallVerdict, overTimeSummary, ruleText, RULES, significantMembers, simdVerdict } from '../src/analysis/findings.js';
import { simdShare, type ShareOptions, type ShareRow } from '../src/analysis/simd-share.js';
import { onePerQuarter, versionChanges, versionPoints, type VersionFacts, type VersionPoint } from '../src/analysis/versions.js';
import { overTimeFigure } from '../src/plot/overtime.js';
import type { GeomeanRow } from '../src/analysis/geomeans.js';
import * as magic from './magics/run.js';
import { frameCells, isDataFrame, toFrame } from '../src/frame/frame.js';
import type { Cell } from '../src/frame/table.js';
import { bar, Figure, type BarOptions, type Row } from '../src/plot/figure.js';
import { slowdown, slowdownFigure, type SlowdownOptions } from '../src/plot/slowdown.js';
import { RECORD_COLUMNS, type RunRecord } from '../src/record.js';
import { summarize, type SummarizeOptions } from '../src/analysis/summarize.js';
import { compare, type CompareOptions } from '../src/analysis/compare.js';
import { geomeans } from '../src/analysis/geomeans.js';
import type { BootstrapOptions } from '../src/analysis/bootstrap.js';
import { counters } from '../src/analysis/counters.js';
import { pivot, ranking, type PivotOptions } from '../src/analysis/tables.js';
import { report, type Report, type ReportOptions } from '../src/analysis/report.js';
import { geomeanFigure } from '../src/plot/geomean.js';
import { ratioBarsFigure, tiersFigure } from '../src/plot/grouped.js';
import { oLevelsFigure, type OLevelsOptions } from '../src/plot/olevels.js';
import { heatmapFigure } from '../src/plot/heatmap.js';
import { repsFigure } from '../src/plot/reps.js';
import { ipcScatterFigure } from '../src/plot/scatter.js';
import { memoryFigure } from '../src/plot/memory.js';
import { syntheticRows, type SyntheticOptions } from '../src/analysis/synthetic.js';
import { rankIntervals, rankText, type RankIntervalOptions, type Ranking } from '../src/analysis/rank-interval.js';
import { rankFigure } from '../src/plot/ranks.js';
import { STUDY_FAMILIES, thenAndNow, thenAndNowVerdict, type Family, type FamilyChange, type ThenNowOptions } from '../src/analysis/then-now.js';
import { anatomyOf } from './anatomy.js';
import { replicate, replicationCells, type ReplicationOptions, type ReplicationRow } from '../src/analysis/replicate.js';
import { forestFigure } from '../src/plot/forest.js';

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

type HypothesisRequest = Parameters<Awaited<ReturnType<typeof loadCore>>['hypothesis']>[0];
/** A hypothesis request with the claim as one string ("wasm3 faster native") or its words. */
type HypothesisArgs = Omit<HypothesisRequest, 'claim'> & { claim: string | string[] };
function hypothesisRequest(req: HypothesisArgs): HypothesisRequest {
  const c = session.config;
  const claim = typeof req.claim === 'string' ? req.claim.trim().split(/\s+/) : req.claim;
  return { size: c.size, opt: c.opt.slice(0, 1), warmup: c.warmup, store: storePath(), ...req, claim };
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
  /** Runtime versions (what %runtime does): `await wl.runtime.add(['wasmtime@0.30.0', 'wazero@v1.9.0'])`, `await wl.runtime.list('wasmtime')`. */
  runtime: {
    async add(specs: string[], o: { jobs?: number; force?: boolean } = {}) {
      const core = await loadCore();
      // A line for what changed (installed, failed); reused versions are many and say nothing new.
      return core.addRuntimes(specs, { ...o, onResult: (r) => { if (r.outcome !== 'reused') process.stdout.write(`${core.addResultLine(r)}\n`); } });
    },
    async list(runtime?: string): Promise<VersionFacts[]> {
      return (await loadCore()).runtimeVersions(runtime);
    },
  },
  /** One runtime over its releases (notebook 10): which versions, their points, what changed between two. */
  timeline: {
    /** Installed working versions of `runtime` with `mode`, the newest of each quarter plus the oldest and newest. */
    async perQuarter(runtime: string, mode: string): Promise<string[]> {
      return onePerQuarter((await loadCore()).runtimeVersions(runtime), runtime, mode);
    },
    /** Each versioned target's geomean (a report's geomeans) with its release date. */
    async points(geomeans: readonly GeomeanRow[]): Promise<VersionPoint[]> {
      return versionPoints(geomeans, (await loadCore()).runtimeVersions());
    },
    /** Per benchmark, `newer`'s kernel time over `older`'s with its 95% CI, biggest gain first. */
    async changes(runs: Rows, older: string, newer: string): Promise<DataFrame> {
      return toFrame(versionChanges(compare(rowsOf(runs), { baseline: older }).rows, newer));
    },
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
  /** Per group (benchmark, size, opt, target, version, host): median, mean, sd, min, n, the median's 95% CI, failed runs. */
  async summarize(runs: Rows, o?: SummarizeOptions): Promise<DataFrame> {
    return toFrame(summarize(rowsOf(runs), o));
  },
  /** Per-benchmark ratios over a baseline ('native', 'wasmer:cranelift', {sameTarget: 'no-aot'|'O0'}, {version}) with 95% CIs. */
  async compare(runs: Rows, o?: CompareOptions): Promise<DataFrame> {
    return toFrame(compare(rowsOf(runs), o).rows);
  },
  /** Geomean ratio per target with its bootstrap 95% CI, Wilcoxon p and the verdict sentence. */
  async geomeans(runs: Rows, o?: CompareOptions & BootstrapOptions): Promise<DataFrame> {
    return toFrame(geomeans(rowsOf(runs), o));
  },
  /** IPC, miss ratios, misses normalized to the baseline, MRSS ratio (with the counter scope). */
  async counters(runs: Rows, o?: CompareOptions): Promise<DataFrame> {
    return toFrame(counters(rowsOf(runs), o));
  },
  /** A pivot of any column: benchmarks × targets by default. */
  async pivot(runs: Rows, o: PivotOptions): Promise<DataFrame> {
    const p = pivot(rowsOf(runs), o);
    return toFrame(p.rows, p.columns);
  },
  /** Targets ranked by geomean ratio over the baseline. */
  async ranking(runs: Rows, o?: CompareOptions & BootstrapOptions): Promise<DataFrame> {
    return toFrame(ranking(geomeans(rowsOf(runs), o)));
  },
  /**
   * Each target's rank by geomean ratio over the baseline, with a bootstrap interval of the rank
   * over benchmarks (resampled jointly for all targets, on the benchmarks every target has).
   */
  ranks(runs: Rows, o?: RankIntervalOptions): Ranking & { table: Record<string, unknown>[] } {
    const r = rankIntervals(rowsOf(runs), o);
    return { ...r, table: r.rows.map((x) => ({ rank: rankText(x), target: x.subject, geomean: x.geomean, p_first: x.p_first, benchmarks: x.benchmarks })) };
  },
  /** The study-era build and today's release of each engine and tier (finding 11's pairs; a copy to edit). */
  get studyFamilies(): Family[] {
    return STUDY_FAMILIES.map((f) => ({ ...f }));
  },
  /** Per runtime family, today's release against the study-era build, paired per benchmark, Holm over the families (notebook 11). */
  thenAndNow(runs: Rows, families: readonly Family[], o?: ThenNowOptions): FamilyChange[] {
    return thenAndNow(rowsOf(runs), families, o);
  },
  /** Per runtime, the share of native's vector gain its SIMD build keeps, with a paired-bootstrap 95% CI (MVP, simd128 and native novec rows; docs/simd.md). */
  simdShare(runs: Rows, o?: ShareOptions): ShareRow[] {
    return simdShare(rowsOf(runs), o);
  },
  /** Synthetic run rows with known ratios (seeded): for trying the analysis and figures without a sweep. */
  synthetic(o?: SyntheticOptions): Row[] {
    return syntheticRows(o);
  },
  /** What `wasmlab report` prints, as an object (geomeans with verdicts, ratios, missing, excluded). */
  report(runs: Rows, o?: ReportOptions): Report {
    return report(rowsOf(runs), o);
  },
  /**
   * Seconds a request is expected to take, from the store's history where it has the runs, else
   * native times × typical slowdowns (src/plan/estimate.ts). Builds what it needs; runs nothing.
   */
  async estimate(req: BenchArgs<BenchRequest>): Promise<number> {
    const { makePlan } = await import('../src/plan/make.js');
    const store = storePath();
    const plan = await makePlan({ ...withDefaults(req), ...req, store: null }, { shards: 1, history: store && existsSync(store) ? store : undefined });
    return plan.shard_est_s[0] ?? 0;
  },
  /**
   * A claim's plan alone (what %hypothesis --dry-run prints; nothing is launched): benchmarks, reps,
   * power, variance components and estimated time. `await wl.power({ claim: 'wasm3 faster native', benchmarks: ['gemm'], power: 0.9 })`.
   */
  async power(req: Omit<HypothesisArgs, 'dryRun'>) {
    const core = await loadCore();
    const out = await core.planHypothesis(hypothesisRequest(req));
    return { line: out.line, ...out.plan! };
  },
  /** Plan, measure and decide a claim (what %hypothesis does): the outcome, with the verdict line and per-benchmark ratios. */
  async hypothesis(req: HypothesisArgs) {
    const core = await loadCore();
    return abortable(req, (signal) => core.hypothesis({ ...hypothesisRequest(req), signal }));
  },
  /**
   * Does B replicate A? (what `wasmlab diff` computes): per target the ratio of ratios to the
   * baseline with its 95% CI and replicated / differs / inconclusive. A and B are stores (paths)
   * or runs (frames, arrays): `await wl.diff('laptop.duckdb', 'cluster.duckdb')`; draw it with wl.plot.forest.
   */
  async diff(a: string | Rows, b: string | Rows, o?: ReplicationOptions): Promise<DataFrame> {
    const core = await loadCore();
    const side = async (x: string | Rows) => (typeof x === 'string' ? (await core.load({ store: x })) as unknown as Row[] : rowsOf(x));
    const [ra, rb] = [await side(a), await side(b)];
    if (!ra.length || !rb.length) throw new core.UsageError(`side ${!ra.length ? 'A' : 'B'} of wl.diff has no runs`);
    return toFrame(replicationCells(replicate(ra as never, rb as never, o)));
  },
  /** Start-up and memory anatomy (notebook 13): `const a = wl.anatomy(runs)`; a.fits, a.floors, a.split, a.shares, a.plot.*, a.verdicts(). */
  anatomy: (runs: Rows, o: { x?: 'code_bytes' | 'bytes' | 'functions'; y?: 'startup_s' | 'compile_only_s' | 'aot_compile_s'; traced?: Rows } = {}) =>
    anatomyOf(rowsOf(runs), { ...o, traced: o.traced ? rowsOf(o.traced) : undefined }),
  /** The study's verdicts, computed from a report's geomeans or the runs (src/analysis/findings.ts, rules declared in its RULES). */
  finding: {
    overall: (geomeans: readonly GeomeanRow[], runtimes: readonly string[]) => overallVerdict(geomeans, runtimes),
    faster: (geomeans: readonly GeomeanRow[], subjects: readonly string[], baseline: string) => fasterVerdict(geomeans, subjects, baseline),
    aot: (geomeans: readonly GeomeanRow[], big: string, others: readonly string[]) => aotVerdict(geomeans, big, others),
    opt: (geomeans: readonly GeomeanRow[], targets: readonly string[], levels: readonly string[]) => optVerdict(geomeans, targets, levels),
    memory: (geomeans: readonly GeomeanRow[], runtimes: readonly string[]) => memoryVerdict(geomeans, runtimes),
    ipc: (runs: Rows, runtimes: readonly string[]) => ipcVerdict(rowsOf(runs), runtimes),
    beyond: (r: Report) => beyondSummary(r.geomeans, r.comparisons),
    misses: (runs: Rows, runtimes: readonly string[], kind: 'branch' | 'cache') => missesVerdict(rowsOf(runs), runtimes, kind),
    overTime: (points: readonly VersionPoint[], runs?: Rows) => overTimeSummary(points, runs === undefined ? undefined : rowsOf(runs)),
    thenAndNow: (changes: readonly FamilyChange[]) => thenAndNowVerdict(changes),
    /** Notebook 12: SIMD faster than MVP on every runtime that runs it; who keeps at least half of native's vector gain (MVP, simd128 and native novec rows). */
    simd: (runs: Rows) => simdVerdict(rowsOf(runs)),
    /** A finding's decision rule as one line. */
    rule: (finding: number | string) => ruleText(finding),
    /** Every finding's decision rule (claim, metric, scope, baseline, rule, margin): `await wl.frame(wl.finding.rules())`. */
    rules: () => RULES,
    /** "k of n significantly slower: A, B" over a report's geomeans, by Holm-adjusted p. */
    significant: (geomeans: readonly GeomeanRow[]) => significantMembers(geomeans),
  },
  /** The sweep on a Slurm cluster: wl.slurm.submit({...request, shards}), .status(job), .collect(job). */
  slurm: {
    submit: (req: BenchArgs<BenchRequest> & SlurmSubmit) => slurm.submit({ ...withDefaults(req), ...req, store: null }),
    status: slurm.status,
    collect: slurm.collect,
  },
  plot: {
    /** One runtime over its releases: each version's geomean against native by release date, with CIs (points from wl.timeline.points);
     *  `{by: 'version'}` orders by version on a category axis (Node's majors, whose npm dates are not release order). */
    overTime(points: readonly VersionPoint[], o?: { baseline?: string; title?: string; by?: 'released' | 'version' }): Figure {
      return overTimeFigure(points, o);
    },
    /** Grouped bars of agg(y) (median by default) per x and color: `wl.plot.bar(df, {x: 'benchmark', y: 'kernel_s', color: 'runtime'})`. */
    bar(data: Rows, o: BarOptions): Figure {
      return bar(rowsOf(data), o);
    },
    /** Slowdown over native per benchmark, one bar per runtime:mode, log scale. */
    slowdown(runs: Rows, o?: SlowdownOptions): Figure {
      return slowdownFigure(rowsOf(runs), o);
    },
    /** Geomean ratio per target with bootstrap 95% CI error bars (log axis). */
    geomean(runs: Rows, o?: CompareOptions & BootstrapOptions & { title?: string }): Figure {
      return geomeanFigure(geomeans(rowsOf(runs), o), o);
    },
    /** Per-benchmark ratios over a baseline, one bar per target, 95% CI error bars. */
    ratios(runs: Rows, o?: CompareOptions & { title?: string }): Figure {
      return ratioBarsFigure(compare(rowsOf(runs), o).rows, { title: o?.title, metric: o?.metric });
    },
    /** Grouped bars: geomean per runtime, one series per tier (JIT tiers, +aot). */
    tiers(runs: Rows, o?: CompareOptions & BootstrapOptions & { title?: string }): Figure {
      return tiersFigure(geomeans(rowsOf(runs), o), o);
    },
    /** Lines over -O levels, relative to the same target at O0. */
    olevels(runs: Rows, o?: OLevelsOptions): Figure {
      return oLevelsFigure(rowsOf(runs), o);
    },
    /** Heatmap of benchmark × target ratios on a log colour scale. */
    heatmap(runs: Rows, o?: CompareOptions & { title?: string }): Figure {
      return heatmapFigure(compare(rowsOf(runs), o).rows, { title: o?.title, metric: o?.metric });
    },
    /** Box and points of every rep, per benchmark and target. */
    reps(runs: Rows, o?: { metric?: string; title?: string }): Figure {
      return repsFigure(rowsOf(runs), o);
    },
    /** Scatter of IPC against the time ratio over the baseline. */
    ipc(runs: Rows, o?: Parameters<typeof ipcScatterFigure>[1]): Figure {
      return ipcScatterFigure(rowsOf(runs), o);
    },
    /** Peak memory (MRSS) bars; `ratio: true` for the ratio over the baseline. */
    memory(runs: Rows, o?: Parameters<typeof memoryFigure>[1]): Figure {
      return memoryFigure(rowsOf(runs), o);
    },
    /** Rank intervals of wl.ranks: a dot per target at its rank, a bar over its 95% rank interval. */
    ranks(r: Ranking, o?: { title?: string }): Figure {
      return rankFigure(r, o);
    },
    /** Forest plot of wl.diff's (or %repro's) rows: ratio of ratios with 95% CIs over the ±margin band, coloured by decision. */
    forest(rows: Rows, o?: { title?: string }): Figure {
      return forestFigure(rowsOf(rows) as unknown as ReplicationRow[], o);
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
