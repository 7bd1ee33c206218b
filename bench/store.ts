/**
 * What the results store costs.
 *   npm run bench:store [-- ROWS]
 * - append ROWS (default 100,000) synthetic run rows in one batch (the import path), then an
 *   aggregate query over them (median and geomean per benchmark × runtime), then a 100k-row
 *   query read back as a DataFrame;
 * - per run during a sweep: recording a row (the journal write every measured run pays), and
 *   the whole sweep of an empty program with the store on and off.
 * Targets (issue 14): 100k rows appended < 2 s; the aggregate < 0.1 s; < 0.5 ms per run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench } from '../src/api.js';
import { toFrame } from '../src/frame/frame.js';
import { RECORD_COLUMNS, type RunRecord } from '../src/record.js';
import { Store } from '../src/store/store.js';
import { renderTable } from '../src/export/table.js';

const N = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'wasmlab-bench-store-'));
const ms = (t0: number) => performance.now() - t0;

function syntheticRow(i: number): RunRecord {
  const b = i % 50;
  const t = Math.floor(i / 50) % 20;
  const rep = Math.floor(i / 1000);
  const kernel = (1 + b / 10) * (1 + t / 5) * (1 + ((i * 7919) % 97) / 1000);
  return {
    sweep_id: 'bench', benchmark: `bench/b${b}`, size: 'small', opt: 'O2', runtime: `rt${t}`, mode: 'default', aot: false, features: '', rep,
    wall_s: kernel + 0.01, user_s: kernel, sys_s: 0.001, maxrss_kb: 2048 + t, kernel_s: kernel, startup_s: 0.01, aot_compile_s: null,
    compile_only_s: null, exit_code: 0, signal: null, status: 'ok', reason: '', output_ok: true, outlier: null,
    counter_source: 'none', counter_note: '', cycles: null, instructions: null, branches: null, branch_misses: null,
    cache_references: null, cache_misses: null, ipc: null, branch_miss_ratio: null, cache_miss_ratio: null, counter_scope: null,
    page_faults: 300, major_faults: 0, context_switches: 2, cpu_migrations: 0, trace_source: '', trace_note: '', syscalls: null,
    syscall_s: null, top_syscalls: '', wasi_calls: null, top_wasi_calls: '',
    runtime_version: `rt${t} 1.0`, compiler_version: 'clang 19', cflags: '-O2', argv: `["rt${t}","b${b}.wasm"]`,
    artifact_sha256: `sha${b}`, artifact_bytes: 1000, artifact_v128: null, timestamp: new Date(1_700_000_000_000 + i).toISOString(), host: 'bench',
    run_key: `${(b * 100 + t).toString(16).padStart(8, '0')}-${rep}`, plan_id: 'bench', host_id: 'bench',
  };
}

const rows = Array.from({ length: N }, (_, i) => syntheticRow(i));
const store = new Store(join(dir, 'bench.duckdb'));
await store.flush(); // create the file: opening is not part of appending

let t0 = performance.now();
const added = await store.append(rows);
const appendMs = ms(t0);
if (added.added !== N) throw new Error(`appended ${added.added} of ${N}`);

t0 = performance.now();
const agg = await store.query('SELECT benchmark, runtime, median(kernel_s) AS med, geomean(kernel_s) AS gm, count(*) AS n FROM runs GROUP BY ALL');
const aggMs = ms(t0);

t0 = performance.now();
const all = await store.runs();
const df = await toFrame(all, RECORD_COLUMNS);
const readMs = ms(t0);

// The journal write each measured run pays (the database sees rows in batches).
const sweepStore = new Store(join(dir, 'sweep.duckdb'));
sweepStore.beginSweep({ sweep_id: 'bench-record', plan_id: 'p', request: {}, provenance: {}, fresh: false });
const R = 20_000;
t0 = performance.now();
for (let i = 0; i < R; i++) sweepStore.record(rows[i]!);
const recordMs = ms(t0) / R;
t0 = performance.now();
await sweepStore.endSweep('done', { reused: 0, measured: R });
const flushMs = ms(t0);

// A whole sweep of an empty program, store off and on (fresh, so every run is measured).
const prog = mkdtempSync(join(dir, 'empty-'));
writeFileSync(join(prog, 'main.c'), 'int main(void) { return 0; }\n');
writeFileSync(join(prog, 'bench.json'), JSON.stringify({
  id: 'overhead/empty', group: 'overhead', category: 'harness', language: 'c', description: 'empty', origin: 'wasmlab',
  sources: ['main.c'], sizes: { mini: [] }, check: 'stdout',
}));
// Two sweep lengths, so the per-run cost (the slope) separates from the per-sweep cost (opening
// the file, bringing the journal in, closing it: the intercept).
const sweep = async (runs: number, withStore: boolean) => {
  const t = performance.now();
  await bench({ benchmarks: [prog], runtimes: ['native'], reps: runs, warmup: 0, store: withStore ? join(dir, 'empty.duckdb') : null, fresh: true });
  return ms(t);
};
await sweep(50, false); // build and warm caches
const best = (xs: number[]) => Math.min(...xs);
const timed: Record<string, number[]> = { off1: [], on1: [], off2: [], on2: [] };
const [N1, N2] = [100, 500];
for (let i = 0; i < 3; i++) {
  timed.off1!.push(await sweep(N1, false)); timed.on1!.push(await sweep(N1, true));
  timed.off2!.push(await sweep(N2, false)); timed.on2!.push(await sweep(N2, true));
}
const perRun = (best(timed.on2!) - best(timed.on1!) - (best(timed.off2!) - best(timed.off1!))) / (N2 - N1);
const perSweep = best(timed.on1!) - best(timed.off1!) - perRun * N1;

const table = [
  { what: `append ${N.toLocaleString()} rows`, ms: appendMs, target: '< 2000' },
  { what: `aggregate query (${agg.rows.length} groups)`, ms: aggMs, target: '< 100' },
  { what: `read ${df.shape[0].toLocaleString()} rows as a DataFrame`, ms: readMs, target: '' },
  { what: 'record one run (journal write)', ms: recordMs, target: '< 0.5' },
  { what: `bring ${R.toLocaleString()} journal rows into the database`, ms: flushMs, target: '' },
  { what: `sweep of ${N2} runs, store off: per run (best of 3)`, ms: best(timed.off2!) / N2, target: '' },
  { what: `sweep of ${N2} runs, store on: per run (best of 3)`, ms: best(timed.on2!) / N2, target: '' },
  { what: `store cost per run (slope, ${N1} vs ${N2} runs)`, ms: perRun, target: '< 0.5' },
  { what: 'store cost per sweep (open, bring the journal in, close)', ms: perSweep, target: '' },
];
process.stdout.write(renderTable(table, [
  { title: 'what', get: (r) => r.what }, { title: 'ms', get: (r) => Number(r.ms.toFixed(3)) }, { title: 'target ms', get: (r) => r.target },
]));
