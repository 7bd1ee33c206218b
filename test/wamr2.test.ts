// Issue 27: WAMR 2.4.3 (wamr@2.4.3, built by `wasmlab runtime add wamr@2.4.3`, ~13 min cold) on
// every mode that built here, three benchmarks each with native's output. Setup does not build
// it by default (its LLVM variant does not fit the cold-setup budget), so this test runs when
// it is installed and skips loudly otherwise; WASMLAB_REQUIRE_RUNTIMES=wamr@2.4.3 makes a
// missing install fail instead. A mode that did not build must say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSmokeRows, wasmlab, required } from './helpers.js';
import { readStatus } from '../src/runtimes/versions/installed.js';
import type { RunRecord } from '../src/record.js';

test('wamr@2.4.3: every built mode runs gemm, crc32 and quicksort with native\'s output', { timeout: 900_000 }, async (t) => {
  const s = readStatus('wamr', '2.4.3');
  if (!s) {
    const why = 'wamr@2.4.3 is not installed (wasmlab runtime add wamr@2.4.3)';
    if (required('wamr@2.4.3')) assert.fail(why);
    t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return;
  }
  for (const [mode, st] of Object.entries(s.modes)) if (!st.ok) assert.ok(st.reason, `${mode} is unavailable without a reason`);
  const modes = Object.entries(s.modes).filter(([, st]) => st.ok).map(([m]) => m);
  assert.ok(modes.includes('classic') && modes.includes('fast-interp'), `the interpreters run (modes: ${JSON.stringify(s.modes)})`);
  const { stdout } = await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '--runtime', modes.map((m) => `wamr@2.4.3:${m}`).join(','), '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows;
  assertSmokeRows(rows, modes.map((mode): [string, string, RegExp] => ['wamr@2.4.3', mode, /^WAMR 2\.4\.3 /]));
});
