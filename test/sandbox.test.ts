/**
 * Issue 19, sandbox: a wasm module sees only its run folder. A program that tries to write
 * `../x`, `../../x` or an absolute path, and to read /etc/passwd directly or through `..`, fails
 * on every wasm runtime here, and nothing outside the run folder is written. (Native runs are not
 * confined: docs/failures.md.)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch } from '../src/measure/launch.js';
import { ADAPTERS, detectMode } from '../src/runtimes/registry.js';
import { readManifest } from '../src/suite/manifest.js';
import { buildBenchmark } from '../src/toolchain/build.js';
import { bench } from '../src/api.js';
import { generatedInput } from '../src/suite/inputs.js';
import { availableTargets, required, tempBenchmark } from './helpers.js';

test('every wasm runtime keeps a module inside its run folder', async (t) => {
  const src = mkdtempSync(join(tmpdir(), 'wasmlab-test-escape-'));
  const abs = join(tmpdir(), `wasmlab-escape-abs-${process.pid}`);
  writeFileSync(join(src, 'main.c'), `#include <stdio.h>
static int w(const char *p) { FILE *f = fopen(p, "w"); if (!f) return 0; fputs("x", f); fclose(f); return 1; }
static int r(const char *p) { FILE *f = fopen(p, "r"); if (!f) return 0; int c = fgetc(f); fclose(f); return c != EOF; }
int main(void) {
  printf("%d %d %d %d %d %d\\n", w("../escape1"), w("../../escape2"), w("sub/../../escape3"), w("${abs}"),
         r("/etc/passwd"), r("../../../../../../etc/passwd"));
  printf("inside %d\\n", w("inside.txt") && r("inside.txt") && w("./d/../inside2.txt"));
  return 0; }
`);
  writeFileSync(join(src, 'bench.json'), JSON.stringify({ id: 'test/escape', group: 'test', category: 'test', language: 'c', description: 'escape', origin: 'test', sources: ['main.c'], sizes: { mini: [] }, check: 'stdout' }));
  const wasm = await buildBenchmark(readManifest(join(src, 'bench.json')), 'wasm', 'O2');
  let checked = 0;
  for (const a of ADAPTERS.filter((x) => x.kind === 'wasm')) {
    for (const m of a.modes.filter((x) => x.aot !== 'always')) {
      const id = `${a.name}:${m.mode}`;
      const d = await detectMode(a, m.mode);
      if (!d.available) {
        if (required(a.name)) assert.fail(`${id} is required here but unavailable`);
        t.diagnostic(`SKIPPED RUNTIME ${id}: ${d.reason}`);
        continue;
      }
      const top = mkdtempSync(join(tmpdir(), 'wasmlab-test-jail-'));
      const run = join(top, 'mid', 'run');
      mkdirSync(join(run, 'd'), { recursive: true });
      rmSync(abs, { force: true });
      const cmd = a.runCommand(m.mode, false, { program: wasm.path, args: [], dir: run, preopen: true });
      const res = await launch({ argv: cmd.argv, env: cmd.env, cwd: run, stdout: join(top, 'out'), stderr: join(top, 'err') });
      const out = readFileSync(join(top, 'out'), 'utf8');
      assert.equal(res.exit_code, 0, `${id}: ${readFileSync(join(top, 'err'), 'utf8').slice(-300)}`);
      const [writes, reads] = [out.split('\n')[0]!.split(' ').slice(0, 4), out.split('\n')[0]!.split(' ').slice(4)];
      assert.deepEqual(reads, ['0', '0'], `${id} read /etc/passwd: ${out}`);
      // Wasmer 4.4 keeps files a guest creates outside its mapped folder in memory: the writes
      // "succeed" and vanish. Every other runtime refuses them.
      if (a.name !== 'wasmer') assert.deepEqual(writes, ['0', '0', '0', '0'], `${id} wrote outside: ${out}`);
      for (const f of [join(top, 'mid', 'escape1'), join(top, 'escape2'), join(top, 'mid', 'escape3'), abs]) {
        assert.equal(existsSync(f), false, `${id} wrote ${f}`);
      }
      if (a.name !== 'wasmer') assert.match(out, /inside 1/, `${id}: writing inside the run folder works`);
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('a program that writes into its input leaves the cached input (and the next run\'s copy) intact', async () => {
  const spec = { name: 'data.bin', generator: 'random-bytes', seed: 1919, size: { mini: 4096 } };
  const cached = generatedInput(spec, 'mini');
  const before = readFileSync(cached);
  const b = tempBenchmark('clobber', `#include "wasmlab.h"
int main(void){ FILE *f = fopen("data.bin", "r+b"); if (!f) return 2; int c = fgetc(f); rewind(f);
  fputs("CLOBBERED", f); fclose(f); printf("%d\\n", c); return 0; }
`, { inputs: [spec] });
  const rows = await bench({ benchmarks: [b], runtimes: ['native'], reps: 2, warmup: 0 });
  assert.equal(rows.length, 2);
  for (const r of rows) assert.equal(r.status, 'ok', r.reason);
  assert.ok(readFileSync(cached).equals(before), 'the cached generated input was changed by a run');
});

test('every run starts from the folder as prepared: what an earlier run created is gone', async (t) => {
  const wasm = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  const b = tempBenchmark('leftovers', `#include "wasmlab.h"
#include <sys/stat.h>
int main(void){ FILE *f = fopen("junk.txt", "r"); int had = f != NULL; if (f) fclose(f);
  struct stat st; int dir = stat("made", &st) == 0;
  f = fopen("junk.txt", "w"); fputs("x", f); fclose(f); mkdir("made", 0755); f = fopen("made/inner", "w"); fclose(f);
  printf("junk before: %d, dir before: %d\\n", had, dir); return 0; }
`);
  const rows = await bench({ benchmarks: [b], runtimes: ['native', ...wasm], reps: 3, warmup: 1 });
  assert.ok(rows.length >= 3);
  for (const r of rows) assert.equal(r.status, 'ok', `${r.runtime} rep ${r.rep}: ${r.reason}`);
});

test('files native created that a runtime kept off the disk (Wasmer 4.4: in memory) are noted on its rows', async (t) => {
  const wasm = await availableTargets(t, ['wasmtime:cranelift', 'wasmer:singlepass']);
  const b = tempBenchmark('creates', `#include "wasmlab.h"
int main(void){ wl_kernel_begin(); FILE *f = fopen("made.txt", "w"); for (int i = 0; i < 1000; i++) fprintf(f, "%d\\n", i); fclose(f);
  f = fopen("made.txt", "r"); int n = 0, x; while (fscanf(f, "%d", &x) == 1) n++; fclose(f); wl_kernel_end(); printf("%d\\n", n); return 0; }
`);
  const rows = await bench({ benchmarks: [b], runtimes: ['native', ...wasm], reps: 1, warmup: 0 });
  for (const r of rows) {
    assert.equal(r.status, 'ok', `${r.runtime}: ${r.reason}`);
    if (r.runtime === 'wasmer') assert.match(r.reason, /1 file\(s\) native created never reached the disk here \(made\.txt\)/);
    else assert.equal(r.reason, '', `${r.runtime}: ${r.reason}`);
  }
});
