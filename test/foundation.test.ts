/**
 * The foundation's acceptance, end to end through the real CLI: every runtime and mode setup
 * installed runs gemm, crc32 and quicksort with output equal to native's, also precompiled,
 * and a second identical run rebuilds nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, required, wasmlab } from './helpers.js';
import { rowsFromCsv } from '../src/export/csv.js';

const EXPECTED = ['native', 'wasmtime:cranelift', 'wasmtime:winch', 'wasmtime:pulley', 'wasmer:singlepass', 'wasmer:cranelift', 'wasmer:llvm',
  'wasm3', 'wamr:interp', 'wamr:aot', 'node:turbofan', 'node:liftoff', 'wazero:compiler', 'wazero:interpreter', 'wasmi'];

test('doctor --json lists every runtime and mode, with a reason for each missing one', async (t) => {
  const { stdout } = await wasmlab(['doctor', '--json']);
  const rows = JSON.parse(stdout).runtimes as { id: string; available: boolean; reason: string; fix: string; version: string }[];
  for (const id of [...EXPECTED, 'wavm']) {
    const r = rows.find((x) => x.id === id);
    assert.ok(r, `doctor has no row for ${id}`);
    if (r.available) assert.ok(r.version, `${id} available without a version`);
    else {
      assert.ok(r.reason && r.fix, `${id} unavailable without reason and fix`);
      const runtime = id.split(':')[0]!;
      if (required(runtime)) assert.fail(`${id} is required here but unavailable: ${r.reason}`);
      t.diagnostic(`UNAVAILABLE ${id}: ${r.reason}`);
    }
  }
});

for (const aot of [false, true]) {
  test(`run --runtime all${aot ? ' --aot' : ''}: every available target is ok with native's output`, async (t) => {
    const args = ['run', '--bench', 'gemm,crc32,quicksort', '--runtime', 'all', '--reps', '2', '--format', 'csv', '--quiet'];
    const { stdout } = await wasmlab(aot ? [...args, '--aot'] : args);
    const rows = rowsFromCsv(stdout);
    const available = (await doctor()).filter((r) => r.available);
    for (const rt of available) {
      const variants = rt.aot === 'always' ? [true] : aot && rt.aot === 'optional' ? [false, true] : [false];
      for (const v of variants) {
        for (const b of ['polybench/gemm', 'mibench/crc32', 'jetstream/quicksort']) {
          const mine = rows.filter((r) => r.benchmark === b && `${r.runtime}${r.mode === 'default' ? '' : `:${r.mode}`}` === rt.id && r.aot === v);
          assert.equal(mine.length, 2, `${b} on ${rt.id}${v ? '+aot' : ''}: want 2 rows, got ${mine.length}`);
          for (const r of mine) {
            assert.equal(r.status, 'ok', `${b} on ${rt.id}${v ? '+aot' : ''}: ${r.status} ${r.reason}`);
            assert.equal(r.output_ok, true, `${b} on ${rt.id}: output differs from native`);
            assert.ok(Number(r.wall_s) > 0 && Number(r.maxrss_kb) > 0);
            assert.ok(r.kernel_s !== null && Number(r.startup_s) >= 0);
            assert.ok(r.runtime_version && r.compiler_version && String(r.cflags).includes('-O2'), 'provenance columns');
            if (v) assert.ok(Number(r.aot_compile_s) > 0, `${rt.id}+aot has no aot_compile_s`);
            // JIT modes with an AOT compiler get the compile-only time; the others have none.
            if (!v && rt.aot === 'optional') assert.ok(Number(r.compile_only_s) > 0, `${rt.id} has no compile_only_s`);
            if (rt.aot === 'none') assert.equal(r.compile_only_s, null, `${rt.id} cannot have a compile-only time`);
          }
        }
      }
    }
    t.diagnostic(`${rows.length} rows over ${available.length} available targets`);
  });
}

test('a second identical run rebuilds nothing and says so', async () => {
  const args = ['run', '--bench', 'gemm', '--runtime', 'native,wasmtime:cranelift', '--reps', '1', '--format', 'csv'];
  await wasmlab(args);
  const second = await wasmlab(args);
  assert.match(second.stderr, /rebuilt nothing/);
  assert.doesNotMatch(second.stderr, /^built /m);
});
