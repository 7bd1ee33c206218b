/**
 * Slowdown over native: per (benchmark, opt, target), the median of a time column over its ok
 * rows divided by native's median for the same benchmark and opt; summarized by the geometric
 * mean over benchmarks (the mean for ratios: Fleming & Wallace, "How not to lie with
 * statistics: the correct way to summarize benchmark results", CACM 1986).
 */
import type { RunRecord } from '../record.js';

export type TimeColumn = 'wall_s' | 'kernel_s';

export interface Slowdown {
  benchmark: string;
  opt: string;
  target: string; // "wasmtime:cranelift", "+aot" suffixed when precompiled
  median_s: number;
  native_s: number;
  slowdown: number;
}

export function targetLabel(r: Pick<RunRecord, 'runtime' | 'mode' | 'aot'>): string {
  return `${r.mode === 'default' ? r.runtime : `${r.runtime}:${r.mode}`}${r.aot ? '+aot' : ''}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function slowdowns(rows: RunRecord[], column: TimeColumn = 'wall_s'): Slowdown[] {
  const groups = new Map<string, { b: string; opt: string; target: string; xs: number[] }>();
  for (const r of rows) {
    const v = r[column];
    if (r.status !== 'ok' || v === null) continue;
    const target = targetLabel(r);
    const k = `${r.benchmark}\0${r.opt}\0${target}`;
    (groups.get(k) ?? groups.set(k, { b: r.benchmark, opt: r.opt, target, xs: [] }).get(k)!).xs.push(v);
  }
  const out: Slowdown[] = [];
  for (const g of groups.values()) {
    if (g.target === 'native') continue;
    const nat = groups.get(`${g.b}\0${g.opt}\0native`);
    if (!nat) continue;
    const native_s = median(nat.xs);
    const median_s = median(g.xs);
    out.push({ benchmark: g.b, opt: g.opt, target: g.target, median_s, native_s, slowdown: median_s / native_s });
  }
  return out;
}

export function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}
