/**
 * The wasmlab core as one small surface, shared by the CLI and the Jupyter kernel (where it is
 * the preloaded `wl` object). Everything here takes plain options and returns plain records;
 * fronts only parse their own syntax and render.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths.js';
import { COUNTER_CHOICES, COUNTER_SCOPES, TRACE_CHOICES, type CounterChoice, type CounterScopeChoice, type RunRecord, type CounterSource, type TraceChoice } from './record.js';
import { ManifestError, type Benchmark } from './suite/manifest.js';
import { filterBenchmarks, resolveBenchmarkList, UnknownBenchmarkError } from './suite/catalog.js';
import { prebuiltBenchmark, PrebuiltError, type PrebuiltSpec } from './suite/prebuilt.js';
import { ADAPTERS, detectMode, modeId, resolveTargets, UnknownRuntimeError } from './runtimes/registry.js';
import { buildBenchmark, BuildError, OPT_LEVELS, type ArtifactInfo } from './toolchain/build.js';
import { parseFeatures } from './toolchain/features.js';
import { adaptivePolicy, fixedPolicy, type RepPolicy } from './measure/policy.js';
import { runSweep, newSweepId, type SweepRequest } from './sweep/sweep.js';
import { describe, type SweepEvent } from './sweep/events.js';
import { Store } from './store/store.js';
import { planId } from './store/keys.js';
import { targetLabel } from './record.js';
import { collectSweepInfo, type SweepInfo } from './measure/provenance.js';
import { perfAvailability } from './measure/counters/perf.js';
import { flagOutliers } from './measure/flag.js';
import { companionSize, kernelScopeRows } from './measure/counters/scope.js';

export type { RunRecord } from './record.js';
export type { SweepEvent } from './sweep/events.js';
export { Store } from './store/store.js';
/** Runtime versions in the cache (src/runtimes/versions): install, and list what is installed. */
export { addResultLine, type AddResult } from './runtimes/versions/install.js';
import { addRuntimes as addVersions, type AddOptions } from './runtimes/versions/install.js';
/** Install runtime versions; each new one is smoke-tested by a sweep of gemm (see install.ts). */
export const addRuntimes = (specs: string[], o: AddOptions = {}) => addVersions(specs, o, bench);
export { runtimeVersions, type VersionRow } from './runtimes/versions/list.js';
export type { SweepInfo } from './measure/provenance.js';
/** SIMD128 support of each available wasm runtime mode, probed once per version (doctor's SIMD column). */
export { simdSupportTable, type SimdSupport } from './measure/simd-probe.js';

import { oneLine, UsageError } from './errors.js';
/** Bad user input. The message is one line that names the fix. */
export { UsageError } from './errors.js';

/** A %%bench cell (or a source file) did not compile; `diagnostics` is the compiler's output. */
export class CompileError extends Error {
  constructor(message: string, readonly diagnostics: string) {
    super(message);
  }
}

export interface BenchRequest {
  benchmarks: string[];
  runtimes: string[];
  opt?: string[];
  size?: string;
  /** Fixed repetitions (default 3), or "adaptive" with `ci`. */
  reps?: number | 'adaptive';
  /** Adaptive target: half-width of the median's 95% CI in percent (default 2). */
  ci?: number;
  minRuns?: number;
  maxRuns?: number;
  minTime?: number;
  warmup?: number;
  aot?: boolean;
  counters?: CounterChoice;
  /** `syscalls`: each measured run is also run under strace (a separate run; src/measure/counters/trace.ts). */
  trace?: TraceChoice;
  timeout?: number;
  /** Memory limit per run: bytes, or "512M", "2G" (see parseSize); a run over it is out-of-memory. */
  memLimit?: number | string;
  /** CPU list for taskset, e.g. "1". */
  pin?: string;
  signal?: AbortSignal;
  onRecord?: (r: RunRecord) => void;
  /** A results store (a DuckDB file): stored runs are reused, new ones kept as measured. */
  store?: string | Store | null;
  /** Measure again even what the store has (a new sweep; the old rows are kept, superseded). */
  fresh?: boolean;
  /** Seconds to wait for a store another process is writing (default 300). */
  storeWait?: number;
  onEvent?: (e: SweepEvent) => void;
  onSweep?: (info: SweepInfo) => void;
  /** The plan these runs belong to (a shard of `wasmlab plan`); default: the request's own. */
  planId?: string;
  /** One shard of a plan: only these reps (src/plan). */
  only?: SweepRequest['only'];
  /** Build and prepare, run nothing; each run that would be measured goes to onPlanned. */
  dryRun?: boolean;
  onPlanned?: SweepRequest['onPlanned'];
  /** A module built elsewhere, run instead of `benchmarks` (run --wasm). */
  wasm?: PrebuiltSpec;
  /** Build features (src/toolchain/features.ts), e.g. ["simd128"] for `--simd`; none: the plain (MVP) build. */
  features?: string[] | string;
}

