/**
 * The sweep options, declared once: the CLI's `run`/`profile`/`plan` flags (src/cli/args.ts), the
 * `%bench`/`%profile`/`%%bench` magic flags (kernel/magics/table.ts), `wasmlab run --help`,
 * `%bench?` and the kernel's tab completion are all generated from SWEEP_OPTIONS, and values are
 * converted and checked by src/options/validate.ts for both fronts alike.
 *
 * Adding an option is one entry here: name, short letter (optional), type (how a value is read),
 * the request field it sets (`key`, a field of SweepOptions below; add the field there too), where
 * it applies (`uses`), its help and the default it shows. Both fronts then accept it with the
 * same meaning, and test/options.test.ts checks that. An option only one front can have goes in
 * FRONT_ONLY below with the reason, not here.
 *
 * Choices made:
 * - Both fronts take every entry here. The kernel's defaults for runtime, opt, size, reps, warmup,
 *   counters and store come from `%config` (`config`), the CLI's from the `default` shown.
 * - Short letters are shared: `-O` (opt), `-c` (counters) and `-a` (args) were each known to
 *   one front only before; now both take them.
 * - Repeating a flag: the CLI refuses it, a magic adds up list values (`-r a -r b`); that is
 *   each front's syntax, not the option's meaning.
 * - Range checks (reps from 1 to 10000, a memory limit from 1M up, --ci only with adaptive
 *   reps) are the request's, made once in validate.ts's checkRequest; the CLI makes them at
 *   parse time, the kernel when the magic runs (a `{expr}` may fill a value in only then).
 */
import { COUNTER_CHOICES, COUNTER_SCOPES, TRACE_CHOICES, type TraceChoice, type CounterChoice, type CounterScopeChoice } from '../record.js';
import { OPT_LEVELS } from '../toolchain/build.js';
import { FEATURE_NAMES } from '../toolchain/features.js';

/**
 * How a value is read. list: comma-separated (choices checked per item); string: as given (choices
 * checked); int: a whole number ≥ 0; number: a number ≥ 0; percent: a number, "%" allowed;
 * size: bytes, or 512M / 2G (kept as written, checked with the request); reps: a whole number or "adaptive"; bool: a switch, no value.
 */
export type OptionType = 'list' | 'string' | 'int' | 'number' | 'percent' | 'size' | 'reps' | 'bool';

/**
 * Where an option applies: a sweep of benchmarks (run, %bench), a counting one (profile, %profile),
 * a %%bench cell, a planned hypothesis test (hypothesis, %hypothesis: only options that name it,
 * and the sweep options in HYPOTHESIS_SHARED), a replication (repro, %repro: the options that name
 * it, and the store).
 */
export type Use = 'run' | 'profile' | 'cell' | 'hypothesis' | 'repro';

/** The request fields the options set (a front adds signal, callbacks and the like). */
export interface SweepOptions {
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
  scope?: CounterScopeChoice;
  timeout?: number;
  /** Memory limit per run: bytes, or "512M", "2G" (see parseSize); a run over it is out-of-memory. */
  memLimit?: number | string;
  /** CPU list for taskset, e.g. "1". */
  pin?: string;
  /** A results store (a DuckDB file): stored runs are reused, new ones kept as measured. */
  store?: string | null;
  /** Measure again even what the store has (a new sweep; the old rows are kept, superseded). */
  fresh?: boolean;
  /** Seconds to wait for a store another process is writing (default 300). */
  storeWait?: number;
  /** A module built elsewhere, run instead of `benchmarks` (run --wasm). */
  wasm?: { wasm: string; args?: string; dir?: string; expect?: string };
  /** Build features (src/toolchain/features.ts), e.g. ["simd128"] for `--simd`; none: the plain (MVP) build. */
  features?: string[] | string;
}

