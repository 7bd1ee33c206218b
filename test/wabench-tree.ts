/**
 * A WABench-layout tree of our own, written by the tests (no file of the real tree is copied):
 * the real layout (github.com/wabench/wabench) with small programs of ours.
 *
 *   run.sh                 BenchSize=5; BenchSuite+=(…) one at a time; one entry continued with
 *                          `\`; one stale folder name (Benchmarks/xorcrypt, twice: its e and d runs)
 *   Makefile.in            compiler paths under someone's home, OPT=-O2 (both ignored)
 *   PolyBench/linear-algebra/kernels/tinymm   polybench.c in src/, arrays dumped on stderr
 *   MiBench/telecomm/adpcm/rawcodec           reads its input on stdin ("< small.pcm")
 *   MiBench/telecomm/crc                      its input large.pcm is missing (not importable)
 *   JetStream2/wordfreq                       C++ (SRCSUFFIX = cc), no preopen (WasmDir empty)
 *   Whole_Applications/xorcrypt               run_e.sh + run_d.sh, writes output_* files
 *   MiBench/automotive/noisy                  CheckResult=false; not in run.sh (imported alone)
 *   MiBench/security/keyfold                  addKeyfold(): blowfish's bug class (a key overflowing
 *                                             its array, uninitialised locals), for a fix of ours
 *   MiBench/office/tally, MiBench/office/widths   addAdvisory(): CheckResult=false, for the advisory
 *                                             check: tally's output (stdout, stderr and an output_*
 *                                             file) is the same everywhere; widths prints
 *                                             sizeof(long), 8 on x86-64 and 4 on wasm32
 *   MiBench/security/wordsum                  addWordsum(): sha's and basicmath's non-portability (a
 *                                             checksum whose 32-bit word is an `unsigned long`, typedef'd
 *                                             in a header), CheckResult=false, for a fix of ours
 *   MiBench/automotive/bitcount               addTimed(): prints its counters' timings beside their counts
 *                                             and starts them from rand(), like WABench's bitcount
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAKEFILE_IN = `Native = \${Benchmark}
WASM = \${Benchmark}.wasm

SRC = $(wildcard \${SRCDIR}/*.\${SRCSUFFIX})
OBJ = $(SRC:.\${SRCSUFFIX}=.o)

CLANG = clang
ifeq (\${SRCSUFFIX}, $(filter \${SRCSUFFIX}, cc cpp))
    CLANG = clang++
endif

CC = \${HOME}/llvm/llvm-10.0.0.prefix/bin/\${CLANG}
OPT=-O2
WASMCC = \${HOME}/wasi-sdk/wasi-sdk-10.0/bin/\${CLANG} \\
         --sysroot \${HOME}/wasi-sdk/wasi-sdk-10.0/share/wasi-sysroot

all: \${Native} \${WASM}

\${Native}: \${SRC}
\t\${CC} \${CFLAGS} \${OPT} \${CINCLUDE} $^ \${LDFLAGS} -o $@

\${WASM}: \${SRC}
\t\${WASMCC} \${CFLAGS} \${OPT} \${CINCLUDE} $^ -o $@

clean:
\trm -rf \${OBJ} \${Native} \${WASM} \${TEMPFILE} *.cwasm output_*
`;

const POLYBENCH_H = `#ifndef POLYBENCH_H
#define POLYBENCH_H
#include <stdio.h>
#define POLYBENCH_DUMP_TARGET stderr
#define POLYBENCH_DUMP_START fprintf(POLYBENCH_DUMP_TARGET, "==BEGIN DUMP_ARRAYS==\\n")
#define POLYBENCH_DUMP_FINISH fprintf(POLYBENCH_DUMP_TARGET, "==END   DUMP_ARRAYS==\\n")
#define POLYBENCH_DUMP_BEGIN(s) fprintf(POLYBENCH_DUMP_TARGET, "begin dump: %s", s)
#define POLYBENCH_DUMP_END(s) fprintf(POLYBENCH_DUMP_TARGET, "\\nend   dump: %s\\n", s)
void *polybench_alloc_data(unsigned long n, int elt_size);
void polybench_timer_start(void);
void polybench_timer_stop(void);
void polybench_timer_print(void);
#endif
`;

// Like PolyBench's own polybench.c, it includes <sys/resource.h> (wasi-libc wants an opt-in).
const POLYBENCH_C = `#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include "polybench.h"
static double t0, t1;
static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }
void *polybench_alloc_data(unsigned long n, int elt_size) { void *p = calloc(n, elt_size); if (!p) abort(); return p; }
void polybench_timer_start(void) { t0 = now(); }
void polybench_timer_stop(void) { t1 = now(); }
void polybench_timer_print(void) { printf("%0.6f\\n", t1 - t0); }
`;

const TINYMM_H = `#ifndef TINYMM_H
#define TINYMM_H
# if !defined(MINI_DATASET) && !defined(LARGE_DATASET)
#  define MINI_DATASET
# endif
# ifdef MINI_DATASET
#  define N 24
# else
#  define N 400
# endif
#endif
`;

const TINYMM_C = `#include <stdio.h>
#include "polybench.h"
#include "tinymm.h"
static void print_array(double *c) {
  POLYBENCH_DUMP_START;
  POLYBENCH_DUMP_BEGIN("C");
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      if ((i * N + j) % 20 == 0) fprintf(POLYBENCH_DUMP_TARGET, "\\n");
      fprintf(POLYBENCH_DUMP_TARGET, "%0.2lf ", c[i * N + j]);
    }
  POLYBENCH_DUMP_END("C");
  POLYBENCH_DUMP_FINISH;
}
int main(void) {
  double *a = polybench_alloc_data(N * N, sizeof(double));
  double *b = polybench_alloc_data(N * N, sizeof(double));
  double *c = polybench_alloc_data(N * N, sizeof(double));
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i * N + j] = (i * j + 1) % N / (double)N; b[i * N + j] = (i + 2 * j) % N / (double)N; }
  polybench_timer_start();
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { double s = 0; for (int k = 0; k < N; k++) s += a[i * N + k] * b[k * N + j]; c[i * N + j] = 1.5 * s; }
  polybench_timer_stop();
#ifdef POLYBENCH_DUMP_ARRAYS
  print_array(c);
#endif
  return 0;
}
`;

const RAWCODEC_C = `#include <stdio.h>
/* Delta-codes 16-bit samples read from stdin; prints a checksum of the codes. */
int main(void) {
  unsigned char buf[2]; int prev = 0; unsigned sum = 0, n = 0; /* 32-bit on both targets */
  while (fread(buf, 1, 2, stdin) == 2) {
    int s = (short)(buf[0] | (buf[1] << 8)); int d = s - prev; prev = s;
    sum = sum * 31 + (unsigned)(d & 0xffff); n++;
  }
  printf("samples %u checksum %u\\n", n, sum);
  return 0;
}
`;

const CRC_C = `#include <stdio.h>
int main(int argc, char **argv) { FILE *f = fopen(argv[1], "rb"); if (!f) return 1; unsigned c = 0; int ch; while ((ch = fgetc(f)) != EOF) c = c * 33 + ch; printf("%08x\\n", c); return 0; }
`;

const WORDFREQ_CC = `#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>
// A C++ program (std::map, std::string, std::vector): word frequencies of generated text.
int main(int argc, char **argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "ta"};
  std::map<std::string, int> freq;
  unsigned x = 12345;
  for (int i = 0; i < n; i++) {
    std::string w;
    x = x * 1103515245u + 12345u;
    for (unsigned k = 0; k < 1 + (x >> 16) % 3; k++) w += syll[(x >> (4 + 3 * k)) % 6];
    freq[w]++;
  }
  std::vector<std::pair<int, std::string>> top;
  for (auto &kv : freq) top.push_back({kv.second, kv.first});
  std::printf("%zu distinct words\\n", top.size());
  for (size_t i = 0; i < top.size() && i < 5; i++) std::printf("%s %d\\n", top[i].second.c_str(), top[i].first);
  return 0;
}
`;

const XORCRYPT_C = `#include <stdio.h>
#include <string.h>
/* xorcrypt e|d IN OUT KEY: XORs IN with KEY (cyclic) into OUT, which a run leaves in the folder. */
int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: xorcrypt e|d in out key\\n"); return 2; }
  FILE *in = fopen(argv[2], "rb"), *out = fopen(argv[3], "wb");
  if (!in || !out) { perror("open"); return 1; }
  size_t k = strlen(argv[4]), i = 0; int c; unsigned long sum = 0;
  while ((c = fgetc(in)) != EOF) { int o = c ^ argv[4][i++ % k]; fputc(o, out); sum += (unsigned)o; }
  fclose(out);
  printf("%s %zu bytes, sum %lu\\n", argv[1][0] == 'e' ? "encrypted" : "decrypted", i, sum);
  return 0;
}
`;

const NOISY_C = `#include <stdio.h>
#include <time.h>
int main(void) { printf("%ld\\n", (long)clock()); return 0; }
`;

// The bug class of WABench's blowfish, in a program of ours: a hex key of 8 bytes stored into
// key[4], and a state array and a position the program never initialises, read by another file.
export const KEYFOLD_C = `#include <stdio.h>
#include "fold.h"
int main(int argc, char **argv) {
  unsigned char key[4];
  unsigned char state[8];
  int pos;
  int i = 0, by = 0;
  const char *cp = argv[3];
  if (argc != 4) { printf("usage: keyfold in out hexkey\\n"); return 2; }
  while (i < 16 && *cp) {
    char ch = *cp++;
    by = (by << 4) + (ch <= '9' ? ch - '0' : (ch | 32) - 'a' + 10);
    if (i++ & 1) key[i / 2 - 1] = by & 0xff;
  }
  FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
  if (!in || !out) return 1;
  fold(in, out, key, state, &pos);
  fclose(out);
  return 0;
}
`;

export const FOLD_C = `#include <stdio.h>
#include "fold.h"
/* Stream cipher of sorts: the output depends on key[0..3], state[0..7] and *pos as they come in. */
void fold(FILE *in, FILE *out, const unsigned char *key, unsigned char *state, int *pos) {
  int c;
  unsigned long sum = 0;
  while ((c = fgetc(in)) != EOF) {
    int p = *pos & 7;
    state[p] = (unsigned char)(state[p] * 31 + c + key[p & 3]);
    fputc(c ^ state[p], out);
    sum += state[p];
    *pos = *pos + 1;
  }
  printf("folded, sum %lu\\n", sum % 1000003);
}
`;

export const FOLD_H = `#include <stdio.h>
void fold(FILE *in, FILE *out, const unsigned char *key, unsigned char *state, int *pos);
`;

/** MiBench/security/keyfold (not in run.sh: imported alone): KEYFOLD_C's bug, a fix of ours applies. */
export function addKeyfold(root: string): string {
  return benchFolder(root, 'MiBench/security/keyfold', {
    name: 'keyfold', sources: { 'keyfold.c': KEYFOLD_C, 'fold.c': FOLD_C, 'fold.h': FOLD_H },
    runs: { 'run.sh': { arg: 'input.txt output_fold.bin 0123456789abcdef', iter: '1', wasmdir: '.', check: 'true' } },
    files: { 'input.txt': PLAIN },
  });
}

// Deterministic: the same stdout, stderr and output file on every target.
const TALLY_C = `#include <stdio.h>
int main(int argc, char **argv) {
  FILE *out = fopen(argv[1], "w");
  if (!out) return 1;
  unsigned sum = 0;
  for (unsigned i = 1; i <= 1000; i++) { sum = sum * 17 + i; if (i % 250 == 0) fprintf(out, "%u %u\\n", i, sum); }
  fclose(out);
  printf("tally %u\\n", sum);
  fprintf(stderr, "done\\n");
  return 0;
}
`;

// Its output depends on the data model: sizeof(long) is 8 on x86-64 (LP64), 4 on wasm32 (ILP32).
const WIDTHS_C = `#include <stdio.h>
int main(void) { printf("sizeof(long) = %zu\\n", sizeof(long)); return 0; }
`;

/** Two CheckResult=false folders (not in run.sh: imported alone), for the advisory check. */
export function addAdvisory(root: string): { tally: string; widths: string } {
  return {
    tally: benchFolder(root, 'MiBench/office/tally', {
      name: 'tally', sources: { 'tally.c': TALLY_C }, runs: { 'run.sh': { arg: 'output_tally.txt', iter: '1', wasmdir: '.', check: 'false' } },
    }),
    widths: benchFolder(root, 'MiBench/office/widths', {
      name: 'widths', sources: { 'widths.c': WIDTHS_C }, runs: { 'run.sh': { arg: '', iter: '1', wasmdir: '', check: 'false' } },
    }),
  };
}

// The non-portability of MiBench's sha and basicmath, in a program of ours: a rotate-and-add
// checksum written for a 32-bit `unsigned long` (its word type, in a header both sources include).
// On x86-64 (LP64) the word is 64-bit: the rotation does not wrap and native prints another number
// (16 hex digits) than wasm32, where it is 32-bit as written.
export const WORDSUM_H = `#ifndef WORDSUM_H
#define WORDSUM_H
typedef unsigned long WORD;   /* a 32-bit word */
WORD wordsum(const unsigned char *p, int n);
#endif
`;

export const WORDSUM_C = `#include "wordsum.h"
#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
WORD wordsum(const unsigned char *p, int n) {
  WORD h = 0x6a09e667;
  for (int i = 0; i < n; i++) h = ROTL(h, 5) + p[i] + (h >> 7);
  return h;
}
`;

export const WORDSUM_MAIN_C = `#include <stdio.h>
#include "wordsum.h"
int main(int argc, char **argv) {
  static unsigned char buf[1 << 16];
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  int n = (int)fread(buf, 1, sizeof buf, f);
  fclose(f);
  WORD h = wordsum(buf, n);
  printf("%d bytes, wordsum %08lx\\n", n, h);
  return 0;
}
`;

/** MiBench/security/wordsum (not in run.sh: imported alone): CheckResult=false, WORDSUM_H's word width. */
export function addWordsum(root: string): string {
  return benchFolder(root, 'MiBench/security/wordsum', {
    name: 'wordsum', sources: { 'wordsum.h': WORDSUM_H, 'wordsum.c': WORDSUM_C, 'main.c': WORDSUM_MAIN_C },
    runs: { 'run.sh': { arg: 'input.txt', iter: '1', wasmdir: '.', check: 'false' } },
    files: { 'input.txt': PLAIN },
  });
}

// What makes WABench's bitcount incomparable, in a program of ours: three bit counters of our own,
// each timed with clock() and its time printed beside its count (the lines WABench's bitcount
// prints), the fastest and slowest named, and each started from rand(), whose sequence is glibc's
// natively and wasi-libc's in wasm. WABENCH_FIXES's bitcount edit applies to it.
export const TIMED_C = `#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <float.h>
#define FUNCS 3
static int by_shift(long x) { int n = 0; for (; x; x >>= 1) n += (int)(x & 1L); return n; }
static int by_clear(long x) { int n = 0; for (; x; x &= x - 1) n++; return n; }
static int by_nybble(long x) { static const int t[16] = {0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}; int n = 0; for (; x; x >>= 4) n += t[x & 15]; return n; }
int main(int argc, char **argv) {
  static int (*count[FUNCS])(long) = { by_shift, by_clear, by_nybble };
  static const char *text[FUNCS] = { "Shift and add", "Clear the lowest set bit", "Table of nybbles" };
  clock_t start, stop;
  double ct, cmin = DBL_MAX, cmax = 0;
  int i, cminix = 0, cmaxix = 0;
  long j, n, seed;
  int iterations = argc > 1 ? atoi(argv[1]) : 100000;
  for (i = 0; i < FUNCS; i++) {
    start = clock();
    for (j = n = 0, seed = rand(); j < iterations; j++, seed += 13)
      n += count[i](seed);
    stop = clock();
    ct = (stop - start) / (double)CLOCKS_PER_SEC;
    if (ct < cmin) { cmin = ct; cminix = i; }
    if (ct > cmax) { cmax = ct; cmaxix = i; }
    printf("%-38s> Time: %7.3f sec.; Bits: %ld\\n", text[i], ct, n);
  }
  printf("\\nBest  > %s\\n", text[cminix]);
  printf("Worst > %s\\n", text[cmaxix]);
  return 0;
}
`;

/** MiBench/automotive/bitcount (our code: TIMED_C prints its timings), for bitcount's fix and WABENCH_NOTES. */
export function addTimed(root: string): string {
  return benchFolder(root, 'MiBench/automotive/bitcount', {
    name: 'bitcount', sources: { 'bitcnts.c': TIMED_C }, runs: { 'run.sh': { arg: '200000', iter: '1', wasmdir: '', check: 'false' } },
  });
}

export const XOR_KEY = '1234567890abcdef';
export const PLAIN = 'WebAssembly runtimes measured against native code.\n'.repeat(40);

export interface TestTree {
  root: string;
  /** Folders by short name. */
  dirs: Record<string, string>;
}

function benchFolder(root: string, rel: string, o: {
  name: string; suffix?: string; cflags?: string; cinclude?: string; ldflags?: string; tempfile?: string;
  sources: Record<string, string>; runs: Record<string, { native?: string; arg: string; iter: string; wasmdir: string; check?: string }>;
  files?: Record<string, string | Buffer>;
}): string {
  const d = join(root, rel);
  mkdirSync(join(d, 'src'), { recursive: true });
  for (const [f, text] of Object.entries(o.sources)) writeFileSync(join(d, 'src', f), text);
  for (const [f, data] of Object.entries(o.files ?? {})) { mkdirSync(join(d, f, '..'), { recursive: true }); writeFileSync(join(d, f), data); }
  const up = rel.split('/').map(() => '..').join('/');
  writeFileSync(join(d, 'Makefile'), `Benchmark = ${o.name}

