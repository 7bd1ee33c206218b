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
  | 'crashed' // killed by a signal (trap, segfault…)
  | 'timeout' // killed by wasmlab after the time limit
  | 'build-failed' // the program did not compile for this target
  | 'aot-failed' // the ahead-of-time compile step failed
  | 'unavailable' // the runtime or mode is not installed here
  | 'launch-failed' // the process could not be started
  | 'cancelled'; // the sweep was interrupted before this run finished

export type CounterSource = 'perf' | 'valgrind' | 'none';

export const COUNTER_COLUMNS = [
  'cycles',
  'instructions',
  'branches',
  'branch_misses',
  'cache_references',
  'cache_misses',
] as const;
export type CounterName = (typeof COUNTER_COLUMNS)[number];

export interface RunRecord {
  // identity
  sweep_id: string;
  benchmark: string;
  size: string;
  opt: string; // "O0".."O3", "Os"
  runtime: string; // "wasmtime"
  mode: string; // "cranelift"
  aot: boolean;
  rep: number; // 0-based among measured reps; warm-ups are not recorded as reps
  // time (seconds) and memory
  wall_s: number | null; // process wall time, measured by the native launcher around the child
  user_s: number | null;
  sys_s: number | null;
  maxrss_kb: number | null; // the child's peak resident set (wait4 rusage)
  kernel_s: number | null; // the program's own timed region (stderr "@wasmlab kernel_ns=")
  startup_s: number | null; // wall_s - kernel_s: start-up, compile, instantiation, teardown
  aot_compile_s: number | null; // the AOT step's wall time (same for every rep of a target)
  // JIT rows of modes that have an AOT compiler: the same compiler compiling the module alone
  // (no instantiation, no run), so JIT compile cost can be told apart from start-up.
  jit_compile_s: number | null;
  // outcome
  exit_code: number | null;
  signal: string | null;
  status: RunStatus;
  reason: string;
  output_ok: boolean | null;
  outlier: boolean; // flagged by modified z-score within its (benchmark,size,opt,target) group
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
  // provenance
  runtime_version: string;
  compiler_version: string;
  cflags: string;
  argv: string; // JSON array of the exact argv run
  artifact_sha256: string;
  artifact_bytes: number | null;
  timestamp: string; // ISO 8601, start of the run
  host: string;
}

/** Column order for CSV/table output: exactly the keys of RunRecord, in declaration order. */
export const RECORD_COLUMNS: readonly (keyof RunRecord)[] = [
  'sweep_id', 'benchmark', 'size', 'opt', 'runtime', 'mode', 'aot', 'rep',
  'wall_s', 'user_s', 'sys_s', 'maxrss_kb', 'kernel_s', 'startup_s', 'aot_compile_s', 'jit_compile_s',
  'exit_code', 'signal', 'status', 'reason', 'output_ok', 'outlier',
  'counter_source', 'counter_note', ...COUNTER_COLUMNS, 'ipc', 'branch_miss_ratio', 'cache_miss_ratio',
  'runtime_version', 'compiler_version', 'cflags', 'argv', 'artifact_sha256', 'artifact_bytes',
  'timestamp', 'host',
];

/** How people name a target: "native", "wasmtime:cranelift", "wasmer:llvm+aot", "wamr:aot". */
export function targetLabel(r: { runtime?: unknown; mode?: unknown; aot?: unknown }): string {
  const base = r.mode === 'default' ? String(r.runtime) : `${String(r.runtime)}:${String(r.mode)}`;
  return r.aot === true && r.mode !== 'aot' ? `${base}+aot` : base;
}
