/**
 * WAVM beside Wasmtime: slowdown over native of both, for the same benchmarks and -O level, in
 * one run (JIT and AOT variants).   npm run bench:wavm [-- SIZE [BENCHMARKS]]
 * Default: the three foundation benchmarks plus a few PolyBench kernels at `small`, -O2.
 */
import { bench } from '../src/api.js';
import { geomean, slowdown } from '../src/analysis/slowdown.js';
import { renderTable } from '../src/export/table.js';

const size = process.argv[2] ?? 'small';
const benchmarks = (process.argv[3] ?? 'gemm,crc32,quicksort,2mm,atax,jacobi-2d,floyd-warshall,seidel-2d').split(',');
const rows = await bench({
  benchmarks, runtimes: ['native', 'wavm', 'wasmtime:cranelift'], aot: true, size, reps: 3, warmup: 1,
});
const failed = rows.filter((r) => r.status !== 'ok');
for (const col of ['wall_s', 'kernel_s'] as const) {
  const s = slowdown(rows, { metric: col });
  const targets = [...new Set(s.map((x) => x.target))].sort();
  const table = benchmarks.map((b) => {
    const id = rows.find((r) => r.benchmark === b || r.benchmark.endsWith(`/${b}`))?.benchmark ?? b;
    return Object.fromEntries([['benchmark', id], ...targets.map((t) => [t, s.find((x) => x.benchmark === id && x.target === t)?.slowdown ?? null])]);
  });
  table.push(Object.fromEntries([['benchmark', 'geomean'], ...targets.map((t) => [t, geomean(s.filter((x) => x.target === t).map((x) => x.slowdown))])]));
  console.log(`\nslowdown over native (median ${col}, size ${size}, -O2):`);
  process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
}
if (failed.length) console.log(`\nnot ok: ${failed.map((r) => `${r.benchmark} ${r.runtime}${r.aot ? '+aot' : ''}: ${r.status} ${r.reason}`).join('\n')}`);
