/** The real clang builds native and wasm32-wasi, caches by content, and reports compile errors. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readManifest } from '../src/suite/manifest.js';
import { buildBenchmark, BuildError } from '../src/toolchain/build.js';
import { tempBenchmark } from './helpers.js';

// Build keys are content only: a nonce makes this run's sources new to the cache, so the first
// build of each really compiles.
const SRC = `#include "wasmlab.h"\n/* ${randomUUID()} */\nint main(void){ printf("%d\\n", 6*7); return 0; }\n`;

test('builds native and wasm at every -O level, each a distinct cached artifact', async () => {
  const b = readManifest(join(tempBenchmark('tc', SRC), 'bench.json'));
  const seen = new Set<string>();
  for (const opt of ['O0', 'O1', 'O2', 'O3', 'Os']) {
    for (const target of ['native', 'wasm'] as const) {
      const a = await buildBenchmark(b, target, opt);
      assert.equal(a.cached, false);
      assert.ok(a.bytes > 0 && a.sha256.length === 64);
      assert.match(a.cflags, new RegExp(`-${opt}`));
      if (target === 'wasm') assert.ok(a.path.endsWith('.wasm'));
      seen.add(a.path);
    }
  }
  assert.equal(seen.size, 10);
  const again = await buildBenchmark(b, 'wasm', 'O2');
  assert.equal(again.cached, true, 'second identical build must come from the cache');
});

test('a change of source rebuilds', async () => {
  const dir = tempBenchmark('tc2', SRC);
  const b = readManifest(join(dir, 'bench.json'));
  const first = await buildBenchmark(b, 'native', 'O2');
  writeFileSync(join(dir, 'main.c'), SRC.replace('6*7', '6*9'));
  const second = await buildBenchmark(b, 'native', 'O2');
  assert.equal(second.cached, false);
  assert.notEqual(first.sha256, second.sha256);
});

test('a compile error is a BuildError carrying the compiler diagnostics', async () => {
  const b = readManifest(join(tempBenchmark('bad', 'int main(void){ return nope; }\n'), 'bench.json'));
  await assert.rejects(buildBenchmark(b, 'wasm', 'O2'), (e: unknown) => {
    assert.ok(e instanceof BuildError);
    assert.match(e.diagnostics, /main\.c:1:\d+: error: use of undeclared identifier 'nope'/);
    return true;
  });
});
