/**
 * Fixes of ours for undefined behaviour in WABench programs whose output then depends on memory
 * layout: native and wasm lay out a stack frame differently, so such a program's output differs
 * for reasons that are not the runtime's, and the output check cannot tell a runtime bug from it.
 *
 * The same goes for code written for a 32-bit `long` (MiBench's sha and basicmath): on x86-64
 * (LP64) `long` is 64-bit, on wasm32 (ILP32) 32-bit, as the code assumes, so native computed
 * another thing than the program was written to compute, and than every runtime.
 *
 * Chosen per benchmark, not for every import: a fix is a flag where a flag can do it (built into
 * both native and wasm), and an edit only where no flag can (a buffer too small for what the
 * program writes into it, a typedef). An edit is written from the bug, not copied: regular
 * expressions applied at import to a copy of the file, written beside the manifest (in the cache,
 * or `--out`); the WABench tree is never touched and no WABench file enters this repository. An
 * edit applies only to the exact file it was written for (its SHA-256): a different bf.c is
 * imported unfixed (the whole fix, flags too), and the import says so. An edited header is found
 * first by the sources beside it, which are copied unchanged beside it (a quoted `#include`
 * looks in the includer's folder first), and by the others through the include path. Every
 * applied fix is reported in the entry's notes, its `origin`, and its flags in every row's
 * `cflags`.
 *
 * Why not `-ftrivial-auto-var-init=zero` for every import: it zeroes every local array on every
 * call (MiBench's sha, jpeg and others have stack buffers), which changes what the other
 * benchmarks measure, and it cannot fix an overflow anyway (blowfish below: the zeroed IV is
 * overwritten by the key's second half after its initialisation).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export interface SourceEdit {
  /** The file, relative to the benchmark folder (one of its sources, or a header beside them). */
  file: string;
  /** SHA-256 of the file the edit was written for. */
  sha256: string;
  /** Each must match exactly once. */
  replace: readonly (readonly [RegExp, string])[];
}

export interface SourceFix {
  /** The benchmark folder, relative to the tree ("MiBench/security/blowfish"). */
  folder: string;
  /** The bug, in our words: what goes into the notes and the manifest's origin. */
  why: string;
  /** Flags added to both builds. */
  cflags?: readonly string[];
  /** Edits, all applied or none. */
  edits?: readonly SourceEdit[];
}

