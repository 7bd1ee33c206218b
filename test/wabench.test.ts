/**
 * Import of a WABench-layout tree that the test writes itself: two C benchmarks, one reading
 * stdin and a file from its preopened folder; built by our toolchain and run on native and a
 * wasm runtime with matching output.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bench } from '../src/api.js';
import { bashWords, parseMakeVars, parseRunSh } from '../src/suite/wabench.js';
import { wasmlab } from './helpers.js';

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'wabench-'));
  const bench = (folder: string, name: string, extra: string, src: string) => {
    const d = join(root, folder, name);
    mkdirSync(join(d, 'src'), { recursive: true });
    writeFileSync(join(d, 'src', `${name}.c`), src);
    writeFileSync(join(d, 'Makefile'), `Benchmark=${name}\nSRCDIR=src\nSRCSUFFIX=c\nCFLAGS=-Wall \\\n  -DSCALE=3\nCINCLUDE=-I./include\nLDFLAGS=-lm\nOPT=-O3\n${extra}include ../../Makefile.in\n`);
    mkdirSync(join(d, 'include'), { recursive: true });
    writeFileSync(join(d, 'include', 'scale.h'), '#define SCALE2 (SCALE * 2)\n');
    return d;
  };
  writeFileSync(join(root, 'Makefile.in'), 'CC=/opt/wasi-sdk/bin/clang\nall:\n\t$(CC) $(OPT) $(CFLAGS) -o $(Benchmark) $(SRCDIR)/*.c\n');
  bench('compute', 'powers', '', '#include <stdio.h>\n#include <stdlib.h>\n#include <math.h>\n#include "scale.h"\nint main(int c, char **v) { int n = atoi(v[1]); double s = 0; for (int i = 1; i <= n; i++) s += pow(i, 0.5) * SCALE2; printf("%.6f\\n", s); return 0; }\n');
  const d = bench('io', 'wordcount', '', `#include <stdio.h>
#include <string.h>
#include "scale.h"
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "r"); if (!f) { perror(argv[1]); return 1; }
  int words = 0, c, in = 0; while ((c = fgetc(f)) != EOF) { if (c == ' ' || c == '\\n') in = 0; else if (!in) { in = 1; words++; } }
  char line[128]; int lines = 0; while (fgets(line, sizeof line, stdin)) lines++;
  printf("file words %d, stdin lines %d, scale %d\\n", words, lines, SCALE2); return 0;
}
`);
  writeFileSync(join(d, 'words.txt'), 'the quick brown fox\njumps over the lazy dog\n');
  writeFileSync(join(d, 'lines.txt'), 'a\nb\nc\n');
  writeFileSync(join(root, 'run.sh'), `#!/bin/bash
# benchmark folder, native binary, args, iterations, preopen dir
benchmarks=(
  "compute/powers" "./powers" "1000" 5 ""
  "io/wordcount" "./wordcount" "words.txt < lines.txt" 3 "."
)
for ((i=0; i<\${#benchmarks[@]}; i+=5)); do echo "\${benchmarks[i]}"; done
`);
  return root;
}

test('bash words, Makefile variables and run.sh entries', () => {
  assert.deepEqual(bashWords(`a "b c" 'd e' f\\ g # comment\n h`), ['a', 'b c', 'd e', 'f g', 'h']);
  assert.deepEqual(parseMakeVars('A=1\nB := $(A) 2\nB += 3\nC = x \\\n y\n'), { A: '1', B: '1 2 3', C: 'x   y' });
  const e = parseRunSh('x=(\n "f/a" "./a" "1 < in" 3 "."\n)\n');
  assert.deepEqual(e, [{ folder: 'f/a', binary: './a', args: '1 < in', iterations: 3, preopen: '.' }]);
});

test('suite import turns a WABench tree into manifests that run on native and wasm', async () => {
  const tree = makeTree();
  const out = mkdtempSync(join(tmpdir(), 'wabench-out-'));
  const r = await wasmlab(['suite', 'import', tree, '--out', out]);
  assert.match(r.stdout, /imported 2 benchmarks/);
  const rows = await bench({ benchmarks: [out], runtimes: ['native', 'wasmtime:cranelift'], reps: 1, warmup: 0 });
  const ran = rows.filter((x) => x.status !== 'unavailable');
  assert.ok(ran.some((x) => x.runtime === 'wasmtime'), 'wasmtime must be available for this test (bash setup/setup.sh)');
  assert.equal(ran.length, 4);
  for (const x of ran) {
    assert.equal(x.status, 'ok', `${x.benchmark} ${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, true);
    assert.doesNotMatch(x.cflags, /-O3/, 'their -O level is dropped, ours is used');
  }
  assert.deepEqual(rows.map((x) => x.benchmark).sort(), ['compute/powers', 'compute/powers', 'io/wordcount', 'io/wordcount']);
});

test('importing something that is not a WABench tree is one clear error', async () => {
  const r = await wasmlab(['suite', 'import', tmpdir() + '/nope-not-here'], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^wasmlab: .*has no run\.sh/);
});
