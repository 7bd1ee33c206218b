/**
 * WABench import against a tree of our own that mirrors the real layout (test/wabench-tree.ts):
 * parsing (top-level BenchSuite+= list, per-folder run.sh and Makefile with include), stale
 * folder names, a missing input, one folder imported alone, and every importable entry run on
 * native, wasmtime:cranelift and wasm3 with output_ok.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bench } from '../src/api.js';
import { ManifestError, readManifest, validateManifest } from '../src/suite/manifest.js';
import { bashWords, importWabench, parseMakeVars, parseRunSh, readBenchFolder, readMakefile, readRunScript, WABENCH_FIXES, type SourceFix } from '../src/suite/wabench.js';
import { availableTargets, wasmlab } from './helpers.js';
import { addAdvisory, addKeyfold, addTimed, addWordsum, KEYFOLD_C, makeWabenchTree, TIMED_C, WORDSUM_C, WORDSUM_H, WORDSUM_MAIN_C } from './wabench-tree.js';

const outDir = () => mkdtempSync(join(tmpdir(), 'wabench-out-'));


/** A fixed entry's rows: ok, and the advisory check finds native's output on every target. */
async function assertFixedRunsMatch(out: string, targets: string[]): Promise<void> {
  const rows = await bench({ benchmarks: [out], runtimes: targets, reps: 1, warmup: 0 });
  assert.equal(rows.length, targets.length);
  for (const x of rows) {
    assert.equal(x.status, 'ok', `${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, true, `fixed, ${x.runtime}: ${x.reason}`);
    assert.match(x.reason, /compared anyway \(stdout\+stderr\): same as native's$/);
  }
}

test('bash words, Makefile variables, BenchSuite+= entries', () => {
  assert.deepEqual(bashWords(`a "b c" 'd e' f\\ g # comment\n h`), ['a', 'b c', 'd e', 'f g', 'h']);
  assert.deepEqual(parseMakeVars('A=1\nB := $(A) 2\nB += 3\nC = x \\\n y\n'), { A: '1', B: '1 2 3', C: 'x   y' });
  const text = 'BenchSize=5\nBenchSuite=()\n# folder bin args iter dir\nBenchSuite+=("f/a" "./a" "1 < in" "3" ".")\n' +
    'BenchSuite+=("f/b"   "./b" \\\n     "-x out" "1" "")\nOther=(1 2)\n';
  assert.deepEqual(parseRunSh(text), [
    { folder: 'f/a', binary: './a', args: '1 < in', iterations: 3, preopen: '.', line: 4 },
    { folder: 'f/b', binary: './b', args: '-x out', iterations: 1, preopen: '', line: 5 },
  ]);
  // One array with every entry (the older style) still works.
  assert.equal(parseRunSh('x=(\n "f/a" "./a" "" 1 "."\n "f/b" "./b" "" 2 ""\n)\n').length, 2);
  assert.throws(() => parseRunSh('BenchSize=5\nBenchSuite+=("f/a" "./a" "" "1")\n', 'T/run.sh'), /T\/run\.sh line 2: BenchSuite entry has 4 fields, not a multiple of BenchSize=5/);
  assert.throws(() => parseRunSh('BenchSuite+=("f/a" "./a" "" "x" "")\n', 'T/run.sh'), /T\/run\.sh line 1: .*iterations "x"/);
});

test('a benchmark folder: its run.sh and Makefile (include followed) are read; errors name the file and field', () => {
  const { dirs } = makeWabenchTree();
  const mk = readMakefile(join(dirs.tinymm!, 'Makefile'));
  assert.equal(mk.files.length, 2, 'Makefile.in is included');
  assert.equal(mk.vars.Native, 'tinymm', 'variables of the included file see the including one');
  const f = readBenchFolder(dirs.tinymm!);
  assert.equal(f.name, 'tinymm');
  assert.deepEqual(f.sources, ['src/polybench.c', 'src/tinymm.c'], 'polybench.c from SRCDIR is a source');
  assert.deepEqual(f.cflags, ['-DPOLYBENCH_DUMP_ARRAYS', '-DPOLYBENCH_USE_C99_PROTO', '-I./src'], '${SRCDIR} expanded, no -O');
  assert.equal(readBenchFolder(dirs.wordfreq!).language, 'c++');
  assert.deepEqual(readBenchFolder(dirs.xorcrypt!).runs.map((r) => r.script), ['run_d.sh', 'run_e.sh']);
  assert.deepEqual(readRunScript(join(dirs.rawcodec!, 'run.sh')), { script: 'run.sh', native: './rawcodec', nativeArg: '< small.pcm', iter: 1, wasmDir: '.', checkResult: true });

  writeFileSync(join(dirs.noisy!, 'run.sh'), 'Native=./noisy\nIter=many\n');
  assert.throws(() => readRunScript(join(dirs.noisy!, 'run.sh')), /noisy\/run\.sh: Iter must be a positive integer, not "many"/);
  writeFileSync(join(dirs.noisy!, 'Makefile'), 'Benchmark = noisy\nSRCDIR = ./src\nSRCSUFFIX = f90\n');
  writeFileSync(join(dirs.noisy!, 'run.sh'), 'Native=./noisy\n');
  assert.throws(() => readBenchFolder(dirs.noisy!), /noisy\/Makefile: SRCSUFFIX "f90" is not c, cc or cpp/);
});

test('suite import: the tree imports except the entry whose input is missing; stale names and notes are reported', async () => {
  const { root } = makeWabenchTree();
  const out = outDir();
  const r = importWabench(root, out);
  assert.equal(r.entries, 6);
  assert.deepEqual(r.imported.map((i) => i.id).sort(), [
    'wabench/jetstream2/wordfreq', 'wabench/mibench/rawcodec', 'wabench/polybench/tinymm',
    'wabench/whole-applications/xorcrypt-d', 'wabench/whole-applications/xorcrypt-e',
  ]);
  assert.deepEqual(r.skipped, [{ id: 'wabench/mibench/crc', entry: 'MiBench/telecomm/crc (run.sh line 12)', missing: 'large.pcm',
    reason: 'missing input file large.pcm (named in NativeArg; a checkout without its large files?)' }]);
  const byId = Object.fromEntries(r.imported.map((i) => [i.id, i]));
  const xe = byId['wabench/whole-applications/xorcrypt-e']!;
  assert.match(xe.notes.join('\n'), /run\.sh names Benchmarks\/xorcrypt, which does not exist: matched Whole_Applications\/xorcrypt/);
  assert.deepEqual(xe.outputs, ['output_x.enc']);
  assert.equal(xe.check, 'stdout+stderr+files');
  assert.equal(xe.reps, 10);
  const raw = byId['wabench/mibench/rawcodec']!;
  assert.equal(raw.stdin, 'small.pcm');
  assert.match(raw.notes.join('\n'), /Iter: run\.sh line 11 says 10, run\.sh says 1: 1 is used/);
  const poly = readManifest(byId['wabench/polybench/tinymm']!.manifest);
  assert.equal(poly.check, 'stdout+stderr', 'PolyBench dumps its arrays on stderr: stderr is compared');
  assert.equal(poly.preopen, false, 'WasmDir empty: no preopen');
  assert.equal(readManifest(raw.manifest).preopen, true);
  assert.equal(readManifest(byId['wabench/jetstream2/wordfreq']!.manifest).language, 'c++');
  // A clone without LFS data has pointer files instead of inputs: skipped, the file named.
  const lfs = makeWabenchTree();
  writeFileSync(join(lfs.dirs.rawcodec!, 'small.pcm'), 'version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 8000\n');
  const lr = importWabench(lfs.dirs.rawcodec!, outDir());
  assert.deepEqual(lr.imported, []);
  assert.match(lr.skipped[0]!.reason, /input file small\.pcm is a Git LFS pointer, not the data/);
  // Only CheckResult=true turns the check on (WABench's common.sh); unset is "none" like false.
  const { dirs } = makeWabenchTree();
  writeFileSync(join(dirs.wordfreq!, 'run.sh'), 'Native=./wordfreq\nNativeArg=3000\nIter=1\nWasmDir=\n');
  const unset = importWabench(dirs.wordfreq!, outDir()).imported[0]!;
  assert.equal(unset.check, 'none');
  assert.equal(unset.advisory_check, undefined, 'unset (JetStream2 prints its timings): no advisory check either');
  assert.equal(readManifest(unset.manifest).advisory_check, undefined);
});

test('suite import of one benchmark folder; Iter is its default rep count; CheckResult=false is kept and shown; --json; a bad path is one error', async () => {
  const { root, dirs } = makeWabenchTree();
  const out = outDir();
  const r = await wasmlab(['suite', 'import', dirs.noisy!, '--out', out, '--json']);
  const one = JSON.parse(r.stdout) as { id: string; status: string; check: string; advisory_check: string | null; group: string; language: string; inputs: string[]; reps: number }[];
  assert.equal(one.length, 1);
  assert.equal(one[0]!.id, 'wabench/mibench/noisy', 'the group comes from the tree the folder sits in');
  assert.equal(one[0]!.check, 'none');
  assert.equal(one[0]!.advisory_check, 'stdout+stderr', '--json shows what will be compared anyway');
  assert.match((await wasmlab(['suite', 'import', dirs.noisy!, '--out', outDir()])).stdout, /wabench\/mibench\/noisy +mibench +c +- +advisory: stdout\+stderr \(CheckResult=false\) +3 +-/);
  assert.equal(one[0]!.reps, 3);
  // Iter is the default repetition count when none is given: noisy's Iter=3 → 3 reps.
  const iter = await bench({ benchmarks: [out], runtimes: ['native'], warmup: 0 });
  assert.deepEqual(iter.map((x) => x.rep), [0, 1, 2]);
  const t = await wasmlab(['suite', 'import', root, '--out', out]);
  assert.match(t.stdout, /wabench\/mibench\/rawcodec +mibench +c +< small\.pcm +stdout\+stderr /);
  assert.match(t.stdout, /skipped 1:\n {2}wabench\/mibench\/crc: missing input file large\.pcm/);
  assert.match(t.stdout, /imported 5 benchmarks of 6 run\.sh entries/);
  const j = JSON.parse((await wasmlab(['suite', 'import', root, '--out', out, '--json'])).stdout) as { id: string; status: string }[];
  assert.deepEqual(j.filter((x) => x.status === 'skipped').map((x) => x.id), ['wabench/mibench/crc']);
  // CheckResult=false: the row says the output was not checked by WABench, and compared anyway
  // (noisy prints clock(): whether it matched is not asserted, only that it never fails the run).
  const rows = await bench({ benchmarks: [out], runtimes: ['native', 'wasmtime:cranelift'], reps: 1, warmup: 0 });
  for (const x of rows.filter((y) => y.benchmark === 'wabench/mibench/noisy')) {
    assert.equal(x.status, 'ok', x.reason);
    assert.equal(typeof x.output_ok, 'boolean');
    assert.match(x.reason, /^output not checked by WABench \(CheckResult=false\); compared anyway \(stdout\+stderr\): (same as|differs from) native's/);
  }
  const bad = await wasmlab(['suite', 'import', join(tmpdir(), 'nope-not-here')], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /^wasmlab: .*nope-not-here does not exist/);
});

test('every importable entry of the tree runs with output_ok on native, wasmtime:cranelift and wasm3', async (t) => {
  const { root } = makeWabenchTree();
  const out = outDir();
  importWabench(root, out);
  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);
  const rows = await bench({ benchmarks: [out], runtimes: targets, reps: 1, warmup: 0 });
  assert.equal(rows.length, 5 * targets.length);
  for (const x of rows) {
    assert.equal(x.status, 'ok', `${x.benchmark} ${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, true, `${x.benchmark} ${x.runtime}: output_ok`);
    assert.doesNotMatch(x.cflags, /-O3/, 'their -O level is dropped, ours is used');
    if (x.runtime === 'wasmtime') {
      const preopened = /"--dir","\."/.test(x.argv);
      assert.equal(preopened, !/tinymm|wordfreq/.test(x.benchmark), `${x.benchmark}: WasmDir "." preopens, empty does not`);
    }
  }
  // The output file was compared: xorcrypt-d's output is the plain text again.
  assert.ok(readFileSync(join(out, 'whole-applications', 'xorcrypt-d', 'bench.json'), 'utf8').includes('output_x.txt'));
});

test('undefined behaviour that makes the output depend on memory layout gets a fix of ours: flags, an edited copy beside the manifest, reported; native and wasm then agree', async (t) => {
  const { root } = makeWabenchTree();
  const dir = addKeyfold(root);
  const fix: SourceFix = {
    folder: 'MiBench/security/keyfold', why: 'keyfold.c stores an 8-byte key in `key[4]` and never initialises `state` and `pos`',
    cflags: ['-ftrivial-auto-var-init=zero'],
    edits: [{ file: 'src/keyfold.c', sha256: createHash('sha256').update(KEYFOLD_C).digest('hex'), replace: [[/\bkey\[4\](?=\s*;)/g, 'key[8]']] }],
  };
  const out = outDir();
  const r = importWabench(dir, out, { fixes: [fix] });
  const imp = r.imported[0]!;
  assert.equal(imp.id, 'wabench/mibench/keyfold');
  assert.match(imp.notes.join('\n'), /wasmlab's fix applied: keyfold\.c stores an 8-byte key in `key\[4\]`.*the tree is untouched/);
  const m = readManifest(imp.manifest);
  assert.deepEqual(m.sources, ['src/fold.c', './wabench-fix/src/keyfold.c'], 'the edited copy replaces the file, in its place; the others are the tree\'s');
  assert.deepEqual(m.include, ['src'], 'its quoted includes still find the tree\'s headers');
  assert.ok(m.cflags!.includes('-ftrivial-auto-var-init=zero'));
  assert.match(m.origin, /with wasmlab's fix: /);
  const copy = readFileSync(join(out, 'mibench', 'keyfold', 'wabench-fix', 'src', 'keyfold.c'), 'utf8');
  assert.match(copy, /unsigned char key\[8\];/);
  assert.equal(copy.replace('key[8];', 'key[4];'), KEYFOLD_C, 'only the declaration changed');
  assert.equal(readFileSync(join(dir, 'src', 'keyfold.c'), 'utf8'), KEYFOLD_C, 'the tree is not touched');

  // Another file than the one the edit was written for: imported unfixed, and said so.
  writeFileSync(join(dir, 'src', 'keyfold.c'), KEYFOLD_C.replace('usage', 'Usage'));
  const other = importWabench(dir, outDir(), { fixes: [fix] }).imported[0]!;
  assert.match(other.notes.join('\n'), /wasmlab's fix for MiBench\/security\/keyfold NOT applied \(src\/keyfold\.c is not the file it was written for: SHA-256 /);
  const om = readManifest(other.manifest);
  assert.deepEqual(om.sources, ['src/fold.c', 'src/keyfold.c']);
  assert.ok(!om.cflags!.includes('-ftrivial-auto-var-init=zero'), 'no half fix');
  writeFileSync(join(dir, 'src', 'keyfold.c'), KEYFOLD_C);
  // No fix for folders it does not name; WABench's own list names blowfish, sha, basicmath and bitcount.
  assert.deepEqual(importWabench(dir, outDir()).imported[0]!.notes, []);
  assert.deepEqual(WABENCH_FIXES.map((f) => f.folder), ['MiBench/security/blowfish', 'MiBench/security/sha', 'MiBench/automotive/basicmath', 'MiBench/automotive/bitcount']);

  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);
  const rows = await bench({ benchmarks: [out], runtimes: targets, reps: 1, warmup: 0 });
  assert.equal(rows.length, targets.length);
  for (const x of rows) {
    assert.equal(x.status, 'ok', `${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, true, `${x.runtime}: the output file and stdout match native's`);
    assert.match(x.cflags, /-ftrivial-auto-var-init=zero/, 'the row shows the fix\'s flag');
  }
  assert.ok(existsSync(join(out, 'mibench', 'keyfold', 'bench.json')));
});

test('advisory_check: validated like check, only beside check "none"', () => {
  const m = {
    id: 'x/y', group: 'x', category: 'c', language: 'c', description: 'd', origin: 'o', sources: ['y.c'],
    sizes: { mini: [], large: [] }, check: 'none',
  };
  assert.equal(validateManifest({ ...m, advisory_check: 'stdout+stderr', check_note: 'by us' }, 'b.json').advisory_check, 'stdout+stderr');
  assert.throws(() => validateManifest({ ...m, advisory_check: 'stdout+stdin' }, 'b.json'), /b\.json: field "advisory_check" must be one of "stdout", /);
  assert.throws(() => validateManifest({ ...m, advisory_check: 'none' }, 'b.json'), ManifestError);
  assert.throws(() => validateManifest({ ...m, check: 'stdout', advisory_check: 'stdout' }, 'b.json'), /"advisory_check" must be left out unless "check" is "none"/);
  assert.throws(() => validateManifest({ ...m, advisory_check: 'stdout+files' }, 'b.json'), /"outputs" must be listed when advisory_check includes files/);
  assert.throws(() => validateManifest({ ...m, check_note: '' }, 'b.json'), /"check_note" must be a non-empty string/);
});

test('CheckResult=false: compared with native\'s anyway (advisory): output_ok says whether it matched, the status stays ok', async (t) => {
  const { root } = makeWabenchTree();
  const { tally, widths } = addAdvisory(root);
  const out = outDir();
  const ti = importWabench(tally, out).imported[0]!;
  const wi = importWabench(widths, out).imported[0]!;
  assert.deepEqual([ti.id, ti.check, ti.advisory_check], ['wabench/mibench/tally', 'none', 'stdout+stderr+files'], 'it writes an output_* file: files too');
  assert.deepEqual([wi.id, wi.check, wi.advisory_check], ['wabench/mibench/widths', 'none', 'stdout+stderr']);
  const tm = readManifest(ti.manifest);
  assert.equal(tm.check_note, 'by WABench (CheckResult=false)');
  assert.deepEqual(tm.outputs, ['output_tally.txt']);

  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);
  const rows = await bench({ benchmarks: [out], runtimes: targets, reps: 1, warmup: 0 });
  assert.equal(rows.length, 2 * targets.length);
  for (const x of rows) {
    const what = `${x.benchmark} ${x.runtime}: ${x.reason}`;
    assert.equal(x.status, 'ok', what);
    const same = x.benchmark === 'wabench/mibench/tally' || x.runtime === 'native';
    assert.equal(x.output_ok, same, what);
    const spec = x.benchmark === 'wabench/mibench/tally' ? 'stdout\\+stderr\\+files' : 'stdout\\+stderr';
    assert.match(x.reason, new RegExp(`^output not checked by WABench \\(CheckResult=false\\); compared anyway \\(${spec}\\): ${
      same ? "same as native's" : "differs from native's \\(advisory\\)"}$`), what);
  }
});

test('code written for a 32-bit `unsigned long` (MiBench\'s sha, basicmath) gets a fix of ours: a header and a source edited, the sources beside the header copied; native and wasm then agree', async (t) => {
  const { root } = makeWabenchTree();
  const dir = addWordsum(root);
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const fix: SourceFix = {
    folder: 'MiBench/security/wordsum', why: 'wordsum.h keeps a 32-bit word in `unsigned long`, 64-bit on x86-64 (made `unsigned int`, and main.c\'s `%08lx` `%08x`)',
    edits: [
      { file: 'src/wordsum.h', sha256: sha(WORDSUM_H), replace: [[/\btypedef unsigned long WORD;/g, 'typedef unsigned int WORD;']] },
      { file: 'src/main.c', sha256: sha(WORDSUM_MAIN_C), replace: [[/%08lx/g, '%08x']] },
    ],
  };
  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);

  // Unfixed: native's word is 64-bit, so every runtime differs from it (advisory: the status stays ok).
  const raw = outDir();
  const ri = importWabench(dir, raw, { fixes: [] }).imported[0]!;
  assert.deepEqual([ri.id, ri.check, ri.advisory_check], ['wabench/mibench/wordsum', 'none', 'stdout+stderr']);
  const before = await bench({ benchmarks: [raw], runtimes: targets, reps: 1, warmup: 0 });
  for (const x of before) {
    assert.equal(x.status, 'ok', `${x.runtime}: ${x.reason}`);
    assert.equal(x.output_ok, x.runtime === 'native', `unfixed, ${x.runtime}: ${x.reason}`);
  }

  const out = outDir();
  const imp = importWabench(dir, out, { fixes: [fix] }).imported[0]!;
  const note = imp.notes.join('\n');
  assert.match(note, /wasmlab's fix applied: wordsum\.h keeps a 32-bit word in `unsigned long`.*the edited src\/wordsum\.h, src\/main\.c are built from copies in .*wabench-fix, with src\/wordsum\.c copied unchanged beside the edited header \(the tree is untouched\)/);
  const m = readManifest(imp.manifest);
  assert.deepEqual(m.sources, ['./wabench-fix/src/main.c', './wabench-fix/src/wordsum.c'],
    'every source beside the edited header is built from beside its copy (a quoted #include looks in the includer\'s folder first)');
  assert.deepEqual(m.include, ['./wabench-fix/src', 'src'], 'the edited header first, then the tree\'s');
  assert.match(m.origin, /with wasmlab's fix: wordsum\.h keeps/);
  const fixDir = join(out, 'mibench', 'wordsum', 'wabench-fix', 'src');
  assert.equal(readFileSync(join(fixDir, 'wordsum.h'), 'utf8'), WORDSUM_H.replace('unsigned long WORD', 'unsigned int WORD'), 'only the typedef changed');
  assert.equal(readFileSync(join(fixDir, 'main.c'), 'utf8'), WORDSUM_MAIN_C.replace('%08lx', '%08x'));
  assert.equal(readFileSync(join(fixDir, 'wordsum.c'), 'utf8'), WORDSUM_C, 'copied unchanged');
  assert.equal(readFileSync(join(dir, 'src', 'wordsum.h'), 'utf8'), WORDSUM_H, 'the tree is not touched');

  await assertFixedRunsMatch(out, targets);

  // One edited file is not the one it was written for: none of the fix applies (no half fix).
  writeFileSync(join(dir, 'src', 'main.c'), WORDSUM_MAIN_C.replace('bytes', 'Bytes'));
  const other = importWabench(dir, outDir(), { fixes: [fix] }).imported[0]!;
  assert.match(other.notes.join('\n'), /wasmlab's fix for MiBench\/security\/wordsum NOT applied \(src\/main\.c is not the file it was written for: SHA-256 /);
  assert.deepEqual(readManifest(other.manifest).sources, ['src/main.c', 'src/wordsum.c']);
  assert.equal(readManifest(other.manifest).include, undefined);
});

test('bitcount prints its timings beside its bit counts and seeds them from rand(): a fix of ours prints the counts alone, with glibc\'s seeds; native and wasm then agree', async (t) => {
  const { root } = makeWabenchTree();
  const dir = addTimed(root);
  const real = WABENCH_FIXES.find((f) => f.folder === 'MiBench/automotive/bitcount')!;
  assert.ok(real, 'WABench\'s bitcount has a fix of ours');
  // The same edit, keyed to our fixture's hash (it prints the lines WABench's bitcnts.c prints).
  const fix: SourceFix = { ...real, edits: real.edits!.map((e) => ({ ...e, sha256: createHash('sha256').update(TIMED_C).digest('hex') })) };
  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3']);

  // Unfixed: its notes say why it cannot be compared; wasm's rand() starts elsewhere, so every
  // runtime's counts differ from native's (native's own row depends on its timings: not asserted).
  const raw = outDir();
  const ri = importWabench(dir, raw, { fixes: [] }).imported[0]!;
  assert.equal(ri.advisory_check, 'stdout+stderr');
  assert.match(ri.notes.join('\n'), /^advisory check: without wasmlab's fix its output cannot be compared \(output_ok false on every target, native's own row included\): it prints the time/m);
  // The real fix, written for WABench's bitcnts.c, is not applied to ours (another hash), and said so.
  const other = importWabench(dir, outDir()).imported[0]!;
  assert.match(other.notes.join('\n'), /wasmlab's fix for MiBench\/automotive\/bitcount NOT applied \(src\/bitcnts\.c is not the file it was written for/);
  assert.match(other.notes.join('\n'), /^advisory check: without wasmlab's fix/m);
  const before = await bench({ benchmarks: [raw], runtimes: targets, reps: 1, warmup: 0 });
  for (const x of before) {
    assert.equal(x.status, 'ok', `${x.runtime}: ${x.reason}`);
    if (x.runtime !== 'native') assert.equal(x.output_ok, false, `unfixed, ${x.runtime}: ${x.reason}`);
  }

  const out = outDir();
  const imp = importWabench(dir, out, { fixes: [fix] }).imported[0]!;
  const note = imp.notes.join('\n');
  assert.match(note, /^wasmlab's fix applied: it prints its bit counts without the timings so they can be compared: /m);
  assert.match(note, /the edited src\/bitcnts\.c is built from .*wabench-fix.*bitcnts\.c \(the tree is untouched\)/);
  assert.doesNotMatch(note, /advisory check:/, 'fixed, its output can be compared: no note says otherwise');
  const copy = readFileSync(join(out, 'mibench', 'bitcount', 'wabench-fix', 'src', 'bitcnts.c'), 'utf8');
  assert.match(copy, /printf\("%-38s> Bits: %ld\\n", text\[i\], n\);/, 'the name and the count, not the time');
  assert.match(copy, /start = clock\(\);[^]*stop = clock\(\);[^]*if \(ct < cmin\)/, 'the timing calls stay');
  assert.doesNotMatch(copy, /Best|Worst|rand\(\)/);
  assert.match(copy, /seed = \(long\[\]\)\{1804289383, 846930886, 1681692777, 1714636915, 1957747793, 424238335, 719885386\}\[i\]/);
  assert.equal(readFileSync(join(dir, 'src', 'bitcnts.c'), 'utf8'), TIMED_C, 'the tree is not touched');

  await assertFixedRunsMatch(out, targets);
});