export const WABENCH_FIXES: readonly SourceFix[] = [
  {
    // WABench's blowfish reads the 32-hex-digit key of its run_e.sh/run_d.sh (16 bytes, and up to
    // 64 digits = 32 bytes per its own comment) into an 8-byte array, and passes an IV array and
    // a counter it never initialises to BF_cfb64_encrypt. On x86-64 the key's second half lands in
    // the IV; in wasm32 it does not, so the output file differed (wrong-output) with every runtime
    // correct. Fixed, native and wasm agree, and the e run's output is byte for byte WABench's own
    // input_large.enc (the d run's input): an 8-byte key and a zero IV are what its authors had.
    folder: 'MiBench/security/blowfish',
    why: 'bf.c stores a key of up to 32 bytes in `ukey[8]` (the array made 32 bytes) and never initialises `ivec` and `num` (-ftrivial-auto-var-init=zero)',
    cflags: ['-ftrivial-auto-var-init=zero'],
    edits: [{
      file: 'src/bf.c',
      sha256: '9f8fb1be972283ff5b00a9c6e68a4ef7a4c384647a1e9b29d2fbdbced98187d3',
      replace: [[/\bukey\[8\](?=\s*;)/g, 'ukey[32]']],
    }],
  },
  {
    // MiBench's sha (SHA-0, Gutmann's) keeps its 32-bit words in `typedef unsigned long LONG`:
    // on x86-64 they are 64-bit, so the rotations and additions do not wrap and native printed
    // five 64-bit words; wasm32's are 32-bit as written. And it swaps the bytes of each word
    // (SHA is big-endian) only `#ifdef LITTLE_ENDIAN`, which glibc's <stdlib.h> defines and
    // wasi-libc's does not: so wasm32 hashed unswapped words. Both fixed, native and wasm print
    // the SHA-0 of input_large.asc (checked against an implementation of ours: fbac40bd cb5fff1d
    // bf7fda22 b3b7af61 278263fc). The flag is glibc's own definition, so native sees no
    // redefinition; it makes the wasm build swap bytes, as every little-endian host does.
    folder: 'MiBench/security/sha',
    why: 'sha.h keeps SHA\'s 32-bit words in `unsigned long`, 64-bit on x86-64 (made `unsigned int`, and sha.c\'s `%08lx` `%08x`), and sha.c swaps their bytes on a little-endian host only if LITTLE_ENDIAN is defined, which glibc does and wasi-libc does not (-DLITTLE_ENDIAN=__LITTLE_ENDIAN): native and wasm both compute SHA-0',
    cflags: ['-DLITTLE_ENDIAN=__LITTLE_ENDIAN'],
    edits: [
      {
        file: 'src/sha.h',
        sha256: '158f2415c0d97c94e93c51f69eecf5d9bd5f9c638f58ec80003ef04e2726bd9f',
        replace: [[/\btypedef unsigned long LONG;/g, 'typedef unsigned int LONG;']],
      },
      {
        file: 'src/sha.c',
        sha256: 'a78fa96999b57d72d3bc6a8d0ac63b29e55ff3005c139120a9650986ba00e5c7',
        replace: [[/"%08lx %08lx %08lx %08lx %08lx\\n"/g, '"%08x %08x %08x %08x %08x\\n"']],
      },
    ],
  },
  {
    // basicmath's usqrt (SNIPPETS' isqrt.c) is written for a 32-bit `unsigned long`
    // (BITSPERLONG 32): its remainder `r` and trial product `e` wrap at 32 bits there. On x86-64
    // they are 64-bit and never wrap, so for inputs from 2^30 up (basicmath's second loop,
    // 0x3fed0169…) native printed roots one more than wasm32's. Made 32-bit, native prints what
    // wasm32 and the 32-bit machines it was written for print (those roots are one less than
    // floor(sqrt(x)·2^16): the wrap is the program's). The accumulator `a` stays: it never
    // exceeds 32 bits, and `memcpy(q, &a, sizeof(long))` copies it whole.
    folder: 'MiBench/automotive/basicmath',
    why: 'isqrt.c\'s usqrt is written for a 32-bit `unsigned long` (BITSPERLONG 32); on x86-64 its remainder and trial product do not wrap, so native printed other roots for inputs from 2^30 up (`r` and `e` made `unsigned int`)',
    edits: [{
      file: 'src/isqrt.c',
      sha256: 'b82dde15f35818a806fec5a6fa9d5cef7a157e2a22c8636665f0e4b73a4400b8',
      replace: [[/\bunsigned long r = 0L;/g, 'unsigned int r = 0L;'], [/\bunsigned long e = 0L;/g, 'unsigned int e = 0L;']],
    }],
  },
  {
    // bitcount's CheckResult=false: it prints the time each of its seven counters took beside the
    // bits it counted ("Time:   0.123 sec.; Bits: …") and names the fastest and slowest, which no
    // two runs share, so native differed from itself. The counts are its result: its line keeps
    // the counter's name and count; the clock() calls and comparisons stay (the measured work is
    // unchanged), only the Best/Worst lines go. And each counter starts from `seed = rand()`:
    // glibc's sequence natively (1804289383, 846930886, …), wasi-libc's (musl's: 0, 740882966, …)
    // in wasm, so the runtimes counted the bits of other numbers than native, and did other work.
    // The seeds are made glibc's first seven values, native's own: native counts what it counted
    // (and does the same work), every runtime the same. Its iterations (1125000) keep the seeds
    // under 2^31, so a 32-bit long counts what a 64-bit one does.
    folder: 'MiBench/automotive/bitcount',
    why: 'it prints its bit counts without the timings so they can be compared: bitcnts.c printed the time each counter took beside its bit count and named the fastest and slowest, which no two runs share (its line keeps the counter\'s name and bit count; the clock() calls stay, so the measured work is unchanged; the Best/Worst lines dropped), and started each counter from `seed = rand()`, glibc\'s sequence natively and wasi-libc\'s in wasm (made glibc\'s first seven values, the seeds native had)',
    edits: [{
      file: 'src/bitcnts.c',
      sha256: '71468d5ba6f469784733de587ed740df9c3a38097cb541e599db4a566ddf6cb8',
      replace: [
        [/"%-38s> Time: %7\.3f sec\.; Bits: %ld\\n", text\[i\], ct, n\)/g, '"%-38s> Bits: %ld\\n", text[i], n)'],
        [/[ \t]*printf\("\\nBest  > %s\\n", text\[cminix\]\);\r?\n[ \t]*printf\("Worst > %s\\n", text\[cmaxix\]\);\r?\n/g, ''],
        [/\bseed = rand\(\)/g, 'seed = (long[]){1804289383, 846930886, 1681692777, 1714636915, 1957747793, 424238335, 719885386}[i]'],
      ],
    }],
  },
];

