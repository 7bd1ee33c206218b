/**
 * Kernel-scope counts from two problem sizes. perf and cachegrind count a whole process:
 * C(s) = F + K(s), F the fixed work of start-up, compilation and teardown, K(s) the work of the
 * timed region at size s. Run the same target at a second size s′ and subtract: F cancels, and
 * the program's own timer scales the difference back to size s,
 *
 *   K(s) = k(s) · (C(s) − C(s′)) / (k(s) − k(s′)),     k = median kernel_s, the timed region,
 *
 * which assumes the region's counts grow like its time between the two sizes (true for
 * instructions and branches of a loop nest; cache misses can grow faster once the data outgrows
 * a cache, so kernel-scope miss counts are estimates). The method (docs/measuring.md,
 * "Scope"): run two problem sizes and take the difference to isolate the kernel.
 */
import { median } from '../../analysis/aggregate.js';
import { NULL_SOFTWARE } from './software.js';
import { NULL_TRACE } from './trace.js';
import { COUNTER_COLUMNS, type CounterName, type RunRecord } from '../../record.js';
import { countersToColumns } from './derive.js';

export const SIZE_ORDER = ['mini', 'small', 'medium', 'large'] as const;

/**
 * The size a kernel-scope estimate at `size` is paired with: the next smaller one, else the next
 * larger. Smaller first because the second sweep then costs a fraction of the first (the next
 * larger size costs several times the first under valgrind); F cancels either way, and the
 * 10% guard below catches a pair whose timed regions are too close to tell apart.
 */
export function companionSize(size: string, available: readonly string[]): string | null {
  const i = SIZE_ORDER.indexOf(size as (typeof SIZE_ORDER)[number]);
  if (i < 0) return null;
  const down = [...SIZE_ORDER.slice(0, i)].reverse().find((s) => available.includes(s));
  return down ?? SIZE_ORDER.slice(i + 1).find((s) => available.includes(s)) ?? null;
}

const target = (r: RunRecord) => [r.benchmark, r.opt, r.runtime, r.mode, r.aot, r.counter_source].join('\0');
const counted = (r: RunRecord) => (r.status === 'ok' || r.status === 'wrong-output') && r.kernel_s !== null && r.instructions !== null;

/**
 * One kernel-scope row per process-scope row of `rows` (size s) whose target also has counted
 * runs in `other` (size s′): the row's identity and times, its counters replaced by K(s), or
 * null counters and the reason where the estimate cannot be made.
 */
export function kernelScopeRows(rows: readonly RunRecord[], other: readonly RunRecord[]): RunRecord[] {
  const group = (rs: readonly RunRecord[]) => {
    const m = new Map<string, RunRecord[]>();
    for (const r of rs) if (counted(r)) (m.get(target(r)) ?? m.set(target(r), []).get(target(r))!).push(r);
    return m;
  };
  const pairs = group(other);
  // k(s): the median kernel time of the target's runs at size s, steadier than one run's timer.
  const own = group(rows);
  const out: RunRecord[] = [];
  for (const r of rows) {
    if (r.counter_scope !== 'process') continue;
    // Software counts and traces are the whole process's: a kernel-scope row does not repeat them.
    const base = { ...r, counter_scope: 'kernel' as const, run_key: '', outlier: null, ...NULL_SOFTWARE, ...NULL_TRACE };
    const p = pairs.get(target(r));
    const why = !counted(r) ? 'this run has no counts or no timed region'
      : !p?.length ? 'no counted run of the same target at the second size' : null;
    const k1 = why ? NaN : median(own.get(target(r))!.map((x) => x.kernel_s!))!;
    const k2 = p?.length ? median(p.map((x) => x.kernel_s!))! : NaN;
    const dk = k1 - k2;
    const tooClose = !why && Math.abs(dk) < 0.1 * Math.max(k1, k2) ? `the two sizes' kernel times are within 10% (${k1} s, ${k2} s)` : null;
    if (why || tooClose) {
      out.push({ ...base, ...countersToColumns({}), counter_note: `kernel scope not estimated: ${why ?? tooClose}` });
      continue;
    }
    const est: Partial<Record<CounterName, number>> = {};
    for (const c of COUNTER_COLUMNS) {
      const mine = r[c];
      const theirs = median(p!.map((x) => x[c]).filter((v): v is number => v !== null));
      if (mine === null || theirs === null) continue;
      // Bounded by what was counted: timer noise must not make the kernel do more than its process.
      est[c] = Math.min(mine, Math.max(0, (k1 * (mine - theirs)) / dk));
    }
    out.push({
      ...base, ...countersToColumns(est),
      counter_note: `kernel scope: k(s)·(C(s) − C(s′))/(k(s) − k(s′)) with s′ = ${p![0]!.size} (${p!.length} run${p!.length === 1 ? '' : 's'}); ${r.counter_note}`,
    });
  }
  return out;
}

/**
 * Stored counting rows with the kernel-scope rows a profile derives from them: each size whose
 * companion (companionSize) is a smaller size gets one kernel-scope row per process-scope row, as
 * `profile` returns them. What `wasmlab findings` decides findings 6–8 on, since the store keeps
 * only the measured (process-scope) rows.
 */
export function withKernelScope(rows: readonly RunRecord[]): RunRecord[] {
  const isCounted = (r: RunRecord) => (r.counter_source === 'perf' || r.counter_source === 'valgrind') && (r.counter_scope ?? 'process') === 'process';
  const sizes = [...new Set(rows.filter(isCounted).map((r) => r.size))];
  const rank = (s: string) => SIZE_ORDER.indexOf(s as (typeof SIZE_ORDER)[number]);
  const kernel: RunRecord[] = [];
  for (const s of sizes) {
    const s2 = companionSize(s, sizes.filter((x) => x !== s));
    if (!s2 || rank(s2) > rank(s)) continue;
    kernel.push(...kernelScopeRows(rows.filter((r) => isCounted(r) && r.size === s), rows.filter((r) => isCounted(r) && r.size === s2)));
  }
  return [...rows, ...kernel];
}
