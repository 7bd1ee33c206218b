/**
 * A sweep as the fronts ask for it (a BenchRequest: names, options, callbacks) → runSweep's
 * SweepRequest, with what belongs around a sweep: the request's checks (src/options/validate.ts)
 * before anything starts, the targets and benchmarks looked up, provenance, the plan id, and the
 * store's begin/end of the sweep. Also profile (a second sweep at the companion size for
 * kernel-scope counters) and benchSource (a %%bench cell).
 */
import { join } from 'node:path';
import { CompileError, oneLine, UsageError } from '../errors.js';
import { TRACE_CHOICES, targetLabel, type CounterScopeChoice, type CounterSource, type RunRecord } from '../record.js';
import { ManifestError, type Benchmark } from '../suite/manifest.js';
import { resolveBenchmarkList, UnknownBenchmarkError } from '../suite/catalog.js';
import { prebuiltBenchmark, PrebuiltError, type PrebuiltSpec } from '../suite/prebuilt.js';
import { adhocBenchmark } from '../suite/adhoc.js';
import { resolveTargets, UnknownRuntimeError } from '../runtimes/registry.js';
import { buildBenchmark, BuildError } from '../toolchain/build.js';
import { parseFeatures } from '../toolchain/features.js';
import { collectSweepInfo, type SweepInfo } from '../measure/provenance.js';
import { perfAvailability } from '../measure/counters/perf.js';
import { flagOutliers } from '../measure/flag.js';
import { companionSize, kernelScopeRows } from '../measure/counters/scope.js';
import { Store } from '../store/store.js';
import { planId } from '../store/keys.js';
import { storeOf } from '../store/open.js';
import { checkCounters, checkOpts, checkScope, parseSize, policyOf, profileCounters } from '../options/validate.js';
import type { SweepOptions } from '../options/table.js';
import { runSweep, newSweepId, type SweepRequest } from './sweep.js';
import type { SweepEvent } from './events.js';

export interface BenchRequest extends Omit<SweepOptions, 'store' | 'wasm' | 'scope'> {
  signal?: AbortSignal;
  onRecord?: (r: RunRecord) => void;
  /** A results store (a DuckDB file, or an open Store): stored runs are reused, new ones kept as measured. */
  store?: string | Store | null;
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
}

/** Turn the core's input errors into UsageError, so fronts print one line. */
export function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    // One line even when a name someone typed holds line breaks.
    if (e instanceof UnknownBenchmarkError || e instanceof UnknownRuntimeError || e instanceof ManifestError || e instanceof PrebuiltError) throw new UsageError(oneLine(e.message));
    throw e;
  }
}

async function countersOf(req: BenchRequest): Promise<CounterSource> {
  const c = checkCounters(req.counters);
  if (c !== 'auto') return c;
  return (await perfAvailability()).ok ? 'perf' : 'valgrind';
}

async function* sweepOver(benchmarks: Benchmark[], req: BenchRequest): AsyncGenerator<RunRecord> {
  // The request's own mistakes first, before anything is looked up or started.
  const opts = checkOpts(req.opt);
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
  if (req.trace !== undefined && !(TRACE_CHOICES as readonly string[]).includes(req.trace)) throw new UsageError(`--trace is ${TRACE_CHOICES.join(', ')} (got "${String(req.trace)}")`);
  const request = {
    benchmarks: benchmarks.map((b) => b.id), runtimes: req.runtimes, opt: opts, size, reps: req.reps ?? 3,
    ci: req.ci, aot: Boolean(req.aot), counters, ...(req.trace ? { trace: req.trace } : {}), pin: req.pin ?? null, timeout: req.timeout ?? null, fresh: Boolean(req.fresh),
    ...(memLimitBytes ? { mem_limit_bytes: memLimitBytes } : {}), ...(features.length ? { features } : {}),
  };
  const info = collectSweepInfo(sweepId, request);
  req.onSweep?.(info);
  const plan = req.planId ?? planId({ benchmarks: request.benchmarks, opts, size, targets: targets.map(targetLabel), policy, counters, ...(features.length ? { features } : {}), ...(req.trace ? { trace: req.trace } : {}) });
  const store = req.dryRun ? null : storeOf({ ...req, onBusy: (holder) => req.onEvent?.({ kind: 'store-busy', holder }) });
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

/**
 * Like bench, with hardware counters (perf where it works, valgrind's simulation otherwise).
 * `scope` (default both): `process` rows as counted; `kernel` rows estimated from a second sweep
 * at the companion size (src/measure/counters/scope.ts), whose rows go to the store like any.
 */
export async function profile(req: BenchRequest & { scope?: CounterScopeChoice }): Promise<RunRecord[]> {
  const scope = checkScope(req.scope);
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

/** A C/C++ source (a %%bench cell) compiled for native and wasm and run on the runtimes. */
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
