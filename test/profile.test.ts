/**
 * `wasmlab profile` through the CLI: counters for native, wasmtime, wasm3 and wamr. On machines
 * without a PMU (these VMs) the source is valgrind's simulation, labelled as such.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perfAvailability } from '../src/measure/counters/perf.js';
import { availableTargets, wasmlab } from './helpers.js';

test('profile gives counters for native, wasmtime, wasm3 and wamr', async (t) => {
  const want = ['native', 'wasmtime:cranelift', 'wasm3', 'wamr:interp'];
  const targets = await availableTargets(t, want);
  const { stdout } = await wasmlab(['profile', '--bench', 'gemm', '--runtime', targets.join(','), '--format', 'json', '--quiet']);
  const { rows, sweep } = JSON.parse(stdout) as { rows: Record<string, unknown>[]; sweep: { counters?: string; request: { counters: string } } };
  const source = (await perfAvailability()).ok ? 'perf' : 'valgrind';
  assert.equal(sweep.request.counters, source);
  // Both scopes by default: the process as counted, and the kernel estimated from a second size.
  const proc = rows.filter((r) => r.counter_scope === 'process');
  const kern = rows.filter((r) => r.counter_scope === 'kernel');
  assert.equal(proc.length, targets.length);
  assert.equal(kern.length, targets.length);
  for (const k of kern) {
    const p = proc.find((r) => r.runtime === k.runtime && r.mode === k.mode)!;
    assert.ok((k.instructions as number) > 0 && (k.instructions as number) <= (p.instructions as number), `${k.runtime}: kernel ${k.instructions} of ${p.instructions}; ${k.counter_note}`);
  }
  for (const r of proc) {
    assert.equal(r.status, 'ok', `${r.runtime}: ${r.reason}`);
    assert.equal(r.counter_source, source);
    assert.ok((r.instructions as number) > 100_000, `${r.runtime}: instructions ${r.instructions}`);
    assert.ok((r.branches as number) > 0 && r.branch_misses !== null && r.cache_misses !== null, `${r.runtime}: ${r.counter_note}`);
    assert.ok((r.wall_s as number) > 0, 'the timing row is kept');
    if (source === 'valgrind') { assert.equal(r.cycles, null); assert.match(r.counter_note as string, /valgrind/); }
  }
});
