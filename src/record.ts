/**
 * RunRecord: the one record type of wasmlab. One row per measured (or failed) run, in a tidy
 * wide format: identity columns, measurements, outcome, counters, provenance. The CLI prints
 * it, the kernel turns it into DataFrames, the store (later) persists it, analysis reads it.
 * Every measurement column is nullable: a failed run still has a row, with `status` and
 * `reason` saying why, and null where nothing was measured — never a made-up number.
 */

/** Outcome of one run. Anything but "ok" comes with a `reason`. */
export type RunStatus =
  | 'ok'
  | 'wrong-output' // ran and exited 0, but its output differs from native's
  | 'nonzero-exit' // exited with a non-zero code
  | 'crashed' // killed by a signal (segfault…), or a trap the runtime reported
  | 'timeout' // killed by wasmlab after the time limit
  | 'out-of-memory' // failed under --mem-limit, out of memory
  | 'build-failed' // the program did not compile for this target
  | 'aot-failed' // the ahead-of-time compile step failed
  | 'unavailable' // the runtime or mode is not installed here
  | 'unsupported' // the runtime mode failed the probe of a feature the build needs (SIMD): not run
  | 'launch-failed' // the process could not be started
  | 'cancelled'; // the sweep was interrupted before this run finished

/**
 * Stored rows with these statuses are measured again rather than reused: they say something
 * about that attempt (the launcher failed, the time limit was too short), not about the program.
 */
export const REMEASURED_STATUSES: readonly RunStatus[] = ['launch-failed', 'cancelled', 'timeout'];

export type CounterSource = 'perf' | 'valgrind' | 'none';

/** What `--counters` accepts: a source, or "auto" (perf where it works, else valgrind). The one list. */
export const COUNTER_CHOICES = ['none', 'auto', 'perf', 'valgrind'] as const;
export type CounterChoice = (typeof COUNTER_CHOICES)[number];

/**
 * What the counts cover: `process` — the whole process (start-up, compilation, the kernel,
 * teardown), as perf and cachegrind count a run; `kernel` — the program's timed region alone.
 */
export type CounterScope = 'process' | 'kernel';

/** What `profile --scope` accepts: one scope's rows, or both (the default). */
export const COUNTER_SCOPES = ['process', 'kernel', 'both'] as const;
export type CounterScopeChoice = (typeof COUNTER_SCOPES)[number];

export const COUNTER_COLUMNS = [
  'cycles',
  'instructions',
  'branches',
  'branch_misses',
  'cache_references',
  'cache_misses',
] as const;
export type CounterName = (typeof COUNTER_COLUMNS)[number];

/**
 * The kernel's software events, counted by the launcher for every measured run (no PMU needed):
 * whole process, from its exec to its exit, kernel-side work included.
 */
export const SOFTWARE_COLUMNS = ['page_faults', 'major_faults', 'context_switches', 'cpu_migrations'] as const;
export type SoftwareCounterName = (typeof SOFTWARE_COLUMNS)[number];

/** What `--trace` accepts. */
export const TRACE_CHOICES = ['syscalls'] as const;
export type TraceChoice = (typeof TRACE_CHOICES)[number];

export interface RunRecord {
  // identity
  sweep_id: string;
  benchmark: string;
  size: string;
  opt: string; // "O0".."O3", "Os"
  runtime: string; // "wasmtime"
  mode: string; // "cranelift"
  aot: boolean;
  // the build's feature set (src/toolchain/features.ts): "" for the plain (MVP) build, "simd128", "novec", or
  // several joined by "," in sorted order. Part of the run key: rows of two feature sets never stand in for each other.
  features: string;
  rep: number; // 0-based among measured reps; warm-ups are not recorded as reps
  // time (seconds) and memory
  wall_s: number | null; // process wall time, measured by the native launcher around the child
  user_s: number | null;
  sys_s: number | null;
  maxrss_kb: number | null; // the child's peak resident set (wait4 rusage)
  kernel_s: number | null; // the program's own timed region (stderr "@wasmlab kernel_ns=")
  startup_s: number | null; // wall_s - kernel_s: start-up, compile, instantiation, teardown
  aot_compile_s: number | null; // the AOT step's wall time (same for every rep of a target)
  // JIT rows of modes that have an AOT compiler: the wall time of a separate process running that
  // compiler on the module alone (no instantiation, no run; cached, so the same on every rep).
  // Not the JIT's cost inside a run: that is startup_s(JIT) − startup_s(AOT) of the same rep.
  compile_only_s: number | null;
  // outcome
  exit_code: number | null;
  signal: string | null;
  status: RunStatus;
  reason: string;
  output_ok: boolean | null;
  // Flagged by modified z-score within its (benchmark,size,opt,target) group; null where not
  // evaluated (fewer than 5 ok runs in the group, or rows as stored: flags are computed on read).
  outlier: boolean | null;
  // hardware counters (or simulated by valgrind); null when not measured or not available
  counter_source: CounterSource;
  counter_note: string;
  cycles: number | null;
  instructions: number | null;
  branches: number | null;
  branch_misses: number | null;
  cache_references: number | null;
  cache_misses: number | null;
  ipc: number | null;
  branch_miss_ratio: number | null;
  cache_miss_ratio: number | null;
  counter_scope: CounterScope | null; // null when no counters were asked for
  // software events of the measured run (launcher, perf_event_open); null where the kernel refused (counter_note says why)
  page_faults: number | null; // minor + major
  major_faults: number | null; // faults that had to read from disk
  context_switches: number | null; // voluntary + involuntary, all threads
  cpu_migrations: number | null;
  // system and host calls, from a separate traced run of the same command (`--trace syscalls`; it
  // never feeds the timing columns): '' / null when not traced; trace_note says why a count is missing
  trace_source: string; // '' (not traced) or the tracer, e.g. "strace"
  trace_note: string;
  syscalls: number | null; // system calls of the whole process tree
  syscall_s: number | null; // time spent in them, as the tracer measures it
  top_syscalls: string; // JSON [[name, count, seconds], …], most time first; '' when not traced
  wasi_calls: number | null; // WASI host calls, where the runtime can report them (null otherwise, never a 0)
  top_wasi_calls: string; // JSON [[name, count], …], most calls first; '' when not counted
  // provenance
  runtime_version: string;
  compiler_version: string;
  cflags: string;
  argv: string; // JSON array of the exact argv run
  artifact_sha256: string;
  artifact_bytes: number | null;
  // v128 (SIMD) instructions in the wasm module run (src/toolchain/v128-scan.ts); null for native or not known.
  // A SIMD build with 0 was not vectorized: its rows say nothing about SIMD speed.
  artifact_v128: number | null;
  timestamp: string; // ISO 8601, start of the run
  host: string;
  // identity of the measurement (src/store/keys.ts): what "measure once" compares
  run_key: string; // hash of benchmark, size, opt, target, versions, artifact, argv, counters, host_id, rep
  plan_id: string; // hash of the request's plan (benchmarks × opts × targets × policy)
  host_id: string; // fingerprint of CPU model, cores, memory, kernel and OS
}

