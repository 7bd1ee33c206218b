/**
 * WAVM as setup builds it (setup/steps/wavm.sh, patches in setup/wavm/patches): real runs, JIT
 * and AOT, checked against native. Skipped when wavm is not set up, unless CI requires it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bench } from '../src/api.js';
import { doctor, required, tempBenchmark } from './helpers.js';

async function wavmOrSkip(t: { skip: (m: string) => void }): Promise<boolean> {
  const row = (await doctor()).find((r) => r.id === 'wavm');
  if (row?.available) return true;
  if (required('wavm')) assert.fail(`wavm is required here but unavailable: ${row?.reason}`);
  t.skip(`wavm not set up: ${row?.reason} (fix: ${row?.fix})`);
  return false;
}

test('wavm JIT and AOT: three suite benchmarks at -O0 and -O2 print what native prints', async (t) => {
  if (!(await wavmOrSkip(t))) return;
  const rows = await bench({
    benchmarks: ['gemm', 'crc32', 'quicksort'], runtimes: ['native', 'wavm'], opt: ['O0', 'O2'], aot: true, reps: 1, warmup: 0,
  });
  const mine = rows.filter((r) => r.runtime === 'wavm');
  assert.equal(mine.length, 3 * 2 * 2, 'one row per benchmark, -O level and JIT/AOT');
  for (const r of mine) {
    const id = `${r.benchmark} ${r.opt} wavm${r.aot ? '+aot' : ''}`;
    assert.equal(r.status, 'ok', `${id}: ${r.reason}`);
    assert.equal(r.output_ok, true, `${id}: output differs from native`);
    if (r.aot) assert.ok(r.aot_compile_s! > 0, `${id}: no aot_compile_s`);
  }
  assert.match(mine[0]!.runtime_version, /^WAVM 2020 snapshot from wavm-sys \S+, \d+ patches, LLVM \d+/);
});

// What patch 09 translates (wasi_snapshot_preview1: fd_seek whence, filestat layout) plus the
// run-folder contract: a relative input file, stdin, a written output file.
const WASI_IO = `#include "wasmlab.h"
#include <sys/stat.h>
int main(void) {
  FILE *f = fopen("data.bin", "rb");
  if (!f) { perror("data.bin"); return 1; }
  fseek(f, 0, SEEK_END); long n = ftell(f);
  fseek(f, 100, SEEK_SET); int a = fgetc(f);
  fseek(f, 7, SEEK_CUR); int b = fgetc(f);
  struct stat st, fst;
  int r1 = stat("data.bin", &st), r2 = fstat(fileno(f), &fst);
  fclose(f);
  unsigned char buf[512]; size_t got = fread(buf, 1, sizeof buf, stdin);
  printf("size=%ld a=%d b=%d stat=%d/%lld/%d fstat=%d/%lld/%d stdin=%zu\\n", n, a, b,
         r1, (long long)st.st_size, S_ISREG(st.st_mode), r2, (long long)fst.st_size, S_ISREG(fst.st_mode), got);
  wl_checksum_bytes("stdin", buf, got);
  FILE *o = fopen("out.bin", "wb");
  if (!o) { perror("out.bin"); return 1; }
  fwrite(buf, 1, got, o); fclose(o);
  return 0;
}
`;

test('wavm JIT and AOT: relative file, seek/stat, stdin and a written file match native', async (t) => {
  if (!(await wavmOrSkip(t))) return;
  const dir = tempBenchmark('wavm-wasi-io', WASI_IO, {
    inputs: [{ name: 'data.bin', generator: 'random-bytes', seed: 7, size: { mini: 4096, large: 4096 } }],
    stdin: 'data.bin', outputs: ['out.bin'], check: 'stdout+files', sizes: { mini: [], large: [] },
  });
  const rows = await bench({ benchmarks: [dir], runtimes: ['native', 'wavm'], aot: true, reps: 1, warmup: 0 });
  const mine = rows.filter((r) => r.runtime === 'wavm');
  assert.equal(mine.length, 2);
  for (const r of mine) {
    assert.equal(r.status, 'ok', `wavm${r.aot ? '+aot' : ''}: ${r.reason}`);
    assert.equal(r.output_ok, true, `wavm${r.aot ? '+aot' : ''}: stdout or out.bin differs from native`);
  }
});

test('wavm passes the guest exit code through', async (t) => {
  if (!(await wavmOrSkip(t))) return;
  const dir = tempBenchmark('wavm-exit', '#include "wasmlab.h"\nint main(void){ printf("bye\\n"); return 3; }\n');
  const rows = await bench({ benchmarks: [dir], runtimes: ['wavm'], aot: true, reps: 1, warmup: 0 });
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.status, 'nonzero-exit', `wavm${r.aot ? '+aot' : ''}: ${r.status} ${r.reason}`);
    assert.equal(r.exit_code, 3);
  }
});
