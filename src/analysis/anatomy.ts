/**
 * Start-up and memory anatomy (issue 29): where time and memory go outside the generated code.
 *
 * - Start-up against module size: each (benchmark, target)'s median start-up (`startup_s`, wall
 *   time outside the program's own timer), JIT compile-only and AOT compile times, joined to the
 *   module's size, code-section size and function count (read from the .wasm by our section-
 *   header reader, src/toolchain/v128-scan.ts). A least-squares line per target gives seconds
 *   per MiB (slope) and a size-independent cost (intercept), each with a t-based CI.
 * - Compile throughput per tier: KiB of code per second of compile-only (JIT) or AOT compile.
 * - Floors: the empty program (anatomy/empty) per target — its wall time is the runtime's
 *   start-up floor, its peak RSS the runtime's own memory.
 * - Memory split: a program's MRSS minus its target's floor (what the program's code, linear
 *   memory and data cost on that runtime), set against native's program MRSS minus native's floor.
 *
 * Rows are RunRecords or frame rows; only status "ok" rows with finite values count, and nothing
 * missing is read as zero.
 */
import { existsSync, readFileSync } from 'node:fs';
import { targetLabel } from '../record.js';
import { moduleShape } from '../toolchain/v128-scan.js';
import type { Row } from './rows.js';

/** The empty program's id (src/suite/programs/anatomy/empty). */
export const EMPTY_BENCHMARK = 'anatomy/empty';

const MIB = 1024 * 1024;

export interface ModuleFacts {
  bytes: number;
  code_bytes: number;
  functions: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Module facts per artifact hash, read from the .wasm files the rows' argv name (a row of an AOT
 * target names its compiled file: its facts come from a JIT row of the same artifact). Files no
 * longer on disk are left out.
 */
export function moduleFactsOf(rows: readonly Row[]): Map<string, ModuleFacts> {
  const out = new Map<string, ModuleFacts>();
  for (const r of rows) {
    const sha = String(r.artifact_sha256 ?? '');
    if (!sha || out.has(sha) || r.runtime === 'native') continue;
    let argv: unknown;
    try { argv = JSON.parse(String(r.argv ?? '[]')); } catch { continue; }
    const file = Array.isArray(argv) ? argv.find((a) => typeof a === 'string' && a.endsWith('.wasm') && existsSync(a)) : undefined;
    if (!file) continue;
    try {
      const s = moduleShape(readFileSync(file));
      out.set(sha, { bytes: s.bytes, code_bytes: s.codeBytes, functions: s.functions });
    } catch { /* not a module we can read: no facts */ }
  }
  return out;
}

export interface StartupPoint extends ModuleFacts {
  benchmark: string;
  target: string;
  /** Median over ok reps; the empty program (no kernel timer) counts its whole wall time. */
  startup_s: number | null;
  compile_only_s: number | null;
  aot_compile_s: number | null;
  n: number;
}

