/**
 * Fixes of ours for undefined behaviour in WABench programs whose output then depends on memory
 * layout: native and wasm lay out a stack frame differently, so such a program's output differs
 * for reasons that are not the runtime's, and the output check cannot tell a runtime bug from it.
 *
 * Chosen per benchmark, not for every import: a fix is a flag where a flag can do it (built into
 * both native and wasm), and an edit only where no flag can (a buffer too small for what the
 * program writes into it). An edit is written from the bug, not copied: a regular expression
 * applied at import to a copy of the one file, written beside the manifest (in the cache, or
 * `--out`); the WABench tree is never touched and no WABench file enters this repository. An
 * edit applies only to the exact file it was written for (its SHA-256): a different bf.c is
 * imported unfixed, and the import says so. Every applied fix is reported in the entry's notes,
 * its `origin`, and its flags in every row's `cflags`.
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
  /** The file, relative to the benchmark folder (one of its sources). */
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
  edit?: SourceEdit;
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
    edit: {
      file: 'src/bf.c',
      sha256: '9f8fb1be972283ff5b00a9c6e68a4ef7a4c384647a1e9b29d2fbdbced98187d3',
      replace: [[/\bukey\[8\](?=\s*;)/g, 'ukey[32]']],
    },
  },
];

/** The fix for a benchmark folder (`rel`: relative to the tree, or absolute), if any. */
export function fixFor(fixes: readonly SourceFix[], rel: string): SourceFix | undefined {
  const p = rel.split(sep).join('/');
  return fixes.find((f) => p === f.folder || p.endsWith(`/${f.folder}`));
}

/** The folder, under a manifest's folder, that holds edited copies (sources name it "./wabench-fix/…"). */
export const FIX_DIR = 'wabench-fix';

export interface AppliedFix {
  cflags: string[];
  /** Source path replaced → its edited copy, as the manifest names it ("./wabench-fix/src/bf.c"). */
  sources: Record<string, string>;
  /** Folders (relative to the benchmark folder) the edited copy needs for its quoted includes. */
  include: string[];
  note: string;
  applied: boolean;
}

/**
 * Apply `fix` for the benchmark folder `dir`, writing an edited copy under `manifestDir`. Not
 * applied (applied: false, the note says why) when the file is not the one the edit was written
 * for or an expression does not match exactly once.
 */
export function applyFix(fix: SourceFix, dir: string, manifestDir: string): AppliedFix {
  const cflags = [...(fix.cflags ?? [])];
  if (!fix.edit) return { cflags, sources: {}, include: [], note: `wasmlab's fix applied: ${fix.why}`, applied: true };
  const { file, sha256, replace } = fix.edit;
  const not = (why: string): AppliedFix => ({ cflags: [], sources: {}, include: [], applied: false,
    note: `wasmlab's fix for ${fix.folder} NOT applied (${why}): ${fix.why}; its output may depend on memory layout` });
  let text: string;
  try { text = readFileSync(join(dir, file), 'latin1'); } catch { return not(`${file} cannot be read`); }
  const got = createHash('sha256').update(Buffer.from(text, 'latin1')).digest('hex');
  if (got !== sha256) return not(`${file} is not the file it was written for: SHA-256 ${got.slice(0, 12)}…, not ${sha256.slice(0, 12)}…`);
  for (const [re, to] of replace) {
    const n = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].length;
    if (n !== 1) return not(`${re} matches ${n} times in ${file}, not once`);
    text = text.replace(re, to);
  }
  const copy = join(manifestDir, FIX_DIR, file);
  mkdirSync(dirname(copy), { recursive: true });
  writeFileSync(copy, text, 'latin1');
  return {
    cflags, sources: { [file]: `./${FIX_DIR}/${file}` }, include: [dirname(file)], applied: true,
    note: `wasmlab's fix applied: ${fix.why}; the edited ${file} is built from ${join(manifestDir, FIX_DIR, file)} (the tree is untouched)`,
  };
}