export interface SweepOption {
  /** The long flag, without dashes: --name in the CLI and in a magic. */
  name: string;
  short?: string;
  type: OptionType;
  /**
   * The request field it sets. Options without one are assembled by validate.ts's requestOf:
   * bench (benchmarks), resume (the default, only checked), wasm/args/dir/expect (the `wasm` spec),
   * simd (adds simd128 to `features`).
   */
  key?: keyof SweepOptions;
  choices?: readonly string[];
  /** The value's placeholder in usage texts. */
  metavar?: string;
  help: string;
  /** Help where a use reads it differently (%%bench's --size labels its rows). */
  helpFor?: Partial<Record<Use, string>>;
  /** The default the CLI shows (the core's). */
  default?: string;
  /** The default where a use has its own (repro's margin is 15%, a hypothesis' 10%). */
  defaultFor?: Partial<Record<Use, string>>;
  /** The %config key the kernel's default comes from. */
  config?: string;
  /** Where it applies; run, profile and cell when absent. */
  uses?: readonly Use[];
  /** Values are normalised before their check (e.g. "2" and "-O2" become "O2"). */
  normalise?: (v: string) => string;
}

const SWEEPS: readonly Use[] = ['run', 'profile'];
const HYP: readonly Use[] = ['hypothesis'];
/** The sweep options a hypothesis takes too: its runtimes and reps come from the claim and the plan. */
const HYPOTHESIS_SHARED = new Set(['bench', 'size', 'opt', 'warmup', 'timeout', 'pin', 'store', 'fresh', 'store-wait']);
const REPRO: readonly Use[] = ['repro'];
/** The sweep options a replication takes too: where its runs go (the bundle's plan fixes the rest). */
const REPRO_SHARED = new Set(['store']);

/** Array tasks of a Slurm job when --shards is not given (%bench --slurm, repro --slurm, wl.slurm.submit). */
export const DEFAULT_SHARDS = 4;

