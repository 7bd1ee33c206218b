/**
 * What every step of a sweep shares: the request, the sweep's identity and scratch folder, the
 * executor and its resident launcher, the progress counts and the event sink, the blank row the
 * steps fill and the spec of a run.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CounterSource, RunRecord, TraceChoice } from '../record.js';
import type { Command, Target } from '../runtimes/adapter.js';
import type { Benchmark } from '../suite/manifest.js';
import { countersToColumns } from '../measure/counters/derive.js';
import { NULL_SOFTWARE } from '../measure/counters/software.js';
import { NULL_TRACE } from '../measure/counters/trace.js';
import { hostFingerprint } from '../measure/host.js';
import { LaunchSession } from '../measure/launch.js';
import type { RepPolicy } from '../measure/policy.js';
import type { RunSpec } from '../measure/execute.js';
import type { RunDir } from '../measure/rundir.js';
import { featuresLabel } from '../toolchain/features.js';
import type { EventSink, SweepEvent } from './events.js';
import { realExecutor, type Executor } from './executor.js';

/** Where a sweep keeps its rows and finds rows measured before (src/store implements it). */
export interface RunStore {
  /** Rows already stored for these series keys (every rep), by series key. */
  lookup(series: readonly string[]): Promise<Map<string, RunRecord[]>>;
  /** Keep one row, durably, as soon as it is measured. */
  record(row: RunRecord): void;
}

export interface SweepRequest {
  benchmarks: Benchmark[];
  targets: Target[];
  opts: string[];
  /** The build's feature set, canonical (src/toolchain/features.ts parseFeatures); none: the plain build. */
  features?: string[];
  size: string;
  policy: RepPolicy;
  /**
   * A benchmark's own policy where it differs from `policy`: a manifest's default `reps` (WABench's
   * Iter) when the user gave none. Unset: `policy` for all.
   */
  benchPolicy?: (b: Benchmark) => RepPolicy;
  /** Already resolved: "auto" is decided by the caller. */
  counters: CounterSource;
  /** Trace each measured run in a second, separate run (src/measure/counters/trace.ts). */
  trace?: TraceChoice;
  timeoutS?: number;
  /** Each run's memory limit in bytes (RLIMIT_DATA); a run failing under it is out-of-memory. */
  memLimitBytes?: number;
  pinCpus?: string;
  signal?: AbortSignal;
  sweepId?: string;
  planId?: string;
  /** With a store, stored runs are reused and new ones recorded. */
  store?: RunStore;
  /** Measure everything again even when the store has it. */
  fresh?: boolean;
  /** Only these reps, by cellKey(benchmark, opt, target label) (src/plan): one shard of a plan. */
  only?: Map<string, number[]>;
  /** Build and prepare, run nothing: each run that would be measured goes to onPlanned. */
  dryRun?: boolean;
  onPlanned?: (run: { benchmark: string; size: string; opt: string; target: string; rep: number; run_key: string; runtime_version: string; artifact_sha256: string }) => void;
  onEvent?: EventSink;
  /** What builds and runs things; unset: the real compilers and runtimes (tests pass a fake). */
  executor?: Executor;
}

export function newSweepId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
}

const NULL_COUNTERS = countersToColumns({});

export class SweepContext {
  readonly sweepId: string;
  readonly planId: string;
  readonly dir: string;
  readonly host = hostname();
  readonly hostId = hostFingerprint().host_id;
  readonly exec: Executor;
  /** The resident launcher every run of the sweep goes through (started at the first run). */
  readonly session = new LaunchSession();
  /** Runs the policy promises (adaptive targets may add more), done so far, and how. */
  readonly progress = { done: 0, total: 0, reused: 0, measured: 0 };

  constructor(readonly req: SweepRequest) {
    this.sweepId = req.sweepId ?? newSweepId();
    this.planId = req.planId ?? '';
    this.exec = req.executor ?? realExecutor;
    this.dir = join(tmpdir(), `wasmlab-${this.sweepId}`);
    mkdirSync(this.dir, { recursive: true });
    this.progress.total = req.only
      ? [...req.only.values()].reduce((n, reps) => n + reps.length, 0)
      : req.benchmarks.reduce((n, b) => n + req.opts.length * req.targets.length * this.perTargetOf(b), 0);
  }

  /** The repetition policy of one benchmark. */
  policyOf(b: Benchmark): RepPolicy {
    return this.req.benchPolicy?.(b) ?? this.req.policy;
  }

  /** Runs promised per target of one benchmark: progress counts these. */
  perTargetOf(b: Benchmark): number {
    return Math.max(this.policyOf(b).minRuns, 1);
  }

  get aborted(): boolean {
    return Boolean(this.req.signal?.aborted);
  }

  emit(e: SweepEvent): void {
    this.req.onEvent?.(e);
  }

  tick(label: string): void {
    this.emit({ kind: 'progress', ...this.progress, label });
  }

  /** Count runs done: measured, reused from the store, or that will not happen (a target that failed before its reps). */
  count(how: 'measured' | 'reused' | 'skipped', runs: number, label: string): void {
    this.progress.done += runs;
    if (how !== 'skipped') this.progress[how] += runs;
    this.tick(label);
  }

  /** A row with identity + provenance and nothing measured; steps fill what they have. */
  row(b: Benchmark, opt: string, t: Target, over: Partial<RunRecord>): RunRecord {
    return {
      sweep_id: this.sweepId, benchmark: b.id, size: this.req.size, opt, runtime: t.runtime, mode: t.mode, aot: t.aot,
      features: featuresLabel(this.req.features ?? []), rep: 0,
      wall_s: null, user_s: null, sys_s: null, maxrss_kb: null, kernel_s: null, startup_s: null, aot_compile_s: null, compile_only_s: null,
      exit_code: null, signal: null, status: 'ok', reason: '', output_ok: null, outlier: null,
      counter_source: 'none', counter_note: '', ...NULL_COUNTERS, counter_scope: null, ...NULL_SOFTWARE, ...NULL_TRACE,
      runtime_version: '', compiler_version: '', cflags: '', argv: '', artifact_sha256: '', artifact_bytes: null, artifact_v128: null,
      timestamp: new Date().toISOString(), host: this.host, run_key: '', plan_id: this.planId, host_id: this.hostId, ...over,
    };
  }

  /** How to run `cmd` for benchmark `b`: its folder, output check, limits; `io` names its stdout/stderr files. */
  runSpec(b: Benchmark, runDir: RunDir, cmd: Command, io: string, perf = false): RunSpec {
    return {
      cmd, runDir, check: b.check, ...(b.check === 'none' && b.advisory_check ? { advisory: b.advisory_check } : {}),
      ioPrefix: join(this.dir, io), timeoutS: this.req.timeoutS ?? b.timeout_s ?? 600, perf,
      pinCpus: this.req.pinCpus, signal: this.req.signal, session: this.session, memLimitBytes: this.req.memLimitBytes,
    };
  }

  close(): void {
    this.session.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