SRCDIR = ./src
SRCSUFFIX = ${o.suffix ?? 'c'}

CFLAGS = ${o.cflags ?? ''}
CINCLUDE = ${o.cinclude ?? ''}
OPT = -O3
LDFLAGS = ${o.ldflags ?? ''}
${o.tempfile ? `\nTEMPFILE = ${o.tempfile}\n` : ''}
include ${up}/Makefile.in
`);
  for (const [script, r] of Object.entries(o.runs)) {
    writeFileSync(join(d, script), `#!/bin/bash

Native=${r.native ?? `./${o.name}`}

NativeArg=${r.arg.includes(' ') ? `"${r.arg}"` : r.arg}

Iter=${r.iter}

WasmDir=${r.wasmdir}

RunAOT=false
${r.check !== undefined ? `\n# Do not check result due to differences\nCheckResult=${r.check}\n` : ''}
. ${up}/common.sh
`);
  }
  writeFileSync(join(d, 'LICENSE'), 'test fixture\n');
  return d;
}

/** 16-bit little-endian samples: a deterministic saw-tooth with a wobble. */
function pcm(samples: number): Buffer {
  const b = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) b.writeInt16LE(((i * 37) % 2000) - 1000 + ((i * i) % 17), i * 2);
  return b;
}

export function xor(data: Buffer, key: string): Buffer {
  return Buffer.from(data.map((c, i) => c ^ key.charCodeAt(i % key.length)));
}

export function makeWabenchTree(): TestTree {
  const root = mkdtempSync(join(tmpdir(), 'wabench-tree-'));
  writeFileSync(join(root, 'Makefile.in'), MAKEFILE_IN);
  writeFileSync(join(root, 'common.sh'), '# the real tree runs every runtime here; wasmlab does not read it\n');
  const dirs: Record<string, string> = {};
  dirs.tinymm = benchFolder(root, 'PolyBench/linear-algebra/kernels/tinymm', {
    name: 'tinymm', cflags: '-DPOLYBENCH_DUMP_ARRAYS -DPOLYBENCH_USE_C99_PROTO', cinclude: '-I${SRCDIR}',
    sources: { 'tinymm.c': TINYMM_C, 'tinymm.h': TINYMM_H, 'polybench.c': POLYBENCH_C, 'polybench.h': POLYBENCH_H },
    runs: { 'run.sh': { arg: '', iter: '1', wasmdir: '', check: 'true' } },
  });
  dirs.rawcodec = benchFolder(root, 'MiBench/telecomm/adpcm/rawcodec', {
    name: 'rawcodec', sources: { 'rawcodec.c': RAWCODEC_C },
    runs: { 'run.sh': { arg: '< small.pcm', iter: '1', wasmdir: '.', check: 'true' } },
    files: { 'small.pcm': pcm(4000) },
  });
  dirs.crc = benchFolder(root, 'MiBench/telecomm/crc', {
    name: 'crc', ldflags: '-lm', sources: { 'crc.c': CRC_C },
    runs: { 'run.sh': { arg: 'large.pcm', iter: '10', wasmdir: '.', check: 'false' } },
  });
  dirs.wordfreq = benchFolder(root, 'JetStream2/wordfreq', {
    name: 'wordfreq', suffix: 'cc', cflags: '-fno-exceptions -std=c++17', sources: { 'wordfreq.cc': WORDFREQ_CC },
    runs: { 'run.sh': { arg: '3000', iter: '1', wasmdir: '', check: 'true' } },
  });
  const plain = Buffer.from(PLAIN);
  dirs.xorcrypt = benchFolder(root, 'Whole_Applications/xorcrypt', {
    name: 'xorcrypt', cflags: '-fomit-frame-pointer', sources: { 'xorcrypt.c': XORCRYPT_C },
    runs: {
      'run_e.sh': { arg: `e input.txt output_x.enc ${XOR_KEY}`, iter: '10', wasmdir: '.', check: 'true' },
      'run_d.sh': { arg: `d input.enc output_x.txt ${XOR_KEY}`, iter: '10', wasmdir: '.', check: 'true' },
    },
    files: { 'input.txt': plain, 'input.enc': xor(plain, XOR_KEY) },
  });
  dirs.noisy = benchFolder(root, 'MiBench/automotive/noisy', {
    name: 'noisy', sources: { 'noisy.c': NOISY_C }, runs: { 'run.sh': { arg: '', iter: '3', wasmdir: '', check: 'false' } },
  });
  writeFileSync(join(root, 'run.sh'), `#!/bin/bash

