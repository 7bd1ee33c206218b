/** Derived counter figures: IPC and miss ratios, only where both operands were measured. */
import type { CounterName, RunRecord } from '../../record.js';

type Counts = Partial<Record<CounterName, number>>;

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : null);

export function countersToColumns(c: Counts): Pick<RunRecord, CounterName | 'ipc' | 'branch_miss_ratio' | 'cache_miss_ratio'> {
  return {
    cycles: c.cycles ?? null,
    instructions: c.instructions ?? null,
    branches: c.branches ?? null,
    branch_misses: c.branch_misses ?? null,
    cache_references: c.cache_references ?? null,
    cache_misses: c.cache_misses ?? null,
    ipc: ratio(c.instructions, c.cycles),
    branch_miss_ratio: ratio(c.branch_misses, c.branches),
    cache_miss_ratio: ratio(c.cache_misses, c.cache_references),
  };
}