export const SWEEP_OPTIONS: readonly SweepOption[] = [
  { name: 'bench', short: 'b', type: 'list', metavar: 'BENCHES', uses: SWEEPS,
    help: 'benchmark ids or short names, comma-separated (gemm,crc32), a group, or a folder with bench.json' },
  { name: 'runtime', short: 'r', type: 'list', key: 'runtimes', metavar: 'RUNTIMES', default: 'all', config: 'runtimes',
    help: 'all | native | a runtime (all its modes) | runtime:mode (wasmer:llvm) | runtime@version, comma-separated' },
  { name: 'opt', short: 'O', type: 'list', key: 'opt', choices: OPT_LEVELS, metavar: 'LEVELS', default: 'O2', config: 'opt',
    help: `compiler -O levels: ${OPT_LEVELS.join(',')}`, normalise: (v) => v.replace(/^-?O?(?=[0-3s]$)/, 'O') },
  { name: 'size', short: 's', type: 'string', key: 'size', metavar: 'SIZE', default: 'mini', config: 'size',
    help: 'problem size: mini | small | medium | large',
    helpFor: { cell: 'the size label of its rows (the cell has no sizes: --args is the run)' } },
  { name: 'aot', type: 'bool', key: 'aot', help: 'also run the ahead-of-time variant of runtimes that have one' },
  { name: 'simd', type: 'bool', help: 'build wasm with 128-bit SIMD (-msimd128): shorthand for --features simd128' },
  { name: 'features', type: 'list', key: 'features', choices: FEATURE_NAMES, metavar: 'LIST',
    help: `build features, comma-separated: ${FEATURE_NAMES.join(', ')} (runs of each feature set are kept apart)` },
  { name: 'reps', short: 'n', type: 'reps', key: 'reps', metavar: 'N|adaptive', default: '3; profile 1', config: 'reps',
    help: 'measured repetitions per target, or adaptive (stop at --ci)' },
  { name: 'ci', type: 'percent', key: 'ci', metavar: 'PCT', default: '2%',
    help: 'with --reps adaptive: stop at this 95% CI half-width of the median, e.g. 2%' },
  { name: 'min-runs', type: 'int', key: 'minRuns', metavar: 'N', default: '5', help: 'with --reps adaptive: at least this many runs' },
  { name: 'max-runs', type: 'int', key: 'maxRuns', metavar: 'N', default: '50', help: 'with --reps adaptive: at most this many runs' },
  { name: 'min-time', type: 'number', key: 'minTime', metavar: 'SEC', help: 'keep a fast target running until its runs add up to SEC seconds' },
  { name: 'warmup', short: 'w', type: 'int', key: 'warmup', metavar: 'N', default: '1', config: 'warmup', help: 'unrecorded warm-up runs per target' },
  { name: 'counters', short: 'c', type: 'string', key: 'counters', choices: COUNTER_CHOICES, metavar: 'SRC', default: 'none; profile auto',
    config: 'counters', uses: SWEEPS, help: 'hardware counters: none | auto | perf | valgrind (simulated)' },
  { name: 'trace', type: 'string', key: 'trace', choices: TRACE_CHOICES, metavar: 'WHAT', uses: SWEEPS,
    help: 'syscalls: also run each measured run under strace (+ WASI call counts); never feeds the timing columns' },
  { name: 'scope', type: 'string', key: 'scope', choices: COUNTER_SCOPES, metavar: 'SCOPE', default: 'both', uses: ['profile'],
    help: 'counts of the whole process, of the kernel (two-size estimate), or both' },
  { name: 'pin', type: 'string', key: 'pin', metavar: 'CPUS', help: 'run children under taskset -c CPUS' },
  { name: 'timeout', type: 'number', key: 'timeout', metavar: 'SEC', default: '600', help: 'kill a run after SEC seconds' },
  { name: 'mem-limit', type: 'size', key: 'memLimit', metavar: 'SIZE', help: 'a run\'s memory limit (512M, 2G): over it, status out-of-memory' },
  { name: 'store', type: 'string', key: 'store', metavar: 'FILE', default: '$WASMLAB_STORE', config: 'store',
    help: 'keep every run in this DuckDB store and reuse the runs it has',
    // A replication measures into a store of its own, never the session's: its runs must not mix with the published ones.
    helpFor: { repro: 'measure into this DuckDB store (resumable: run again, it measures what is missing)' }, defaultFor: { repro: 'BUNDLE/repro.duckdb' } },
  { name: 'fresh', type: 'bool', key: 'fresh', help: 'with a store: measure again what it already has (a new sweep; old rows kept, superseded)' },
  { name: 'resume', type: 'bool', help: 'with a store: reuse stored runs, measure only the missing (the default)' },
  { name: 'store-wait', type: 'number', key: 'storeWait', metavar: 'SEC', default: '300', help: 'wait this long for a store another process is writing' },
  { name: 'wasm', type: 'string', metavar: 'FILE', uses: SWEEPS,
    help: 'run a module built elsewhere instead of --bench (no native build; checked against --expect, else the first runtime)' },
  { name: 'args', short: 'a', type: 'string', metavar: '"ARGS"', help: 'with --wasm: its arguments (one quoted string)',
    helpFor: { cell: 'arguments for the program (one quoted string)' } },
  { name: 'dir', type: 'string', metavar: 'DIR', uses: SWEEPS, help: 'with --wasm: a folder of files it reads (preopened as .)' },
  { name: 'expect', type: 'string', metavar: 'FILE', uses: SWEEPS, help: 'with --wasm: the file holding its expected stdout' },
  // A hypothesis' claim (src/analysis/claim.ts reads and checks these values, for both fronts).
  { name: 'by', type: 'string', metavar: 'PCT', default: '10%', uses: HYP, help: 'faster/slower/gains-more/-less: the effect the plan is sized for and that "not supported" rules out' },
  { name: 'margin', type: 'string', metavar: 'PCT', default: '10%', defaultFor: { repro: '15%' }, uses: [...HYP, ...REPRO], help: 'equivalent and gains-as-much: within ±PCT',
    helpFor: { repro: 'replicated: the ratio of ratios (here over published) within ±PCT' } },
  { name: 'metric', type: 'string', choices: ['kernel_s', 'wall_s', 'maxrss_kb'], metavar: 'METRIC', default: 'kernel_s', uses: HYP, help: 'what the claim is about' },
  { name: 'alpha', type: 'string', metavar: 'A', default: '0.05', uses: HYP, help: 'the level: a (1 − A) interval decides' },
  { name: 'power', type: 'string', metavar: 'P', default: '0.8', uses: HYP, help: 'the chance of a decision when the effect (or the equivalence) is real: the plan is sized for it' },
  { name: 'from', type: 'string', metavar: 'A', uses: HYP, help: 'gains-…: the start of each gain, an -O level or jit' },
  { name: 'to', type: 'string', metavar: 'B', uses: HYP, help: 'gains-…: the end of each gain, an -O level or aot' },
  { name: 'dry-run', type: 'bool', uses: [...HYP, ...REPRO], help: 'print the plan (benchmarks, reps, estimated time) and launch nothing' },
  // A replication's own (src/publish/repro.ts).
  { name: 'only', type: 'list', metavar: 'TARGETS', uses: REPRO, help: 'replicate only these targets (and the baseline, native), comma-separated; finding:N: the targets finding N\'s notebook measures' },
  { name: 'sweep', type: 'string', metavar: 'ID', uses: REPRO, help: 'replicate only this sweep of the bundle or store (wasmlab sweeps lists them)' },
  // A replication on Slurm waits for its job and compares (src/cluster/slurm-run.ts); %bench's own --slurm returns at once (FRONT_ONLY).
  { name: 'slurm', type: 'bool', uses: REPRO, help: 'measure as a Slurm job array (as wasmlab slurm submit), wait for it, collect into the store, compare' },
  { name: 'shards', type: 'int', metavar: 'N', default: String(DEFAULT_SHARDS), uses: REPRO, help: 'with --slurm: array tasks' },
];