export interface RuntimeRow {
  id: string;
  runtime: string;
  mode: string;
  description: string;
  available: boolean;
  version: string;
  path: string;
  aot: 'none' | 'optional' | 'always';
  reason: string;
  fix: string;
}

export interface BenchmarkInfo {
  id: string;
  group: string;
  category: string;
  language: string;
  description: string;
  origin: string;
  sizes: string[];
  check: string;
  inputs: string[];
  stdin: string;
  dir: string;
}

/** Turn the core's input errors into UsageError, so fronts print one line. */
function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    // One line even when a name someone typed holds line breaks.
    if (e instanceof UnknownBenchmarkError || e instanceof UnknownRuntimeError || e instanceof ManifestError || e instanceof PrebuiltError) throw new UsageError(oneLine(e.message));
    throw e;
  }
}

export async function runtimes(): Promise<RuntimeRow[]> {
  const rows: RuntimeRow[] = [];
  for (const a of ADAPTERS) {
    for (const m of a.modes) {
      const d = await detectMode(a, m.mode);
      rows.push({
        id: modeId(a, m.mode), runtime: a.name, mode: m.mode, description: m.description, available: d.available,
        version: d.version ?? '', path: d.path ?? '', aot: m.aot, reason: d.reason ?? '', fix: d.fix ?? '',
      });
    }
  }
  return rows;
}

export function suite(filter?: string): BenchmarkInfo[] {
  return asUsage(() => filterBenchmarks(filter)).map((b) => ({
    id: b.id, group: b.group, category: b.category, language: b.language, description: b.description,
    origin: b.origin, sizes: Object.keys(b.sizes), check: b.check, inputs: (b.inputs ?? []).map((i) => i.name),
    stdin: b.stdin ?? '', dir: b.dir,
  }));
}

function checkOpts(opts: string[]): string[] {
  for (const o of opts) if (!(OPT_LEVELS as readonly string[]).includes(o)) throw new UsageError(`unknown -O level "${o}" (use ${OPT_LEVELS.join(', ')})`);
  return opts;
}

/** "512M", "2G", "1048576", "64KiB" → bytes; a UsageError for anything else. */
export function parseSize(v: number | string, what = '--mem-limit'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(String(v));
  const bytes = m ? Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024 * 1024 || bytes > 2 ** 50) throw new UsageError(`${what} wants a size from 1M up, like 512M or 2G (got "${v}")`);
  return Math.floor(bytes);
}

/** More repetitions than this per target is a typo, not a study (adaptive stops at --max-runs). */
export const MAX_REPS = 10_000;

function policyOf(req: BenchRequest): RepPolicy {
  const warmup = req.warmup ?? 1;
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > MAX_REPS) throw new UsageError(`--warmup must be a whole number from 0 to ${MAX_REPS} (got ${warmup})`);
  if (req.reps !== 'adaptive') {
    const given = (['ci', 'minRuns', 'maxRuns'] as const).find((k) => req[k] !== undefined);
    if (given) throw new UsageError(`${given} only applies with reps "adaptive" (fixed reps run exactly that many)`);
  }
  if (req.reps === 'adaptive') {
    return adaptivePolicy(req.ci ?? 2, {
      warmup, ...(req.minRuns ? { minRuns: req.minRuns } : {}), ...(req.maxRuns ? { maxRuns: req.maxRuns } : {}),
      minTimeS: req.minTime ?? 0,
    });
  }
  const reps = req.reps ?? 3;
  if (!Number.isInteger(reps) || reps < 1 || reps > MAX_REPS) throw new UsageError(`--reps must be a whole number from 1 to ${MAX_REPS}, or "adaptive" (got ${reps})`);
  return { ...fixedPolicy(reps, warmup), minTimeS: req.minTime ?? 0, maxRuns: req.minTime ? Math.max(reps, 10_000) : reps };
}

