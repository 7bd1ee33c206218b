/**
 * Flag parsing for the sweep commands (run, profile), shared so both accept the same flags.
 * Errors are UsageError with one line naming the fix.
 */
import { parseArgs } from 'node:util';
import { UsageError, type BenchRequest } from '../api.js';
import { COUNTER_CHOICES } from '../record.js';

export const SWEEP_FLAGS = {
  bench: { type: 'string', short: 'b' },
  runtime: { type: 'string', short: 'r' },
  opt: { type: 'string', short: 'O' },
  size: { type: 'string', short: 's' },
  aot: { type: 'boolean' },
  reps: { type: 'string', short: 'n' },
  ci: { type: 'string' },
  'min-runs': { type: 'string' },
  'max-runs': { type: 'string' },
  'min-time': { type: 'string' },
  warmup: { type: 'string', short: 'w' },
  counters: { type: 'string' },
  trace: { type: 'string' },
  scope: { type: 'string' },
  pin: { type: 'string' },
  timeout: { type: 'string' },
  'mem-limit': { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  store: { type: 'string' },
  fresh: { type: 'boolean' },
  resume: { type: 'boolean' },
  'store-wait': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  wasm: { type: 'string' },
  args: { type: 'string' },
  dir: { type: 'string' },
  expect: { type: 'string' },
} as const;

export const SWEEP_USAGE = `usage: wasmlab run --bench LIST --runtime LIST|all [options]
  -b, --bench LIST       benchmark ids or short names, comma-separated (gemm,crc32,quicksort), a group, or a folder with bench.json
  -r, --runtime LIST     all | runtime (wasmtime) | runtime:mode (wasmer:llvm), comma-separated   [all]
  -O, --opt LIST         -O levels: O0,O1,O2,O3,Os                                                 [O2]
  -s, --size SIZE        mini | small | medium | large                                              [mini]
      --aot              also run the ahead-of-time variant of runtimes that have one
  -n, --reps N|adaptive  measured repetitions per target                                            [3]
      --ci PCT           with --reps adaptive: stop at this 95% CI half-width of the median, e.g. 2%  [2%]
      --min-runs N, --max-runs N, --min-time SEC   bounds of repetition
  -w, --warmup N         unrecorded warm-up runs per target                                         [1]
      --counters SRC     none | auto | perf | valgrind                          [none; profile: auto]
      --trace syscalls   also run each measured run under strace (+ WASI call counts): syscall columns
      --scope S          profile: counts of the process, the kernel (two-size estimate), or both  [both]
      --pin CPUS         run children under taskset -c CPUS
      --timeout SEC      kill a run after SEC seconds                                               [600]
      --mem-limit SIZE   a run's memory limit (512M, 2G): over it, status out-of-memory        [none]
  -f, --format FMT       table | csv | json                                                         [table]
  -o, --out FILE         write the rows to FILE (and FILE.sweep.json with the provenance)
      --store FILE       keep every run in this DuckDB store and reuse runs it has ($WASMLAB_STORE)  [none]
      --fresh            with a store: measure again what it already has (a new sweep)
      --resume           with a store: reuse stored runs, measure only the missing (the default)
      --store-wait SEC   wait this long for a store another process is writing                    [300]
  -q, --quiet            no progress or notes on stderr
      --wasm FILE        run a module built elsewhere instead of --bench (no native build; the output
                         reference is --expect FILE's stdout, else the first runtime's output)
      --args "…"         its arguments (shell-quoted)      --dir DIR   files it reads (preopened as ".")`;

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function num(name: string, s: string | undefined, int = true): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s.replace(/%$/, ''));
  if (!Number.isFinite(v) || v < 0 || (int && !Number.isInteger(v))) throw new UsageError(`--${name} wants a ${int ? 'whole ' : ''}number, got "${s}"`);
  return v;
}

