/**
 * What analysis reads from a run row: its identity (benchmark, size, opt, target, runtime
 * version, host) and one measured value, validated. Rows are RunRecords or frame rows with the
 * same columns (`Row`). A row is used only when `status` is "ok" and its value is a finite
 * positive number; anything else is excluded with a reason that the results count and name —
 * never read as zero.
 */
import type { Cell } from '../frame/table.js';
import { targetLabel } from '../record.js';

/** A run record, or a row of a frame made from run records. */
export type Row = Record<string, Cell>;

export const DEFAULT_METRIC = 'kernel_s';

/** Why a row was left out. `failed`: its run failed (status ≠ ok). `invalid`: ok, but its value is unusable. */
export interface Exclusion {
  kind: 'failed' | 'invalid';
  reason: string;
}

/** The value of `metric` in `r`, or why it cannot be used. */
export function valueOf(r: Row, metric: string): { value: number } | Exclusion {
  if (r.status !== 'ok') return { kind: 'failed', reason: `${String(r.status ?? 'no status')}${r.reason ? `: ${String(r.reason)}` : ''}` };
  const v = r[metric];
  if (v === null || v === undefined || v === '') return { kind: 'invalid', reason: `${metric} missing` };
  if (typeof v !== 'number' || Number.isNaN(v)) return { kind: 'invalid', reason: `${metric} is not a number (${JSON.stringify(v)})` };
  if (!Number.isFinite(v)) return { kind: 'invalid', reason: `${metric} is not finite (${v})` };
  if (v === 0) return { kind: 'invalid', reason: `${metric} is zero (a ratio or log needs a positive time)` };
  if (v < 0) return { kind: 'invalid', reason: `${metric} is negative (${v})` };
  return { value: v };
}

/** The identity of the group a row belongs to. */
export interface GroupId {
  benchmark: string;
  size: string;
  opt: string;
  target: string; // targetLabel: "native", "wasmtime:cranelift", "wasmer:llvm+aot"
  runtime: string;
  mode: string;
  aot: boolean;
  runtime_version: string;
  /** The build's feature set ("" plain, "simd128", …): runs of two feature sets are two configurations. */
  features: string;
  host: string;
}

/** A cell as text, '' for null. */
export const cellText = (v: Cell): string => (v === null || v === undefined ? '' : String(v));
const str = cellText;

export function groupIdOf(r: Row): GroupId {
  return {
    benchmark: str(r.benchmark), size: str(r.size), opt: str(r.opt), target: targetLabel(r),
    runtime: str(r.runtime), mode: str(r.mode), aot: r.aot === true, runtime_version: str(r.runtime_version), features: str(r.features), host: str(r.host),
  };
}

export const GROUP_KEYS = ['benchmark', 'size', 'opt', 'target', 'runtime_version', 'features', 'host'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export function keyOf(g: GroupId, keys: readonly GroupKey[] = GROUP_KEYS): string {
  return keys.map((k) => g[k]).join('\u0000');
}

/** Tally of excluded rows: counts by kind and by reason (the reasons a reader sees). */
export interface Excluded {
  failed: number;
  invalid: number;
  reasons: { reason: string; count: number }[];
}

export function tally(ex: Exclusion[]): Excluded {
  const by = new Map<string, number>();
  for (const e of ex) by.set(e.reason, (by.get(e.reason) ?? 0) + 1);
  return {
    failed: ex.filter((e) => e.kind === 'failed').length,
    invalid: ex.filter((e) => e.kind === 'invalid').length,
    reasons: [...by].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

/**
 * Bad input to an analysis (an ambiguous or unknown baseline, an unknown column): one line for
 * the reader. Named UsageError so the kernel shows it without a stack, as it does the core's.
 */
export class UsageError extends Error {}
