/**
 * The suite's `large` size, checked: each benchmark's native -O2 time at `large` (target ≥ 1 s,
 * so studies measure kernels, not start-up). Median of 3 runs; prints a table and the ones
 * below target.   npm run bench:suite [-- FILTER]
 */
import { bench, suite } from '../src/api.js';
import { renderTable } from '../src/export/table.js';

const filter = process.argv[2];
const ids = suite(filter).filter((b) => b.sizes.includes('large')).map((b) => b.id);
const rows = await bench({ benchmarks: ids, runtimes: ['native'], size: 'large', reps: 3, warmup: 0 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const table = ids.map((id) => {
  const mine = rows.filter((r) => r.benchmark === id);
  const ok = mine.filter((r) => r.status === 'ok');
  return {
    benchmark: id,
    wall_s: ok.length ? median(ok.map((r) => r.wall_s!)) : null,
    kernel_s: ok.length && ok[0]!.kernel_s !== null ? median(ok.map((r) => r.kernel_s!)) : null,
    status: mine[0]?.status ?? 'missing',
    reason: mine.find((r) => r.status !== 'ok')?.reason ?? '',
  };
});
process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
const short = table.filter((t) => t.wall_s === null || t.wall_s < 1);
console.log(`\n${table.length - short.length} of ${table.length} benchmarks run ≥ 1 s native at large` +
  (short.length ? `; below: ${short.map((t) => `${t.benchmark} (${t.wall_s?.toFixed(2) ?? t.status})`).join(', ')}` : ''));
