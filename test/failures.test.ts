/**
 * Issue 19, "failures are data": each failure kind with a real process becomes a row with its
 * status and reason, and the sweep goes on. (A compile error in a %%bench cell, with the cell's
 * own line numbers, is tested through the real kernel in kernel.test.ts.)
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { bench, parseSize } from '../src/api.js';
import { outOfMemory, trapLine } from '../src/measure/execute.js';
import { repoRoot } from '../src/paths.js';
import { targetLabel } from '../src/record.js';
import { launcherPath } from '../src/measure/launch.js';
import { availableTargets, cli, tempBenchmark } from './helpers.js';

/** Every JIT or interpreter mode of every wasm runtime (AOT-only modes excepted), as runtime ids. */
const WASM_MODES = ['wasmtime:cranelift', 'wasmtime:winch', 'wavm', 'wasmer:singlepass', 'wasmer:cranelift', 'wasmer:llvm', 'wasm3',
  'wamr:interp', 'node:turbofan', 'node:liftoff', 'wazero:compiler', 'wazero:interpreter', 'wasmi'];

const FINE = tempBenchmark('fine', '#include "wasmlab.h"\nint main(void){ printf("fine\\n"); return 0; }\n');

test('a trap: a signal natively, a trap the runtime reports on wasm; the sweep goes on', async (t) => {
  const wasm = await availableTargets(t, WASM_MODES);
  const trap = tempBenchmark('trap', '#include "wasmlab.h"\nint main(void){ printf("before\\n"); fflush(stdout); __builtin_trap(); }\n');
  const rows = await bench({ benchmarks: [trap, FINE], runtimes: ['native', ...wasm], reps: 1, warmup: 0 });
  const native = rows.find((r) => r.benchmark === 'test/trap' && r.runtime === 'native')!;
  assert.equal(native.status, 'crashed');
  assert.equal(native.signal, 'SIGILL');
  for (const id of wasm) {
    const r = rows.find((x) => x.benchmark === 'test/trap' && targetLabel(x) === id)!;
    assert.equal(r.status, 'crashed', `${id}: ${r.status} ${r.reason}`);
    // The runtime's own trap line is the reason (WAVM reports it, then aborts: SIGABRT (trap)).
    assert.match(r.reason, /^(trap \(exit \d+\)|SIGABRT \(trap\)): .*unreachable/i, `${id}: ${r.reason}`);
  }
  assert.ok(rows.filter((r) => r.benchmark === 'test/fine').every((r) => r.status === 'ok'));
  // The trap line, not a backtrace's last lines, is the reason.
  assert.equal(trapLine('Error: failed\n    0:    0x18a - trap.wasm!main\n    2: wasm trap: wasm `unreachable` instruction executed\n  23: main'),
    '2: wasm trap: wasm `unreachable` instruction executed');
});

test('a timeout kills the whole process group and keeps the stderr tail', async () => {
  const hang = tempBenchmark('hang', `#include "wasmlab.h"
#include <unistd.h>
int main(void){ pid_t c = fork(); if (c == 0) { sleep(60); return 0; }
  fprintf(stderr, "child %d\\n", (int)c); fflush(stderr); sleep(60); return 0; }
`);
  const t0 = Date.now();
  const rows = await bench({ benchmarks: [hang, FINE], runtimes: ['native'], reps: 1, warmup: 0, timeout: 0.5 });
  assert.ok(Date.now() - t0 < 30_000);
  const r = rows.find((x) => x.benchmark === 'test/hang')!;
  assert.equal(r.status, 'timeout');
  assert.match(r.reason, /killed with its process group after 0.5 s: child \d+/);
  const child = Number(/child (\d+)/.exec(r.reason)![1]);
  await sleep(200);
  const state = existsSync(`/proc/${child}/status`) ? /^State:\s+(\S)/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))![1] : 'gone';
  assert.ok(state === 'gone' || state === 'Z', `the forked child survived the timeout (state ${state})`);
  assert.equal(rows.find((x) => x.benchmark === 'test/fine')!.status, 'ok');
});

