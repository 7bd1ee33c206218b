/**
 * One runtime over its releases (notebook 10-over-time): geomeans of versioned targets
 * ("wasmtime@0.30.0:embedding") joined with each version's release date, a choice of one version
 * per quarter when every release is too many to measure, and which benchmarks changed most
 * between two versions.
 */
import type { GeomeanInterval } from './interval.js';
import type { GeomeanRow } from './geomeans.js';
import { labelOf, type RatioRow } from './compare.js';
import { compareVersions } from '../runtimes/versions/installed.js';

/** The installed-version facts this needs (a `runtimeVersions()` row). */
export interface VersionFacts {
  id: string; // "wasmtime@0.30.0"
  runtime: string;
  version: string;
  released: string; // ISO date, may be ''
  ok: boolean;
  modes: string; // "cranelift winch pulley(NO)"
  version_line?: string; // "node v26.12.1 (V8 14.6.202.34-node.40)"
}

export interface VersionPoint extends GeomeanInterval {
  /** The runtime and mode the points of one line share, e.g. "wasmtime:embedding". */
  series: string;
  subject: string;
  version: string;
  released: string;
  /** The version as an axis label, with the engine inside where the line names one: "26.12.1 · V8 14.6". */
  label: string;
}

/** "node v26.12.1 (V8 14.6.202.34-node.40)" → "V8 14.6": the engine a host release carries. */
const engineInLine = (line: string | undefined): string => /\((V8|JavaScriptCore) ?(\d+\.\d+)?/.exec(line ?? '')?.slice(1).filter(Boolean).join(' ') ?? '';

/** "wasmtime@0.30.0:embedding" → { runtime: "wasmtime", version: "0.30.0", mode: "embedding" }; null for an unversioned target. */
export function parseVersioned(target: string): { runtime: string; version: string; mode: string } | null {
  const m = /^([^@:]+)@([^:+]+)(?::([^+]+))?/.exec(target);
  return m ? { runtime: m[1]!, version: m[2]!, mode: m[3] ?? 'default' } : null;
}

/** Each versioned subject's geomean with its version's release date, oldest release first per series. */
export function versionPoints(geomeans: readonly GeomeanRow[], versions: readonly VersionFacts[]): VersionPoint[] {
  const released = new Map(versions.map((v) => [v.id, v.released]));
  const engine = new Map(versions.map((v) => [v.id, engineInLine(v.version_line)]));
  const out: VersionPoint[] = [];
  for (const g of geomeans) {
    const p = parseVersioned(g.subject);
    if (!p) continue;
    out.push({
      series: `${p.runtime}:${p.mode}`, subject: g.subject, version: p.version, released: released.get(`${p.runtime}@${p.version}`) ?? '',
      label: [p.version, engine.get(`${p.runtime}@${p.version}`)].filter(Boolean).join(' · '),
      geomean: g.geomean, ci_low: g.ci_low, ci_high: g.ci_high, benchmarks: g.benchmarks,
    });
  }
  return out.sort((a, b) => a.series.localeCompare(b.series) || a.released.localeCompare(b.released) || compareVersions(a.version, b.version));
}

/**
 * The working versions of `runtime` that have `mode`, at most one per calendar quarter (the
 * newest release of each), always including the oldest and the newest: a timeline that fits a
 * budget when every release would not.
 */
export function onePerQuarter(versions: readonly VersionFacts[], runtime: string, mode: string): string[] {
  const usable = versions
    .filter((v) => v.runtime === runtime && v.ok && v.released && v.modes.split(' ').includes(mode))
    .sort((a, b) => a.released.localeCompare(b.released) || compareVersions(a.version, b.version));
  if (!usable.length) return [];
  const quarter = (d: string) => `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
  const newestOf = new Map<string, VersionFacts>();
  for (const v of usable) newestOf.set(quarter(v.released), v);
  const picked = new Set([usable[0]!, ...newestOf.values(), usable.at(-1)!]);
  return [...picked].map((v) => v.id);
}

export interface VersionChange {
  benchmark: string;
  /** newer / older kernel time: below 1 faster. */
  ratio: number;
  ci_low: number | null;
  ci_high: number | null;
  /** Benjamini–Hochberg q-value over the benchmarks (the column's method, named). */
  q_bh: number | null;
  change: string;
}

/**
 * Per benchmark, a newer version's time over an older one's (`compare` rows with the older as
 * baseline and the newer as subject), fastest gain first. "faster"/"slower" only where the
 * Benjamini–Hochberg q-value over the benchmarks is below 5%: a table of labels, one per
 * benchmark, keeps its share of false labels at 5% rather than each label's error.
 */
export function versionChanges(ratios: readonly RatioRow[], newer: string): VersionChange[] {
  return ratios
    .filter((r) => r.subject === newer)
    .map((r) => ({
      benchmark: r.benchmark, ratio: r.ratio, ci_low: r.ci_low, ci_high: r.ci_high, q_bh: r.q_bh, change: labelOf(r),
    }))
    .sort((a, b) => a.ratio - b.ratio);
}