/** One point per (benchmark, target) of a wasm target whose module facts are known. */
export function startupPoints(rows: readonly Row[], facts: ReadonlyMap<string, ModuleFacts>): StartupPoint[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.status !== 'ok' || r.runtime === 'native' || !facts.has(String(r.artifact_sha256))) continue;
    const k = `${String(r.benchmark)}\0${targetLabel(r)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const r0 = rs[0]!;
    const col = (c: string) => median(rs.map((r) => num(r[c]) ?? (c === 'startup_s' && r.benchmark === EMPTY_BENCHMARK ? num(r.wall_s) : null)).filter((v): v is number => v !== null));
    return {
      benchmark: String(r0.benchmark), target: targetLabel(r0), ...facts.get(String(r0.artifact_sha256))!,
      startup_s: col('startup_s'), compile_only_s: col('compile_only_s'), aot_compile_s: col('aot_compile_s'), n: rs.length,
    };
  });
}

export interface LinearFit {
  n: number;
  slope: number;
  intercept: number;
  slope_ci: [number, number];
  intercept_ci: [number, number];
  r2: number;
  level: number;
}

/** Ordinary least squares y = intercept + slope·x, with t-based CIs on both; null under 3 points or one x. */
export function fitLine(xs: readonly number[], ys: readonly number[], level = 0.95): LinearFit | null {
  const n = xs.length;
  if (n !== ys.length || n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const s2 = sse / (n - 2);
  const seSlope = Math.sqrt(s2 / sxx);
  const seIntercept = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  const t = tQuantile(1 - (1 - level) / 2, n - 2);
  return {
    n, slope, intercept, level,
    slope_ci: [slope - t * seSlope, slope + t * seSlope],
    intercept_ci: [intercept - t * seIntercept, intercept + t * seIntercept],
    r2: syy === 0 ? 1 : 1 - sse / syy,
  };
}

export type SizeMeasure = 'code_bytes' | 'bytes' | 'functions';
export type StartupMeasure = 'startup_s' | 'compile_only_s' | 'aot_compile_s';

export interface TargetFit extends LinearFit {
  target: string;
  /** x unit of the slope: "MiB" (of code or module) or "function". */
  per: string;
}

/**
 * One fit per target of `y` (seconds) against `x`: the slope is seconds per MiB (sizes) or per
 * function, the intercept the seconds a module of size 0 would take. Targets with fewer than 3
 * points or one size have none.
 */
export function startupFits(points: readonly StartupPoint[], o: { x?: SizeMeasure; y?: StartupMeasure; level?: number } = {}): TargetFit[] {
  const x = o.x ?? 'code_bytes';
  const y = o.y ?? 'startup_s';
  const scale = x === 'functions' ? 1 : MIB;
  const byTarget = new Map<string, StartupPoint[]>();
  for (const p of points) if (p[y] !== null) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p]);
  const out: TargetFit[] = [];
  for (const [target, ps] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
    const fit = fitLine(ps.map((p) => p[x] / scale), ps.map((p) => p[y]!), o.level);
    if (fit) out.push({ target, per: x === 'functions' ? 'function' : x === 'bytes' ? 'MiB of module' : 'MiB of code', ...fit });
  }
  return out;
}

export interface Throughput {
  target: string;
  tier: 'compile-only' | 'aot';
  /** Median over benchmarks of code KiB / compile seconds. */
  kib_per_s: number;
  benchmarks: number;
}

/** Compile throughput per target and tier (JIT compile-only runs, AOT compiles), in KiB of code per second. */
export function compileThroughput(points: readonly StartupPoint[]): Throughput[] {
  const out: Throughput[] = [];
  for (const [tier, col] of [['compile-only', 'compile_only_s'], ['aot', 'aot_compile_s']] as const) {
    const byTarget = new Map<string, number[]>();
    for (const p of points) {
      const s = p[col];
      if (s !== null && s > 0 && p.code_bytes > 0) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p.code_bytes / 1024 / s]);
    }
    for (const [target, v] of byTarget) out.push({ target, tier, kib_per_s: median(v)!, benchmarks: v.length });
  }
  return out.sort((a, b) => b.kib_per_s - a.kib_per_s);
}

export interface Floor {
  target: string;
  /** Median wall time of the empty program: the runtime's start-up floor. */
  startup_s: number | null;
  /** Median peak RSS of the empty program: the runtime's own memory. */
  maxrss_kb: number | null;
  n: number;
}

/** The empty program's start-up and MRSS per target (native included: the process floor). */
export function emptyFloors(rows: readonly Row[], empty = EMPTY_BENCHMARK): Floor[] {
  const byTarget = new Map<string, Row[]>();
  for (const r of rows) if (r.benchmark === empty && r.status === 'ok') byTarget.set(targetLabel(r), [...(byTarget.get(targetLabel(r)) ?? []), r]);
  return [...byTarget].map(([target, rs]) => ({
    target,
    startup_s: median(rs.map((r) => num(r.wall_s)).filter((v): v is number => v !== null)),
    maxrss_kb: median(rs.map((r) => num(r.maxrss_kb)).filter((v): v is number => v !== null)),
    n: rs.length,
  })).sort((a, b) => a.target.localeCompare(b.target));
}

export interface MemorySplit {
  benchmark: string;
  target: string;
  maxrss_kb: number;
  floor_kb: number;
  /** maxrss_kb − floor_kb: what the program costs on this runtime. */
  program_kb: number;
  /** The same for native (its MRSS minus the empty native program's). */
  native_program_kb: number | null;
  /** program_kb / native_program_kb (null where native's is not positive). */
  program_x: number | null;
}

/**
 * Each (benchmark, target)'s median MRSS split into the target's floor and the program's part,
 * against native's program part. Targets without a floor are left out (measure anatomy/empty).
 */
export function memorySplit(rows: readonly Row[], floors: readonly Floor[]): MemorySplit[] {
  const floorOf = new Map(floors.filter((f) => f.maxrss_kb !== null).map((f) => [f.target, f.maxrss_kb!]));
  const groups = new Map<string, { benchmark: string; target: string; v: number[] }>();
  for (const r of rows) {
    const v = num(r.maxrss_kb);
    if (r.status !== 'ok' || v === null || r.benchmark === EMPTY_BENCHMARK) continue;
    const k = `${String(r.benchmark)}\0${targetLabel(r)}`;
    const g = groups.get(k) ?? { benchmark: String(r.benchmark), target: targetLabel(r), v: [] };
    g.v.push(v);
    groups.set(k, g);
  }
  const med = new Map([...groups.values()].map((g) => [`${g.benchmark}\0${g.target}`, median(g.v)!]));
  const out: MemorySplit[] = [];
  for (const g of groups.values()) {
    const floor = floorOf.get(g.target);
    if (floor === undefined) continue;
    const maxrss = med.get(`${g.benchmark}\0${g.target}`)!;
    const nat = med.get(`${g.benchmark}\0native`);
    const natFloor = floorOf.get('native');
    const native_program_kb = nat !== undefined && natFloor !== undefined ? nat - natFloor : null;
    const program_kb = maxrss - floor;
    out.push({
      benchmark: g.benchmark, target: g.target, maxrss_kb: maxrss, floor_kb: floor, program_kb, native_program_kb,
      program_x: native_program_kb !== null && native_program_kb > 0 ? program_kb / native_program_kb : null,
    });
  }
  return out.sort((a, b) => a.benchmark.localeCompare(b.benchmark) || a.target.localeCompare(b.target));
}

export interface SyscallShare {
  benchmark: string;
  target: string;
  /**
   * Median syscall_s over the traced run's own wall time (the timed run's × the ratio trace_note
   * records): both under the tracer, whose stops inflate a call's measured time.
   */
  share: number | null;
  syscalls: number | null;
  syscall_s: number | null;
  wasi_calls: number | null;
  /** Why wasi_calls is empty, where it is. */
  note: string;
}

/** The traced run's wall time: the timed run's × the ratio in trace_note ("traced run took 1.20× …"), else the timed run's. */
function tracedWall(r: Row): number | null {
  const w = num(r.wall_s);
  const m = /traced run took ([\d.]+)×/.exec(String(r.trace_note ?? ''));
  return w !== null && m ? w * Number(m[1]) : w;
}

/** Per (benchmark, target) of traced rows: median syscalls, syscall time, its share of wall time, WASI calls. */
export function syscallShares(rows: readonly Row[]): SyscallShare[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.status !== 'ok' || !r.trace_source) continue;
    const k = `${String(r.benchmark)}\0${targetLabel(r)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const med = (rs: Row[], f: (r: Row) => number | null) => median(rs.map(f).filter((v): v is number => v !== null));
  return [...groups.values()].map((rs) => {
    const r0 = rs[0]!;
    const wasi = med(rs, (r) => num(r.wasi_calls));
    const note = wasi === null ? (String(r0.trace_note ?? '').match(/no WASI counts: ([^;]*)/)?.[1] ?? 'not counted') : '';
    return {
      benchmark: String(r0.benchmark), target: targetLabel(r0),
      share: med(rs, (r) => { const s = num(r.syscall_s); const w = tracedWall(r); return s !== null && w ? s / w : null; }),
      syscalls: med(rs, (r) => num(r.syscalls)), syscall_s: med(rs, (r) => num(r.syscall_s)), wasi_calls: wasi, note,
    };
  }).sort((a, b) => a.benchmark.localeCompare(b.benchmark) || a.target.localeCompare(b.target));
}