async function countersOf(req: BenchRequest): Promise<CounterSource> {
  const c = req.counters ?? 'none';
  if (!(COUNTER_CHOICES as readonly string[]).includes(c)) throw new UsageError(`counters is ${COUNTER_CHOICES.join(', ')} (got "${String(c)}")`);
  if (c !== 'auto') return c;
  return (await perfAvailability()).ok ? 'perf' : 'valgrind';
}

/** The store a request names (a path or an open Store), or none. */
export function storeOf(req: Pick<BenchRequest, 'store' | 'storeWait' | 'onEvent'>): Store | null {
  if (!req.store) return null;
  if (req.store instanceof Store) return req.store;
  return new Store(req.store, { waitS: req.storeWait, onBusy: (holder) => req.onEvent?.({ kind: 'store-busy', holder }) });
}

async function* sweepOver(benchmarks: Benchmark[], req: BenchRequest): AsyncGenerator<RunRecord> {
  // The request's own mistakes first, before anything is looked up or started.
  const opts = checkOpts(req.opt ?? ['O2']);
  const features = parseFeatures(req.features);
  const policy = policyOf(req);
  const memLimitBytes = req.memLimit !== undefined ? parseSize(req.memLimit) : undefined;
  const skipped: { id: string; reason: string }[] = [];
  const targets = await resolveTargets(req.runtimes.length ? req.runtimes : ['all'], {
    aot: req.aot, onSkip: (id, reason) => skipped.push({ id, reason }),
  }).catch((e) => { throw e instanceof UnknownRuntimeError ? new UsageError(e.message) : e; });
  if (skipped.length) req.onEvent?.({ kind: 'skipped-targets', targets: skipped });
  if (!targets.length) throw new UsageError('no runtime to run: `wasmlab doctor` shows what is installed');
  const size = req.size ?? 'mini';
  if (!benchmarks.some((b) => b.sizes[size])) throw new UsageError(`no benchmark has size "${size}" (sizes: ${[...new Set(benchmarks.flatMap((b) => Object.keys(b.sizes)))].join(', ')})`);
  const sweepId = newSweepId();
  const counters = await countersOf(req);
  if (req.trace !== undefined && !(TRACE_CHOICES as readonly string[]).includes(req.trace)) throw new UsageError(`trace is ${TRACE_CHOICES.join(', ')} (got "${String(req.trace)}")`);
  const request = {
    benchmarks: benchmarks.map((b) => b.id), runtimes: req.runtimes, opt: opts, size, reps: req.reps ?? 3,
    ci: req.ci, aot: Boolean(req.aot), counters, ...(req.trace ? { trace: req.trace } : {}), pin: req.pin ?? null, timeout: req.timeout ?? null, fresh: Boolean(req.fresh),
    ...(memLimitBytes ? { mem_limit_bytes: memLimitBytes } : {}), ...(features.length ? { features } : {}),
  };
  const info = collectSweepInfo(sweepId, request);
  req.onSweep?.(info);
  const plan = req.planId ?? planId({ benchmarks: request.benchmarks, opts, size, targets: targets.map(targetLabel), policy, counters, ...(features.length ? { features } : {}), ...(req.trace ? { trace: req.trace } : {}) });
  const store = req.dryRun ? null : storeOf(req);
  store?.beginSweep({ sweep_id: sweepId, plan_id: plan, request, provenance: info, fresh: Boolean(req.fresh) });
  const tally = { reused: 0, measured: 0 };
  const onEvent = (e: SweepEvent) => {
    if (e.kind === 'progress') { tally.reused = e.reused; tally.measured = e.measured; }
    req.onEvent?.(e);
  };
  let status: 'done' | 'interrupted' | 'failed' = 'failed';
  try {
    yield* runSweep({
      benchmarks, targets, opts, features, size, policy, counters, trace: req.trace, timeoutS: req.timeout, pinCpus: req.pin, signal: req.signal, memLimitBytes,
      // No --reps: a benchmark's own default (an imported WABench entry's Iter) wins over 3.
      ...(req.reps === undefined && benchmarks.some((b) => b.reps) ? { benchPolicy: (b: Benchmark) => (b.reps ? policyOf({ ...req, reps: b.reps }) : policy) } : {}),
      sweepId, planId: plan, store: store ?? undefined, fresh: req.fresh, onEvent,
      only: req.only, dryRun: req.dryRun, onPlanned: req.onPlanned,
    });
    status = req.signal?.aborted ? 'interrupted' : 'done';
  } finally {
    if (req.signal?.aborted) status = 'interrupted';
    await store?.endSweep(status, tally);
  }
}