test('--mem-limit: a run over it is out-of-memory, natively and on wasm runtimes (JIT ones too)', async (t) => {
  const wasm = await availableTargets(t, WASM_MODES);
  const eat = tempBenchmark('eat', `#include "wasmlab.h"
#include <stdlib.h>
#include <string.h>
char *volatile keep[4096];
int main(int argc, char **argv){ long mb = atol(argv[1]);
  for (long i = 0; i < mb; i++) { char *p = malloc(1 << 20); if (!p) { fprintf(stderr, "out of memory after %ld MiB\\n", i); return 1; } memset(p, 1, 1 << 20); keep[i] = p; }
  printf("ate %ld MiB\\n", mb); return 0; }
`, { sizes: { mini: ['40'], small: ['600'] } });
  const req = { benchmarks: [eat], runtimes: ['native', ...wasm], reps: 1, warmup: 0, memLimit: '384M' };
  const fits = await bench({ ...req, size: 'mini' });
  for (const r of fits) assert.equal(r.status, 'ok', `${r.runtime}:${r.mode} under 384M with 40 MiB: ${r.reason}`);
  const over = await bench({ ...req, size: 'small' });
  assert.equal(over.length, 1 + wasm.length);
  for (const r of over) {
    assert.equal(r.status, 'out-of-memory', `${r.runtime}:${r.mode}: ${r.status} ${r.reason}`);
    assert.match(r.reason, /over --mem-limit 402653184 bytes/);
  }
  assert.equal(parseSize('2G'), 2 * 1024 ** 3);
  assert.equal(parseSize('512MiB'), 512 * 1024 ** 2);
  for (const bad of ['', 'lots', '-5M', '10', '1.5.5G']) assert.throws(() => parseSize(bad), /--mem-limit wants a size/, bad);
  assert.equal(outOfMemory('', 900, 1024 * 1024), false);
  assert.equal(outOfMemory('terminate called after throwing an instance of \'std::bad_alloc\'', 10, 1 << 30), true);
});

test('wrong output: a wasm run printing something else than native is wrong-output', async (t) => {
  const wasm = await availableTargets(t, ['wasm3']);
  if (!wasm.length) return;
  const differs = tempBenchmark('differs', '#include "wasmlab.h"\nint main(void){\n#ifdef __wasm__\n puts("wasm");\n#else\n puts("native");\n#endif\n return 0; }\n');
  const rows = await bench({ benchmarks: [differs], runtimes: ['native', 'wasm3'], reps: 1, warmup: 0 });
  assert.equal(rows.find((r) => r.runtime === 'native')!.status, 'ok');
  const w = rows.find((r) => r.runtime === 'wasm3')!;
  assert.equal(w.status, 'wrong-output');
  assert.equal(w.output_ok, false);
  assert.match(w.reason, /output differs from native's/);
});

test('a missing runtime is a row with status unavailable and the fix; the others run', async () => {
  const r = await execa(process.execPath, [cli, 'run', '-b', FINE, '-r', 'native,wasm3', '--reps', '1', '--format', 'json', '-q'], {
    cwd: repoRoot, reject: false, env: { WASMLAB_WASM3: '/nonexistent/wasm3', WASMLAB_LAUNCHER: launcherPath() },
  });
  assert.equal(r.exitCode, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { rows: { runtime: string; status: string; reason: string }[] }).rows;
  const w = rows.find((x) => x.runtime === 'wasm3')!;
  assert.equal(w.status, 'unavailable');
  assert.match(w.reason, /fix: /);
  assert.equal(rows.find((x) => x.runtime === 'native')!.status, 'ok');
});

test('a build failure is a row per target with the compiler\'s message; the sweep goes on', async () => {
  const broken = tempBenchmark('broken', '#include "wasmlab.h"\nint main(void){\n  int x = 1\n  return x; }\n');
  const rows = await bench({ benchmarks: [broken, FINE], runtimes: ['native', 'wasm3'], reps: 1, warmup: 0 });
  const b = rows.filter((r) => r.benchmark === 'test/broken');
  assert.ok(b.length >= 1);
  for (const r of b) {
    assert.equal(r.status, 'build-failed');
    assert.match(r.reason, /main\.c:3:12: error: expected ';'/, r.reason);
  }
  assert.ok(rows.some((r) => r.benchmark === 'test/fine' && r.status === 'ok'));
});
