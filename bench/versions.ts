/**
 * One Wasmtime version through its CLI and through its embedding (wasmtime-py + our driver,
 * mode `embedding`): do they agree on kernel_s, the program's own timed region? Start-up differs
 * (Python and ctypes before the module is compiled), which is why rows over versions are compared
 * by kernel_s. Prints per benchmark the median kernel_s of each and embedding/CLI, and the
 * geometric mean of the ratios.   npm run bench:versions [-- VERSION [SIZE [BENCHMARKS [REPS]]]]
 * Default: wasmtime@49.0.0 (both packages publish 49.0.0), compute-only PolyBench kernels at
 * `small`, 10 reps after 1 warm-up. Needs `wasmlab runtime add wasmtime@49.0.0`.
 */
import { bench } from '../src/api.js';
import { geomean } from '../src/analysis/slowdown.js';
import { renderTable } from '../src/export/table.js';

const version = process.argv[2] ?? '49.0.0';
const size = process.argv[3] ?? 'small';
const benchmarks = (process.argv[4] ?? 'gemm,2mm,atax,jacobi-2d,floyd-warshall,seidel-2d').split(',');
const reps = Number(process.argv[5] ?? 10);
const cli = `wasmtime@${version}:cranelift`;
const emb = `wasmtime@${version}:embedding`;
const rows = await bench({ benchmarks, runtimes: [cli, emb], size, reps, warmup: 1, store: null, pin: process.env.WASMLAB_PIN });

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const of = (b: string, mode: string, col: 'kernel_s' | 'wall_s') => median(rows.filter((r) => r.benchmark === b && r.mode === mode && r.status === 'ok' && r[col] !== null).map((r) => r[col] as number));
const table = [...new Set(rows.map((r) => r.benchmark))].map((b) => {
  const c = of(b, 'cranelift', 'kernel_s');
  const e = of(b, 'embedding', 'kernel_s');
  return { benchmark: b, cli_kernel_s: c, embedding_kernel_s: e, ratio: e / c, cli_wall_s: of(b, 'cranelift', 'wall_s'), embedding_wall_s: of(b, 'embedding', 'wall_s') };
});
table.push({ benchmark: 'geomean', cli_kernel_s: NaN, embedding_kernel_s: NaN, ratio: geomean(table.map((r) => r.ratio)), cli_wall_s: NaN, embedding_wall_s: NaN });
console.log(`wasmtime ${version}: CLI (cranelift) vs embedding, median of ${reps} runs, size ${size}, -O2`);
process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
const bad = rows.filter((r) => r.status !== 'ok' || r.output_ok !== true);
if (bad.length) console.log(`not ok: ${bad.map((r) => `${r.benchmark} ${r.runtime}:${r.mode} ${r.status} ${r.reason}`).join('; ')}`);
