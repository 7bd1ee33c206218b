/**
 * Does wasmi's `simd` cargo feature change its scalar speed? (issue 28: "build it with its simd
 * feature if doing so does not change its scalar speed; check with the suite at small, paired
 * compare"). Runs the MVP (scalar) builds of a few kernels on two wasmi binaries — the installed
 * one (with `simd`) and one built without it — alternating the two round by round so drift of a
 * busy machine falls on both, then prints per benchmark the median kernel_s of each and their
 * ratio, and the paired geomean ratio without/with over benchmarks with its 95% CI and the
 * equivalence decision (src/analysis/paired.ts), for kernel_s and for user_s. $WASMI_SIMD_ROWS=FILE
 * keeps the rows as JSON. $WASMI_SIMD_COUNT=b1,b2,… also counts instructions (valgrind, kernel scope:
 * `size` minus the next smaller size, as `wasmlab profile` does) once per binary: a measure that a
 * shared, busy core does not disturb.
 *   npm run bench:wasmi-simd -- NOSIMD_WASMI [SIZE [BENCHMARKS [ROUNDS]]]
 * Default: small, 12 PolyBench/MiBench/JetStream kernels, 7 rounds (7 reps per binary); kernels whose
 * wasmi run takes under ~5 ms of CPU at small (atax, bicg, mvt, syrk) are left out: user_s is
 * counted in whole milliseconds or coarser and reads 0 for them. The second binary
 * is chosen through $WASMLAB_WASMI (src/runtimes/wasmi.ts); both report the same version, so
 * nothing is stored (store: null) and the rows are labelled here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { bench, profile, type RunRecord } from '../src/api.js';
import { median } from '../src/analysis/aggregate.js';
import { comparePair } from '../src/analysis/paired.js';
import type { Row } from '../src/analysis/rows.js';
import { renderTable } from '../src/export/table.js';

const noSimd = process.argv[2];
if (!noSimd || !existsSync(noSimd)) {
  console.error('usage: node dist/bench/wasmi-simd.js NOSIMD_WASMI [SIZE [BENCHMARKS [ROUNDS]]]  (a wasmi_cli built without its simd feature)');
  process.exit(2);
}
const size = process.argv[3] ?? 'small';
const benchmarks = (process.argv[4] ?? 'gemm,2mm,3mm,jacobi-2d,seidel-2d,floyd-warshall,lu,crc32,sha,stringsearch,adpcm-encode,quicksort').split(',');
const rounds = Number(process.argv[5] ?? 7);
const installed = process.env.WASMLAB_WASMI; // unset: the installed wasmi (~/.cache/wasmlab/bin)

const builds = [{ label: 'simd', exe: installed }, { label: 'no-simd', exe: noSimd }];
const rows: Row[] = [];
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    if (b.exe === undefined) delete process.env.WASMLAB_WASMI;
    else process.env.WASMLAB_WASMI = b.exe;
    const got: RunRecord[] = await bench({ benchmarks, runtimes: ['wasmi'], size, reps: 1, store: null, pin: process.env.WASMLAB_PIN });
    for (const x of got) rows.push({ ...x, rep: r, runtime_version: x.runtime === 'wasmi' ? b.label : x.runtime_version } as unknown as Row);
  }
}

const bad = rows.filter((r) => r.status !== 'ok' || r.output_ok !== true);
if (bad.length) console.log(`not ok: ${bad.map((r) => `${String(r.benchmark)} ${String(r.runtime)} ${String(r.runtime_version)} ${String(r.status)} ${String(r.reason)}`).join('; ')}`);
// Which executable each label ran (the argv column): the override must have taken.
for (const b of builds) {
  const exes = new Set(rows.filter((r) => r.runtime === 'wasmi' && r.runtime_version === b.label && typeof r.argv === 'string').map((r) => (JSON.parse(String(r.argv)) as string[])[0]));
  console.log(`${b.label}: ${[...exes].join(', ') || '(no argv recorded)'}`);
}
if (process.env.WASMI_SIMD_ROWS) writeFileSync(process.env.WASMI_SIMD_ROWS, JSON.stringify(rows));
// kernel_s is the program's own (wall-clock) timer; user_s the process's CPU time, which waiting
// for a busy core does not inflate (it includes start-up and wasmi's translation).
const wasmiRows = rows.filter((r) => r.runtime === 'wasmi');
for (const metric of ['kernel_s', 'user_s']) {
  const of = (bm: string, v: string) => median(wasmiRows.filter((r) => r.benchmark === bm && r.runtime_version === v && r.status === 'ok').map((r) => Number(r[metric])), true) ?? NaN;
  const table = [...new Set(wasmiRows.map((r) => String(r.benchmark)))].map((bm) => {
    const w = of(bm, 'simd'), wo = of(bm, 'no-simd');
    return { benchmark: bm, with_simd_ms: (w * 1e3).toFixed(2), without_simd_ms: (wo * 1e3).toFixed(2), without_over_with: (wo / w).toFixed(3) };
  });
  console.log(`\nwasmi 2.0.0 with and without its simd cargo feature: MVP builds, size ${size}, -O2, median ${metric} of ${rounds} runs each (alternating)`);
  process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
  for (const margin of [0.1, 0.05]) {
    const d = comparePair(wasmiRows, 'wasmi no-simd', { baseline: { version: 'simd', only: 'wasmi' }, metric, margin });
    const ci = d.ci_low === null ? 'no CI' : `95% CI ${d.ci_low.toFixed(3)}–${d.ci_high!.toFixed(3)}`;
    console.log(`${metric} without/with simd, paired geomean over ${d.n_paired} benchmarks: ${d.geomean_ratio.toFixed(3)} (${ci}, ${d.method}): ${d.decision}; at ±${margin * 100}%: ${d.equivalence}`);
  }
}

const counted = process.env.WASMI_SIMD_COUNT?.split(',').filter(Boolean) ?? [];
if (counted.length) {
  const ins = new Map<string, Map<string, number>>();
  for (const b of builds) {
    if (b.exe === undefined) delete process.env.WASMLAB_WASMI;
    else process.env.WASMLAB_WASMI = b.exe;
    const got = await profile({ benchmarks: counted, runtimes: ['wasmi'], size, reps: 1, store: null, scope: 'kernel' });
    for (const r of got) if (r.instructions !== null) (ins.get(r.benchmark) ?? ins.set(r.benchmark, new Map()).get(r.benchmark)!).set(b.label, r.instructions);
  }
  const table = [...ins].filter(([, m]) => m.size === 2).map(([bm, m]) => ({
    benchmark: bm, with_simd_Minstr: (m.get('simd')! / 1e6).toFixed(1), without_simd_Minstr: (m.get('no-simd')! / 1e6).toFixed(1), without_over_with: (m.get('no-simd')! / m.get('simd')!).toFixed(4),
  }));
  console.log(`\nInstructions, kernel scope (valgrind, ${size} minus the smaller size), one run per binary`);
  if (table.length) {
    process.stdout.write(renderTable(table, Object.keys(table[0]!).map((k) => ({ title: k, get: (r: Record<string, unknown>) => r[k] }))));
    console.log(`geomean without/with: ${Math.exp(table.reduce((a, r) => a + Math.log(Number(r.without_over_with)), 0) / table.length).toFixed(4)} over ${table.length} benchmarks`);
  } else console.log('no instruction counts (valgrind missing?)');
}
