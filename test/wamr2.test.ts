// Issue 27: WAMR 2.4.3 (wamr@2.4.3, built by `wasmlab runtime add wamr@2.4.3`, ~13 min cold) on
// every mode that built here, three benchmarks each with native's output. Setup does not build
// it by default (its LLVM variant does not fit the cold-setup budget), so this test runs when
// it is installed and skips loudly otherwise; WASMLAB_REQUIRE_RUNTIMES=wamr@2.4.3 makes a
// missing install fail instead. A mode that did not build must say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSmokeRows, wasmlab, required } from './helpers.js';
import { readStatus } from '../src/runtimes/versions/installed.js';
import { wamr2DriverHash } from '../src/runtimes/versions/wamr2-install.js';
import type { RunRecord } from '../src/record.js';

test('wamr@2.4.3: every built mode runs gemm, crc32 and quicksort with native\'s output', { timeout: 3_900_000 }, async (t) => {
  let s = readStatus('wamr', '2.4.3');
  if (!s) {
    const why = 'wamr@2.4.3 is not installed (wasmlab runtime add wamr@2.4.3)';
    if (required('wamr@2.4.3')) assert.fail(why);
    t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return;
  }
  // Binaries built from older driver sources would test stale code: `runtime add` must see that
  // and rebuild (once; 1.5 min on an idle core here), and a second `runtime add` must then reuse the build.
  if (s.build !== wamr2DriverHash()) {
    t.diagnostic(`wamr@2.4.3 was built from driver sources ${s.build ?? '(unrecorded)'}, today's are ${wamr2DriverHash()}: rebuilding`);
    const add = await wasmlab(['runtime', 'add', 'wamr@2.4.3']);
    assert.match(add.stderr, /installed from other driver sources/, 'runtime add saw the stale build');
    assert.match(add.stdout, /^installed +wamr@2\.4\.3/m, 'and rebuilt it');
    s = readStatus('wamr', '2.4.3')!;
  }
  assert.equal(s.build, wamr2DriverHash(), 'the installed wamr@2.4.3 is built from today\'s driver sources');
  const again = await wasmlab(['runtime', 'add', 'wamr@2.4.3']);
  assert.match(again.stdout, /^reused +wamr@2\.4\.3/m, 'a build from today\'s sources is reused');
  for (const [mode, st] of Object.entries(s.modes)) if (!st.ok) assert.ok(st.reason, `${mode} is unavailable without a reason`);
  const modes = Object.entries(s.modes).filter(([, st]) => st.ok).map(([m]) => m);
  assert.ok(modes.includes('classic') && modes.includes('fast-interp'), `the interpreters run (modes: ${JSON.stringify(s.modes)})`);
  const { stdout } = await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '--runtime', modes.map((m) => `wamr@2.4.3:${m}`).join(','), '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows;
  assertSmokeRows(rows, modes.map((mode): [string, string, RegExp] => ['wamr@2.4.3', mode, /^WAMR 2\.4\.3 /]));
});