/**
 * Why an entry's advisory output check (CheckResult=false) cannot match without a fix of ours that
 * did not apply (a different file than the one it was written for): said in the import's notes.
 */
export const WABENCH_NOTES: readonly { folder: string; note: string }[] = [
  {
    folder: 'MiBench/automotive/bitcount',
    note: 'without wasmlab\'s fix its output cannot be compared (output_ok false on every target, native\'s own row included): it prints the time each of its counters took ("Time:   0.123 sec.") and names the fastest and slowest, which no two runs share, and its counters start from rand(), whose sequence differs between glibc and wasi-libc',
  },
];

/** The entry for a benchmark folder (`rel`: relative to the tree, or absolute), if any. */
export function fixFor<T extends { folder: string }>(fixes: readonly T[], rel: string): T | undefined {
  const p = rel.split(sep).join('/');
  return fixes.find((f) => p === f.folder || p.endsWith(`/${f.folder}`));
}

/** The folder, under a manifest's folder, that holds edited copies (sources name it "./wabench-fix/…"). */
export const FIX_DIR = 'wabench-fix';

export interface AppliedFix {
  cflags: string[];
  /** Source path replaced → its copy, as the manifest names it ("./wabench-fix/src/bf.c"). */
  sources: Record<string, string>;
  /**
   * Include dirs, in order: the copies' folders ("./wabench-fix/src", when a header is edited: found
   * before the tree's), then the tree's folders of the edited files, for the headers not edited.
   */
  include: string[];
  note: string;
  applied: boolean;
}

/**
 * Apply `fix` for the benchmark folder `dir` (whose sources are `sources`, relative to it), writing
 * edited copies under `manifestDir`. Not applied at all (applied: false, the note says why) when a
 * file is not the one its edit was written for or an expression does not match exactly once.
 */
export function applyFix(fix: SourceFix, dir: string, manifestDir: string, sources: readonly string[] = []): AppliedFix {
  const cflags = [...(fix.cflags ?? [])];
  const edits = fix.edits ?? [];
  if (!edits.length) return { cflags, sources: {}, include: [], note: `wasmlab's fix applied: ${fix.why}`, applied: true };
  const not = (why: string): AppliedFix => ({ cflags: [], sources: {}, include: [], applied: false,
    note: `wasmlab's fix for ${fix.folder} NOT applied (${why}): ${fix.why}; its output may differ from native's for reasons that are not the runtime's` });
  const edited = new Map<string, string>();
  for (const { file, sha256, replace } of edits) {
    let text: string;
    try { text = readFileSync(join(dir, file), 'latin1'); } catch { return not(`${file} cannot be read`); }
    const got = createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex');
    if (got !== sha256) return not(`${file} is not the file it was written for: SHA-256 ${got.slice(0, 12)}…, not ${sha256.slice(0, 12)}…`);
    for (const [re, to] of replace) {
      const n = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].length;
      if (n !== 1) return not(`${re} matches ${n} times in ${file}, not once`);
      text = text.replace(re, to);
    }
    edited.set(file, text);
  }
  // An edited header: the sources beside it are built from unchanged copies beside its copy.
  const headerDirs = new Set([...edited.keys()].filter((f) => !sources.includes(f)).map((f) => dirname(f)));
  const copied = sources.filter((s) => !edited.has(s) && headerDirs.has(dirname(s)));
  const out: Record<string, string> = {};
  const write = (file: string, text: string) => {
    const copy = join(manifestDir, FIX_DIR, file);
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, text, 'latin1');
  };
  for (const [file, text] of edited) write(file, text);
  for (const s of copied) write(s, readFileSync(join(dir, s), 'latin1'));
  for (const s of sources) if (edited.has(s) || copied.includes(s)) out[s] = `./${FIX_DIR}/${s}`;
  const include = [...[...headerDirs].map((d) => `./${FIX_DIR}/${d}`), ...new Set([...edited.keys()].map((f) => dirname(f)))];
  const files = [...edited.keys()];
  const where = files.length === 1 ? `${files[0]} is built from ${join(manifestDir, FIX_DIR, files[0]!)}` : `${files.join(', ')} are built from copies in ${join(manifestDir, FIX_DIR)}`;
  const beside = copied.length ? `, with ${copied.join(', ')} copied unchanged beside the edited header` : '';
  return { cflags, sources: out, include, applied: true, note: `wasmlab's fix applied: ${fix.why}; the edited ${where}${beside} (the tree is untouched)` };
}