RunAOT=false

BenchRoot="$HOME/WABench"

BenchSize=5
BenchSuite=()
# Structure:  Benchmark directory                          Native         NativeArg        Iter  WasmDir
BenchSuite+=("PolyBench/linear-algebra/kernels/tinymm"   "./tinymm"     ""               "1"   "")
BenchSuite+=("MiBench/telecomm/adpcm/rawcodec"           "./rawcodec"   "< small.pcm"    "10"  ".")
BenchSuite+=("MiBench/telecomm/crc"                      "./crc"        "large.pcm"      "10"  ".")
BenchSuite+=("JetStream2/wordfreq"                       "./wordfreq"   \\
             "3000" "1" "")
BenchSuite+=("Benchmarks/xorcrypt"                       "./xorcrypt"   \\
             "e input.txt output_x.enc ${XOR_KEY}" "10" ".")
BenchSuite+=("Benchmarks/xorcrypt"                       "./xorcrypt"   \\
             "d input.enc output_x.txt ${XOR_KEY}" "10" ".")

NumBench=$( echo "scale=0; \${#BenchSuite[@]} / $BenchSize" | bc -l )
for (( idx=0; idx<\${#BenchSuite[@]}; idx+=\${BenchSize} )); do
    cd \${BenchSuite[idx]}
    . $CommonScript
done
`);
  return { root, dirs };
}