// --- Student's t quantile (for the fit's CIs): bisection on the CDF, via the regularized incomplete beta.

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (p in (0, 1)). */
export function tQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// --- Verdict lines, computed from the rows' analyses (notebook 13).

const f2 = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(2));

export interface AnatomyFindings {
  shares: readonly SyscallShare[];
  throughput: readonly Throughput[];
  fits: readonly TargetFit[];
  floors: readonly Floor[];
  split: readonly MemorySplit[];
}

/** One sentence per question the rows answer; a question without rows is left out. */
export function anatomyVerdicts(a: AnatomyFindings): string[] {
  const out: string[] = [];
  // Syscall time against native's, per application: the target furthest from native.
  for (const b of distinctOf(a.shares.map((s) => s.benchmark))) {
    const nat = a.shares.find((s) => s.benchmark === b && s.target === 'native');
    const others = a.shares.filter((s) => s.benchmark === b && s.target !== 'native' && s.syscall_s !== null);
    if (!nat?.syscall_s || !others.length) continue;
    const worst = others.reduce((m, s) => (s.syscall_s! > m.syscall_s! ? s : m));
    out.push(`${b}: ${worst.target} spends ${f2(worst.syscall_s! / nat.syscall_s)}× native's time in system calls (${f2(100 * (worst.share ?? 0))}% of its traced wall time against native's ${f2(100 * (nat.share ?? 0))}%)${worst.wasi_calls !== null ? `, through ${worst.wasi_calls} WASI calls` : ''}.`);
  }
  const co = a.throughput.filter((t) => t.tier === 'compile-only');
  if (co.length >= 2) {
    const fast = co[0]!;
    const slow = co[co.length - 1]!;
    out.push(`${fast.target} compiles ${f2(fast.kib_per_s / slow.kib_per_s)}× faster than ${slow.target} (${f2(fast.kib_per_s)} against ${f2(slow.kib_per_s)} KiB of code per second, median over modules).`);
  }
  const steep = [...a.fits].filter((f) => f.per.startsWith('MiB')).sort((x, y) => y.slope - x.slope)[0];
  if (steep) {
    out.push(`${steep.target}'s start-up grows by ${f2(steep.slope)} s per ${steep.per} (95% CI ${f2(steep.slope_ci[0])}–${f2(steep.slope_ci[1])}) above ${f2(steep.intercept)} s (${steep.n} modules, r² ${steep.r2.toFixed(2)}).`);
  }
  const nat = a.floors.find((f) => f.target === 'native');
  const big = [...a.floors].filter((f) => f.target !== 'native' && f.maxrss_kb !== null).sort((x, y) => y.maxrss_kb! - x.maxrss_kb!)[0];
  if (nat?.maxrss_kb && big) {
    out.push(`Before the program does anything, ${big.target} holds ${f2(big.maxrss_kb! / 1024)} MiB (native ${f2(nat.maxrss_kb / 1024)} MiB) and takes ${f2(big.startup_s ?? 0)} s to run an empty program.`);
  }
  const ratios = a.split.filter((s) => s.program_x !== null && s.target !== 'native');
  if (ratios.length) {
    const byTarget = new Map<string, number[]>();
    for (const s of ratios) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s.program_x!]);
    const med = [...byTarget].map(([t, v]) => [t, median(v)!] as const).sort((x, y) => y[1] - x[1]);
    out.push(`Above their floors, programs cost ${med.map(([t, m]) => `${t} ${f2(m)}×`).join(', ')} native's memory (median over benchmarks).`);
  }
  return out;
}

function distinctOf(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
