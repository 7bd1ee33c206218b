/**
 * Synthetic run rows with known effects, for tests, the analysis benchmark and figure demos:
 * benchmark b's baseline time is a seeded draw, target t multiplies it by its true ratio times a
 * per-benchmark lognormal spread, and each rep adds lognormal noise (Box–Muller normals from
 * mulberry32). Rows carry the RunRecord columns analysis reads, including counters and MRSS.
 */
import { mulberry32 } from './bootstrap.js';
import type { Row } from './rows.js';

export interface SyntheticTarget {
  runtime: string;
  mode: string;
  aot?: boolean;
  /** True geometric-mean ratio of this target's time over the first target's (over target `of`'s when given). */
  ratio: number;
  runtime_version?: string;
  /** Index of an earlier target whose per-benchmark times this one scales (e.g. version B of version A). */
  of?: number;
  /** Per-benchmark spread of the ratio (sd of its log); default the options' benchSigma. */
  sigma?: number;
}

export interface SyntheticOptions {
  benchmarks?: number;
  targets?: SyntheticTarget[];
  reps?: number;
  opts?: string[];
  seed?: number;
  /** Per-benchmark spread of a target's true ratio (sd of its log). */
  benchSigma?: number;
  /** Rep-to-rep noise (sd of log time). */
  repSigma?: number;
}

export const DEFAULT_SYNTHETIC_TARGETS: SyntheticTarget[] = [
  { runtime: 'native', mode: 'default', ratio: 1 },
  { runtime: 'wasmtime', mode: 'cranelift', ratio: 1.4 },
  { runtime: 'wasmtime', mode: 'cranelift', aot: true, ratio: 1.35 },
  { runtime: 'wasmer', mode: 'llvm', ratio: 1.3 },
  { runtime: 'wasmer', mode: 'singlepass', ratio: 3 },
  { runtime: 'wasm3', mode: 'default', ratio: 30 },
];

export function normalSampler(rnd: () => number): () => number {
  return () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
}

/** `targets` generated programmatically: n targets with ratios spread from 1 to ~40. */
export function manyTargets(n: number): SyntheticTarget[] {
  return Array.from({ length: n }, (_, i) => i === 0
    ? { runtime: 'native', mode: 'default', ratio: 1 }
    : { runtime: `rt${i}`, mode: i % 2 ? 'jit' : 'interp', ratio: Math.exp((i / n) * Math.log(40)) });
}

export function syntheticRows(o: SyntheticOptions = {}): Row[] {
  const rnd = mulberry32(o.seed ?? 7);
  const norm = normalSampler(rnd);
  const targets = o.targets ?? DEFAULT_SYNTHETIC_TARGETS;
  const nb = o.benchmarks ?? 8, reps = o.reps ?? 10, opts = o.opts ?? ['O2'];
  const bs = o.benchSigma ?? 0.2, rs = o.repSigma ?? 0.05;
  const rows: Row[] = [];
  for (let b = 0; b < nb; b++) {
    const benchmark = `synthetic/b${String(b).padStart(2, '0')}`;
    const base = Math.exp(norm() * 0.5 - 3);
    const ipc = 1 + rnd() * 2;
    for (const opt of opts) {
      const optFactor = opt === 'O0' ? 3 : opt === 'O1' ? 1.3 : 1;
      const truths: number[] = [];
      for (const t of targets) {
        const truth = t.of !== undefined ? truths[t.of]! * t.ratio * Math.exp(norm() * (t.sigma ?? bs))
          : base * optFactor * (t.ratio === 1 ? 1 : t.ratio * Math.exp(norm() * (t.sigma ?? bs)));
        truths.push(truth);
        for (let rep = 0; rep < reps; rep++) {
          const k = truth * Math.exp(norm() * rs);
          const cycles = k * 3e9;
          const instructions = cycles * ipc / Math.sqrt(t.ratio);
          rows.push({
            sweep_id: 'synthetic', benchmark, size: 'small', opt, runtime: t.runtime, mode: t.mode, aot: t.aot ?? false, rep,
            wall_s: k + 0.001 * t.ratio, kernel_s: k, startup_s: 0.001 * t.ratio, maxrss_kb: Math.round(2000 * Math.sqrt(t.ratio) * (1 + 0.01 * rnd())),
            status: 'ok', reason: '', output_ok: true, outlier: false,
            counter_source: 'perf', counter_note: '', cycles, instructions, branches: instructions / 6,
            branch_misses: instructions / 6 * 0.02 * Math.sqrt(t.ratio), cache_references: instructions / 30, cache_misses: instructions / 300 * t.ratio ** 0.3,
            ipc: instructions / cycles, branch_miss_ratio: 0.02 * Math.sqrt(t.ratio), cache_miss_ratio: 0.1 * t.ratio ** 0.3,
            runtime_version: t.runtime_version ?? (t.runtime === 'native' ? 'clang-19' : '1.0'), host: 'synthetic',
          });
        }
      }
    }
  }
  return rows;
}

/**
 * Two versions of one target on the same benchmarks (issue 25's acceptance shape): version B's
 * time is `bOverA` × version A's on every benchmark, give or take 3%; A's slowdown over native
 * varies by ~35% from benchmark to benchmark (which pairing cancels); 10% rep noise.
 */
export function versionRows(bOverA: number, o: { benchmarks?: number; reps?: number; seed?: number } = {}): Row[] {
  return syntheticRows({
    targets: [
      { runtime: 'native', mode: 'default', ratio: 1 },
      { runtime: 'wasmtime', mode: 'cranelift', ratio: 1.6, runtime_version: 'A' },
      { runtime: 'wasmtime', mode: 'cranelift', ratio: bOverA, runtime_version: 'B', of: 1, sigma: 0.03 },
    ],
    benchmarks: o.benchmarks ?? 9, reps: o.reps ?? 3, seed: o.seed ?? 11, benchSigma: 0.35, repSigma: 0.1,
  });
}
