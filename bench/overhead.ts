/**
 * Harness overhead: wasmlab against hyperfine -N on the same two native commands, in one run.
 *   npm run bench:overhead [-- RUNS]
 * - empty:  a C program that returns at once — its measured time is the per-run overhead
 *           (fork/exec/wait) each harness adds to every measurement;
 * - ~10 ms: a C busy loop — both harnesses should agree on its mean.
 * Targets (issue 5): wasmlab's overhead ≤ hyperfine's; its 10 ms mean within 2% of hyperfine's.
 * Also printed: the sweep's wall-clock cost per run (Node → launcher → program), which is
 * throughput, not a measurement error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { bench } from '../src/api.js';
import { readManifest } from '../src/suite/manifest.js';
import { buildBenchmark } from '../src/toolchain/build.js';
import { renderTable } from '../src/export/table.js';

const runs = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'wasmlab-overhead-'));

function program(name: string, body: string): string {
  const d = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(join(d, 'main.c'), `#include "wasmlab.h"\nint main(int argc, char **argv) { ${body} return 0; }\n`);
  writeFileSync(join(d, 'bench.json'), JSON.stringify({
    id: `overhead/${name}`, group: 'overhead', category: 'harness', language: 'c', description: name, origin: 'wasmlab',
    sources: ['main.c'], sizes: { mini: [] }, check: 'stdout',
  }));
  return d;
}

/** Calibrate a busy loop to ~10 ms on this machine. */
async function tenMsIterations(): Promise<number> {
  const d = program('calib', 'long n = atol(argv[1]); volatile long s = 0; uint64_t t0 = wl_now_ns(); for (long i = 0; i < n; i++) s += i; printf("%llu\\n", (unsigned long long)(wl_now_ns() - t0)); (void)argc;');
  const exe = (await buildBenchmark(readManifest(join(d, 'bench.json')), 'native', 'O2')).path;
  const n = 20_000_000;
  const ns = Number((await execa(exe, [String(n)])).stdout);
  return Math.round((n * 10e6) / ns);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const min = (xs: number[]) => Math.min(...xs);

async function hyperfine(exe: string): Promise<number[]> {
  const out = join(dir, 'hf.json');
  await execa('hyperfine', ['-N', '--warmup', '5', '--runs', String(runs), '--export-json', out, '--style', 'none', exe]);
  return (JSON.parse(readFileSync(out, 'utf8')) as { results: { times: number[] }[] }).results[0]!.times;
}

async function wasmlab(benchDir: string): Promise<{ times: number[]; perRun: number }> {
  const t0 = process.hrtime.bigint();
  const rows = await bench({ benchmarks: [benchDir], runtimes: ['native'], reps: runs, warmup: 5 });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  return { times: rows.map((r) => r.wall_s!), perRun: elapsed / (runs + 5 + 1) };
}

const iters = await tenMsIterations();
const cases = [
  { name: 'empty program', dir: program('empty', '(void)argc; (void)argv;') },
  { name: '~10 ms program', dir: program('tenms', `volatile long s = 0; for (long i = 0; i < ${iters}L; i++) s += i; (void)argc; (void)argv;`) },
];
const table = [];
for (const c of cases) {
  const exe = (await buildBenchmark(readManifest(join(c.dir, 'bench.json')), 'native', 'O2')).path;
  // Alternate the harnesses twice so drift of a busy machine hits both alike.
  const hf1 = await hyperfine(exe); const wl1 = await wasmlab(c.dir);
  const hf2 = await hyperfine(exe); const wl2 = await wasmlab(c.dir);
  const hf = [...hf1, ...hf2];
  const wl = [...wl1.times, ...wl2.times];
  table.push({
    case: c.name, runs: wl.length,
    hf_mean_ms: mean(hf) * 1e3, wl_mean_ms: mean(wl) * 1e3, mean_ratio: mean(wl) / mean(hf),
    hf_min_ms: min(hf) * 1e3, wl_min_ms: min(wl) * 1e3, min_ratio: min(wl) / min(hf),
    wl_cost_per_run_ms: ((wl1.perRun + wl2.perRun) / 2) * 1e3,
  });
}
process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
const [empty, ten] = table;
console.log(`\nper-run overhead (empty program, mean): wasmlab ${empty!.wl_mean_ms.toFixed(3)} ms vs hyperfine ${empty!.hf_mean_ms.toFixed(3)} ms → ratio ${empty!.mean_ratio.toFixed(3)} (target ≤ 1)`);
console.log(`~10 ms program mean: ratio ${ten!.mean_ratio.toFixed(4)} (target within 0.98–1.02)`);
