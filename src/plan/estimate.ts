/**
 * How long a planned run will take, to balance shards: the median wall time of the same
 * configuration in a store's history where there is one, else native's time there times the
 * target's typical slowdown, else a guess from the size. The slowdowns are the sanity reference
 * measured on these machines (docs/runtimes.md, "Typical slowdowns": gemm 200³ -O2, min of 5 runs) — rough, but what matters for
 * balancing is that an interpreter run counts as tens of native runs.
 */
const TYPICAL_SLOWDOWN: Record<string, number> = {
  native: 1, 'wamr:aot': 1.3, 'wasmer:llvm': 1.4, 'wasmtime:cranelift': 1.4, wavm: 1.6, 'node:turbofan': 1.9,
  'wasmer:cranelift': 1.9, 'node:liftoff': 3.2, 'wasmer:singlepass': 5.9, 'wasmtime:winch': 6.4, 'wazero:compiler': 6.6,
  'wasmtime:pulley': 80, wasmi: 22, wasm3: 34, 'wamr:interp': 43, 'wazero:interpreter': 60,
};

/** Native wall seconds per run when nothing was measured yet, by size (medians of the suite here, 2026-12-01: process start included). */
const NATIVE_GUESS_S: Record<string, number> = { mini: 0.01, small: 0.02, medium: 0.25, large: 1.7 };

export function typicalSlowdown(target: string): number {
  // A version (wasmtime@28.0.0:cranelift) runs like its runtime's pinned one, as far as this guess goes.
  target = target.replace(/@[^:+]*/, '');
  return TYPICAL_SLOWDOWN[target.replace(/\+aot$/, '')] ?? TYPICAL_SLOWDOWN[target.split(':')[0]!] ?? 10;
}

export interface History {
  /** Median wall seconds of (benchmark, size, opt, target), when the store has it. */
  wall(benchmark: string, size: string, opt: string, target: string): number | undefined;
}

export function estimateSeconds(h: History | null, run: { benchmark: string; size: string; opt: string; target: string }): number {
  const own = h?.wall(run.benchmark, run.size, run.opt, run.target);
  if (own !== undefined) return own;
  const native = h?.wall(run.benchmark, run.size, run.opt, 'native') ?? NATIVE_GUESS_S[run.size] ?? 1;
  return native * typicalSlowdown(run.target);
}

/**
 * Longest-processing-time-first: each run, longest first, goes to the shard with the least work
 * so far (Graham 1969; within 4/3 of the best possible makespan). Reps of one configuration are
 * separate runs, so a slow interpreter's reps spread over the shards.
 */
export function balance(estimates: readonly number[], shards: number): { shardOf: number[]; load: number[] } {
  const load = Array.from({ length: shards }, () => 0);
  const shardOf = estimates.map(() => 0);
  const order = estimates.map((e, i) => [e, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [e, i] of order) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s]! < load[best]!) best = s;
    shardOf[i] = best;
    load[best]! += e;
  }
  return { shardOf, load };
}