/** One line per event, for fronts that print notes (undefined for events that are only counted). */
export const describeEvent = describe;

async function* tapped(gen: AsyncIterable<RunRecord>, onRecord?: (r: RunRecord) => void): AsyncGenerator<RunRecord> {
  for await (const r of gen) {
    onRecord?.(r);
    yield r;
  }
}

/** Stream rows as they are measured. */
export async function* sweep(req: BenchRequest): AsyncGenerator<RunRecord> {
  const benchmarks = req.wasm ? [asUsage(() => prebuiltBenchmark(req.wasm!))] : asUsage(() => resolveBenchmarkList(req.benchmarks));
  if (!benchmarks.length) throw new UsageError('no benchmark given (e.g. -b gemm,crc32)');
  yield* tapped(sweepOver(benchmarks, req), req.onRecord);
}

async function collect(gen: AsyncIterable<RunRecord>): Promise<RunRecord[]> {
  const rows: RunRecord[] = [];
  for await (const r of gen) rows.push(r);
  return flagOutliers(rows);
}

/** Run and return every row (outliers flagged over whole groups). Resolves with the rows so far on abort. */
export async function bench(req: BenchRequest): Promise<RunRecord[]> {
  return collect(sweep(req));
}

export { COUNTER_SCOPES, type CounterScopeChoice } from './record.js';

/**
 * Like bench, with hardware counters (perf where it works, valgrind's simulation otherwise).
 * `scope` (default both): `process` rows as counted; `kernel` rows estimated from a second sweep
 * at the companion size (src/measure/counters/scope.ts), whose rows go to the store like any.
 */
export async function profile(req: BenchRequest & { scope?: CounterScopeChoice }): Promise<RunRecord[]> {
  const scope = req.scope ?? 'both';
  if (!(COUNTER_SCOPES as readonly string[]).includes(scope)) throw new UsageError(`--scope is ${COUNTER_SCOPES.join(', ')} (got "${String(scope)}")`);
  const base = { ...req, reps: req.reps ?? 1, counters: profileCounters(req.counters) };
  const rows = await bench(base);
  if (scope === 'process' || req.signal?.aborted) return rows;
  const size = req.size ?? 'mini';
  const benchmarks = req.wasm ? [] : asUsage(() => resolveBenchmarkList(req.benchmarks));
  const bySize = new Map<string, string[]>();
  for (const b of benchmarks) {
    const s2 = companionSize(size, Object.keys(b.sizes));
    if (s2) (bySize.get(s2) ?? bySize.set(s2, []).get(s2)!).push(b.dir);
  }
  const other: RunRecord[] = [];
  // Nothing was counted (perf without a PMU): a second sweep would count nothing either.
  if (!rows.some((r) => r.instructions !== null)) bySize.clear();
  for (const [s2, dirs] of bySize) {
    if (req.signal?.aborted) break;
    other.push(...await bench({ ...base, size: s2, benchmarks: dirs, onRecord: undefined, onSweep: undefined }));
  }
  const kernel = kernelScopeRows(rows, other);
  return scope === 'kernel' ? kernel : [...rows, ...kernel];
}

