/**
 * `run --wasm`: a module built outside wasmlab (clang by hand) runs on three runtimes with no
 * native build; the output reference is the first runtime's output or --expect's file; the row's
 * benchmark is the file name and artifact_sha256 its hash; a bad module is one clear error.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import type { RunRecord } from '../src/record.js';
import { findCompiler } from '../src/toolchain/compilers.js';
import { availableTargets, wasmlab } from './helpers.js';
import { runCells } from './notebook-helpers.js';

const SOURCE = `#include <stdio.h>
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %d: %s\\n", i, argv[i]);
  FILE *f = fopen("data/words.txt", "r");
  if (!f) { printf("no data\\n"); return 0; }
  int c, n = 0; unsigned sum = 0;
  while ((c = fgetc(f)) != EOF) { n++; sum = sum * 31 + (unsigned)c; }
  printf("%d bytes, hash %u\\n", n, sum);
  return 0;
}
`;

async function module(): Promise<{ dir: string; wasm: string; data: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlab-prebuilt-'));
  writeFileSync(join(dir, 'hello.c'), SOURCE);
  const cc = (await findCompiler()).cc;
  await execa(cc, ['--target=wasm32-wasi', '-O2', join(dir, 'hello.c'), '-o', join(dir, 'hello.wasm')]);
  const data = join(dir, 'input');
  mkdirSync(join(data, 'data'), { recursive: true });
  writeFileSync(join(data, 'data', 'words.txt'), 'the quick brown fox\n');
  return { dir, wasm: join(dir, 'hello.wasm'), data };
}

const rowsOf = (stdout: string) => (JSON.parse(stdout) as { rows: RunRecord[] }).rows;

test('run --wasm: a module built by clang by hand, on three runtimes, checked against the first one\'s output', async (t) => {
  const { wasm, data } = await module();
  const targets = await availableTargets(t, ['wasmtime:cranelift', 'wasm3', 'node:turbofan']);
  const r = await wasmlab(['run', '--wasm', wasm, '--args', `3 'two words'`, '--dir', data, '-r', targets.join(','), '-n', '1', '-w', '0', '-f', 'json', '-q']);
  const rows = rowsOf(r.stdout);
  assert.equal(rows.length, targets.length);
  const sha = createHash('sha256').update(readFileSync(wasm)).digest('hex');
  for (const x of rows) {
    assert.equal(x.status, 'ok', `${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, true, `${x.runtime}: output_ok`);
    assert.equal(x.benchmark, 'hello.wasm');
    assert.equal(x.artifact_sha256, sha);
    assert.match(x.argv, /two words/);
  }
});

test('run --wasm --expect: the expected stdout is the reference; a difference is wrong-output', async (t) => {
  const { dir, wasm, data } = await module();
  const targets = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  let hash = 0;
  for (const c of Buffer.from('the quick brown fox\n')) hash = (Math.imul(hash, 31) + c) >>> 0;
  writeFileSync(join(dir, 'good.txt'), `arg 1: x\n20 bytes, hash ${hash}\n`);
  writeFileSync(join(dir, 'bad.txt'), 'arg 1: y\n');
  const good = rowsOf((await wasmlab(['run', '--wasm', wasm, '--args', 'x', '--dir', data, '--expect', join(dir, 'good.txt'), '-r', targets.join(','), '-n', '1', '-w', '0', '-f', 'json', '-q'])).stdout);
  for (const x of good) assert.equal(x.output_ok, true, `${x.runtime}: ${x.reason}`);
  const bad = rowsOf((await wasmlab(['run', '--wasm', wasm, '--args', 'x', '--dir', data, '--expect', join(dir, 'bad.txt'), '-r', targets.join(','), '-n', '1', '-w', '0', '-f', 'json', '-q'], { reject: false })).stdout);
  for (const x of bad) {
    assert.equal(x.status, 'wrong-output');
    assert.match(x.reason, /differs from the --expect file/);
  }
  // Without --dir nothing is preopened: the module finds no data.
  const none = rowsOf((await wasmlab(['run', '--wasm', wasm, '-r', targets[0]!, '-n', '1', '-w', '0', '-f', 'json', '-q'])).stdout);
  assert.equal(none[0]!.status, 'ok');
});

test('run --wasm with a file that is not a valid module is one clear error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlab-badwasm-'));
  writeFileSync(join(dir, 'junk.wasm'), 'not wasm at all');
  const bytes = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60]); // truncated type section
  writeFileSync(join(dir, 'cut.wasm'), bytes);
  for (const [f, why] of [['junk.wasm', /not a WebAssembly module \(it does not start with "\\0asm"\)/], ['cut.wasm', /not a valid WebAssembly module: /]] as const) {
    const r = await wasmlab(['run', '--wasm', join(dir, f), '-r', 'wasmtime:cranelift'], { reject: false });
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, why);
  }
  const r = await wasmlab(['run', '--wasm', join(dir, 'junk.wasm'), '--bench', 'gemm', '-r', 'wasm3'], { reject: false });
  assert.match(r.stderr, /--wasm and --bench exclude each other/);
});

test('%bench --wasm in the kernel: the module on two runtimes, with its arguments and folder', { timeout: 10 * 60_000 }, async (t) => {
  const targets = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  if (targets.length < 2) return t.skip('needs wasmtime and wasm3');
  const { dir, wasm, data } = await module();
  const cells = ['%config store=none', `%bench --wasm ${wasm} -a "x 'y z'" --dir ${data} -r ${targets.join(',')} --reps 1 -o w`,
    "console.log(w['output_ok'].values.join(','), w['benchmark'].values[0], w['status'].values.join(','))", '%bench --wasm x.wasm -b gemm'];
  const out = (await runCells(dir, 'wasm', cells)).map((c) => c.outputs.filter((o) => o.type === 'stream').map((o) => `${o.name}:${o.text}`).join(''));
  assert.equal(out[2]!.trim(), 'stdout:true,true hello.wasm ok,ok', JSON.stringify(out));
  assert.match(out[3]!, /stderr:UsageError: %bench: --wasm and --bench exclude each other/);
});