export type SweepValues = { [K in keyof typeof SWEEP_FLAGS]?: (typeof SWEEP_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

export function parseSweepArgs(argv: string[]): { values: SweepValues; positionals: string[] } {
  try {
    const { values, positionals, tokens } = parseArgs({ args: argv, options: SWEEP_FLAGS, allowPositionals: true, strict: true, tokens: true });
    // node:util keeps the last of a repeated flag: refuse instead of silently dropping the first.
    const seen = new Set<string>();
    for (const t of tokens) {
      if (t.kind !== 'option') continue;
      if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice: give it once`);
      seen.add(t.name);
    }
    return { values: values as SweepValues, positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // node:util's wording for `--reps -1` ("argument is ambiguous") does not say what to do.
    const dash = /^Option '(-[^']*)' argument is ambiguous/.exec((e as Error).message);
    if (dash) throw new UsageError(`${dash[1]} has a value starting with "-": write it ${dash[1]}=VALUE (if you meant it)`);
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (wasmlab run --help lists the flags)`);
  }
}

export function sweepRequest(v: SweepValues): BenchRequest {
  if (v.fresh && v.resume) throw new UsageError('--fresh and --resume contradict each other: --fresh measures again, --resume (the default) reuses stored runs');
  if ((v.fresh || v.resume) && !v.store && !process.env.WASMLAB_STORE) throw new UsageError(`--${v.fresh ? 'fresh' : 'resume'} needs a store: add --store FILE (or set WASMLAB_STORE)`);
  // An empty list is a mistake, not "the default": `-r ""` must not become every runtime.
  const empty = (['bench', 'runtime', 'opt'] as const).find((f) => v[f] !== undefined && !list(v[f]).length);
  if (empty) throw new UsageError(`--${empty} is empty: name at least one (e.g. --bench gemm --runtime native --opt O2)`);
  const benchmarks = list(v.bench);
  if (v.wasm !== undefined && benchmarks.length) throw new UsageError('--wasm and --bench exclude each other: one prebuilt module, or benchmarks');
  const only = (['args', 'dir', 'expect'] as const).find((f) => v[f] !== undefined);
  if (v.wasm === undefined && only) throw new UsageError(`--${only} goes with --wasm FILE`);
  if (v.wasm === undefined && !benchmarks.length) throw new UsageError('--bench is required, e.g. --bench gemm,crc32 (wasmlab suite lists them), or --wasm FILE');
  const counters = v.counters ?? undefined;
  if (counters !== undefined && !(COUNTER_CHOICES as readonly string[]).includes(counters)) throw new UsageError(`--counters is ${COUNTER_CHOICES.join(', ')} (got "${counters}")`);
  const reps = v.reps === 'adaptive' ? 'adaptive' : num('reps', v.reps);
  if (reps === 0) throw new UsageError('--reps must be at least 1');
  const adaptiveOnly = (['ci', 'min-runs', 'max-runs'] as const).find((f) => v[f] !== undefined);
  if (adaptiveOnly && reps !== 'adaptive') throw new UsageError(`--${adaptiveOnly} only applies with --reps adaptive (fixed --reps N runs exactly N)`);
  return {
    benchmarks,
    ...(v.wasm !== undefined ? { wasm: { wasm: v.wasm, args: v.args, dir: v.dir, expect: v.expect } } : {}),
    runtimes: list(v.runtime).length ? list(v.runtime) : ['all'],
    opt: list(v.opt).length ? list(v.opt).map((o) => o.replace(/^-/, '')) : undefined,
    size: v.size,
    aot: v.aot,
    reps,
    ci: num('ci', v.ci, false),
    minRuns: num('min-runs', v['min-runs']),
    maxRuns: num('max-runs', v['max-runs']),
    minTime: num('min-time', v['min-time'], false),
    warmup: num('warmup', v.warmup),
    counters: counters as BenchRequest['counters'],
    ...(v.trace !== undefined ? { trace: v.trace as BenchRequest['trace'] } : {}),
    pin: v.pin,
    timeout: num('timeout', v.timeout, false),
    ...(v['mem-limit'] !== undefined ? { memLimit: v['mem-limit'] } : {}),
    store: v.store ?? (process.env.WASMLAB_STORE || undefined),
    fresh: v.fresh,
    storeWait: num('store-wait', v['store-wait'], false),
  };
}