/**
 * Flags that exist in one front only, or mean something else in each: not sweep options, so
 * not in SWEEP_OPTIONS; each front declares its own beside its parser. The reason for each:
 */
export const FRONT_ONLY: readonly { flags: readonly string[]; shorts: readonly string[]; front: 'cli' | 'kernel' | 'both'; why: string; /** Front-only for these uses only (the table has the flag for others). */ uses?: readonly Use[] }[] = [
  { flags: ['format', 'json'], shorts: ['f'], front: 'cli', why: 'a magic returns a DataFrame to render or convert; text formats are for a terminal or a file' },
  { flags: ['out'], shorts: ['o'], front: 'both', why: 'the CLI writes the rows to FILE; a magic binds its DataFrame to the variable VAR' },
  { flags: ['quiet'], shorts: ['q'], front: 'both', why: 'the CLI drops progress and notes on stderr; a magic does not display its result' },
  { flags: ['help'], shorts: ['h'], front: 'cli', why: 'a magic shows its help with %bench? or %help bench' },
  { flags: ['slurm', 'shards'], shorts: [], front: 'kernel', uses: ['run'], why: 'for a sweep: the CLI splits it with `wasmlab plan` and submits it with `wasmlab slurm submit`; %bench --slurm returns the job id at once (a replication\'s --slurm, which waits, is in the table)' },
  { flags: ['lang'], shorts: ['l'], front: 'kernel', why: 'only a %%bench cell carries its own source; the CLI runs benchmarks or --wasm' },
];

/** The options of one use, in table order. */
export function optionsFor(use: Use): SweepOption[] {
  if (use === 'hypothesis') return SWEEP_OPTIONS.filter((o) => o.uses?.includes(use) || HYPOTHESIS_SHARED.has(o.name));
  if (use === 'repro') return SWEEP_OPTIONS.filter((o) => o.uses?.includes(use) || REPRO_SHARED.has(o.name));
  return SWEEP_OPTIONS.filter((o) => !o.uses || o.uses.includes(use));
}

/** An option by its long name. */
export function sweepOption(name: string): SweepOption | undefined {
  return SWEEP_OPTIONS.find((o) => o.name === name);
}