/** Column types, as the store and the file formats keep them. */
export type ColumnType = 'text' | 'real' | 'int' | 'bool';

/**
 * Every column of RunRecord in declaration order, with its type: the one definition that CSV,
 * tables, frames, the store's schema and imports all follow.
 */
export const RECORD_SCHEMA: readonly (readonly [keyof RunRecord, ColumnType])[] = [
  ['sweep_id', 'text'], ['benchmark', 'text'], ['size', 'text'], ['opt', 'text'], ['runtime', 'text'], ['mode', 'text'],
  ['aot', 'bool'], ['features', 'text'], ['rep', 'int'],
  ['wall_s', 'real'], ['user_s', 'real'], ['sys_s', 'real'], ['maxrss_kb', 'real'], ['kernel_s', 'real'], ['startup_s', 'real'],
  ['aot_compile_s', 'real'], ['compile_only_s', 'real'],
  ['exit_code', 'int'], ['signal', 'text'], ['status', 'text'], ['reason', 'text'], ['output_ok', 'bool'], ['outlier', 'bool'],
  ['counter_source', 'text'], ['counter_note', 'text'], ...COUNTER_COLUMNS.map((c) => [c, 'real'] as const),
  ['ipc', 'real'], ['branch_miss_ratio', 'real'], ['cache_miss_ratio', 'real'], ['counter_scope', 'text'],
  ...SOFTWARE_COLUMNS.map((c) => [c, 'real'] as const),
  ['trace_source', 'text'], ['trace_note', 'text'], ['syscalls', 'real'], ['syscall_s', 'real'], ['top_syscalls', 'text'],
  ['wasi_calls', 'real'], ['top_wasi_calls', 'text'],
  ['runtime_version', 'text'], ['compiler_version', 'text'], ['cflags', 'text'], ['argv', 'text'], ['artifact_sha256', 'text'],
  ['artifact_bytes', 'real'], ['artifact_v128', 'int'], ['timestamp', 'text'], ['host', 'text'],
  ['run_key', 'text'], ['plan_id', 'text'], ['host_id', 'text'],
];

/**
 * Columns added after stores and files were first written, with the value their old rows mean:
 * a store's migration fills them in, an import of an older file without them gets them (null: empty).
 */
export const ADDED_COLUMNS: Partial<Record<keyof RunRecord, string | null>> = {
  features: '',
  ...Object.fromEntries(SOFTWARE_COLUMNS.map((c) => [c, null])),
  trace_source: '', trace_note: '', syscalls: null, syscall_s: null, top_syscalls: '', wasi_calls: null, top_wasi_calls: '',
};

/** Column order for CSV/table output: exactly the keys of RunRecord, in declaration order. */
export const RECORD_COLUMNS: readonly (keyof RunRecord)[] = RECORD_SCHEMA.map(([c]) => c);

/** How people name a target: "native", "wasmtime:cranelift", "wasmer:llvm+aot", "wamr:aot". */
export function targetLabel(r: { runtime?: unknown; mode?: unknown; aot?: unknown }): string {
  const base = r.mode === 'default' ? String(r.runtime) : `${String(r.runtime)}:${String(r.mode)}`;
  return r.aot === true && r.mode !== 'aot' ? `${base}+aot` : base;
}
