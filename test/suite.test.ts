/**
 * The whole suite, for real: every benchmark builds for native and wasm at -O0 and -O2 and runs
 * at `mini` on native, wasmtime and wasm3 with output equal to native's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bench, suite } from '../src/api.js';
import { availableTargets } from './helpers.js';

test('the suite lists at least 50 benchmarks in the four groups, with metadata', () => {
  const all = suite();
  assert.ok(all.length >= 50, `only ${all.length} benchmarks`);
  for (const g of ['polybench', 'mibench', 'jetstream', 'apps']) assert.ok(all.some((b) => b.group === g), `no ${g} benchmark`);
  assert.equal(all.filter((b) => b.group === 'polybench').length, 30);
  for (const b of all) {
    assert.ok(b.description && b.origin && b.category, `${b.id}: metadata`);
    assert.ok(b.sizes.includes('mini') && b.sizes.includes('large'), `${b.id}: sizes ${b.sizes}`);
  }
});

test('every benchmark at mini, -O0 and -O2: native, wasmtime and wasm3 agree', async (t) => {
  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);
  const ids = suite().map((b) => b.id);
  const rows = await bench({ benchmarks: ids, runtimes: targets, opt: ['O0', 'O2'], reps: 1, warmup: 0, timeout: 300 });
  const bad = rows.filter((r) => r.status !== 'ok' || r.output_ok !== true);
  assert.deepEqual(bad.map((r) => `${r.benchmark} -${r.opt} ${r.runtime}: ${r.status} ${r.reason}`), []);
  assert.equal(rows.length, ids.length * 2 * targets.length);
});