/** The counter source of a profile: the one asked for, or auto; "none" contradicts profiling. */
export function profileCounters(c: BenchRequest['counters']): Exclude<BenchRequest['counters'], 'none' | undefined> {
  if (c === 'none') throw new UsageError('profile measures counters: --counters none contradicts it (use run for no counters)');
  return c ?? 'auto';
}

/** An ad-hoc program (a %%bench cell): its source becomes a one-off benchmark. */
function adhocBenchmark(source: string, language: 'c' | 'c++', args: string[], size = 'mini'): Benchmark {
  const key = createHash('sha256').update(`${language}\n${source}`).digest('hex').slice(0, 12);
  const dir = join(cacheDir, 'adhoc', key);
  const file = `cell.${language === 'c++' ? 'cpp' : 'c'}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), source);
  return {
    id: `adhoc/${key}`, group: 'adhoc', category: 'adhoc', language, description: 'ad-hoc source',
    origin: 'user', sources: [file], ldflags: ['-lm'], sizes: { [size]: args }, check: 'stdout', dir,
  };
}

export async function compile(req: {
  benchmarks?: string[]; source?: string; language?: 'c' | 'c++'; opt?: string[]; targets?: ('native' | 'wasm')[];
  features?: string[] | string;
}): Promise<ArtifactInfo[]> {
  const features = parseFeatures(req.features);
  const benchmarks = req.source !== undefined
    ? [adhocBenchmark(req.source, req.language ?? 'c', [])]
    : asUsage(() => resolveBenchmarkList(req.benchmarks ?? []));
  if (!benchmarks.length) throw new UsageError('nothing to compile: name benchmarks or give a source');
  const out: ArtifactInfo[] = [];
  for (const b of benchmarks) {
    for (const opt of checkOpts(req.opt ?? ['O2'])) {
      for (const t of req.targets ?? ['native', 'wasm']) {
        try {
          out.push(await buildBenchmark(b, t, opt, features));
        } catch (e) {
          if (e instanceof BuildError) throw new CompileError(e.message, e.diagnostics);
          throw e;
        }
      }
    }
  }
  return out;
}

export async function benchSource(
  source: string, req: Omit<BenchRequest, 'benchmarks'> & { args?: string[]; language?: 'c' | 'c++' },
): Promise<RunRecord[]> {
  // A cell has no sizes of its own: its arguments are the run, labelled with the size asked for.
  const size = req.size ?? 'mini';
  const b = adhocBenchmark(source, req.language ?? 'c', req.args ?? [], size);
  // Compile first, for both targets, so a mistake in the cell is an error with the compiler's
  // lines (pointing into the cell) instead of rows of build failures.
  for (const t of ['native', 'wasm'] as const) {
    try {
      await buildBenchmark(b, t, (req.opt ?? ['O2'])[0]!, parseFeatures(req.features));
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      const diag = e.diagnostics.split(join(b.dir, '')).join('');
      throw new CompileError(`the cell does not compile (${t}): ${diag.split('\n').find((l) => /error/.test(l)) ?? e.message}`, diag);
    }
  }
  return collect(tapped(sweepOver([b], { ...req, benchmarks: [], size }), req.onRecord));
}

// ---- the results store

/** Store errors a person can act on (busy, bad SQL, a file of the wrong shape) as one-line UsageErrors. */
async function storeCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // DuckDB's own errors (a bad query): their first line says what is wrong.
    if (e instanceof Error && /^(Parser|Binder|Catalog|Conversion|Invalid Input|IO|Constraint) Error/.test(e.message)) {
      throw new UsageError(e.message.split('\n')[0]!);
    }
    throw e;
  }
}

function needStore(store: string | Store | null | undefined): Store {
  const s = storeOf({ store: store ?? process.env.WASMLAB_STORE });
  if (!s) throw new UsageError('no store: pass --store FILE (or set WASMLAB_STORE)');
  return s;
}

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
