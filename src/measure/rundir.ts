/**
 * The folder a benchmark runs in: its generated inputs and copied files, the program's cwd and
 * (for WASI) its preopened ".". One per (benchmark, size) per sweep; outputs are cleared before
 * every run so each run's output files are its own.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { benchPath } from '../suite/paths.js';
import type { Benchmark } from '../suite/manifest.js';
import { generatedInput } from '../suite/inputs.js';

export interface RunDir {
  dir: string;
  stdin?: string;
  outputs: string[];
  /** The manifest's exit_status: "compared" makes a non-zero exit part of the output instead of a failure. */
  exitStatus?: 'zero' | 'compared';
  /** The inputs and files copied in, as copied: a run that changes one gets it restored before the next. */
  copies?: Copy[];
  /** Everything the folder held when prepared (relative paths): anything else a run left is removed before the next. */
  initial?: Set<string>;
  /** Files native's reference run created there (besides declared outputs): what every runtime's run should create too. */
  referenceCreated?: string[];
}

/** Files the last run created in the folder, besides its declared outputs (relative paths, sorted). */
export function createdFiles(rd: RunDir): string[] {
  if (!rd.initial) return [];
  const outputs = new Set(rd.outputs.map((o) => relative(rd.dir, o)));
  return [...listing(rd.dir)].filter((p) => !rd.initial!.has(p) && !outputs.has(p) && statSync(join(rd.dir, p)).isFile()).sort();
}

/** Every path under `dir`, relative, directories included. */
function listing(dir: string): Set<string> {
  return new Set(readdirSync(dir, { recursive: true, encoding: 'utf8' }));
}

interface Copy {
  from: string;
  to: string;
  mtimeMs: number;
  size: number;
}

/**
 * A private copy of a generated input: a hard link would let a program that writes into its input
 * change the cached original for every later run. Generated inputs can be hundreds of MB, so a
 * copy-on-write clone where the filesystem has one (reflink), else a plain copy.
 */
function privateCopy(from: string, to: string): Copy {
  rmSync(to, { force: true });
  copyFileSync(from, to, constants.COPYFILE_FICLONE);
  const st = statSync(to);
  return { from, to, mtimeMs: st.mtimeMs, size: st.size };
}

export function prepareRunDir(b: Benchmark, size: string, sweepDir: string): RunDir {
  const dir = join(sweepDir, `${b.id.replace(/\//g, '__')}-${size}`);
  mkdirSync(dir, { recursive: true });
  const copies = (b.inputs ?? []).map((inp) => privateCopy(generatedInput(inp, size), join(dir, inp.name)));
  for (const f of b.files ?? []) {
    // Same relative path in the run folder (e.g. espeak-data/phontab), parents created.
    const to = join(dir, f.replace(/^\.\//, ''));
    mkdirSync(dirname(to), { recursive: true });
    copies.push(privateCopy(benchPath(b, f), to));
  }
  const stdin = b.stdin ? join(dir, b.stdin) : undefined;
  if (stdin && !existsSync(stdin)) throw new Error(`${b.id}: stdin file "${b.stdin}" is neither an input nor a file of the benchmark`);
  const outputs = (b.outputs ?? []).map((o) => join(dir, o));
  return { dir, stdin, outputs, copies, initial: listing(dir), ...(b.exit_status ? { exitStatus: b.exit_status } : {}) };
}

/**
 * Before every run the folder is put back as prepared, so each run starts from the same files:
 * whatever an earlier run created there is removed, inputs and files it changed are copied
 * again, and each declared output file is reset to an empty file (not deleted): Wasmer
 * 4.4 maps the "." preopen into an in-memory filesystem, so a file a guest creates under a bare
 * name is lost, while writes into an existing file reach the run folder. An empty file is what
 * fopen(…, "w") makes anyway, so native and the other runtimes see no difference.
 */
export function clearOutputs(rd: RunDir): void {
  if (rd.initial) {
    // Deepest first, so a created folder is emptied before it is removed.
    const left = [...listing(rd.dir)].filter((p) => !rd.initial!.has(p)).sort((a, b) => b.length - a.length);
    for (const p of left) rmSync(join(rd.dir, p), { force: true, recursive: true });
  }
  // An input or file a run changed (or removed) is copied again.
  for (const c of rd.copies ?? []) {
    const st = existsSync(c.to) ? statSync(c.to) : null;
    if (!st || st.mtimeMs !== c.mtimeMs || st.size !== c.size) Object.assign(c, privateCopy(c.from, c.to));
  }
  for (const o of rd.outputs) {
    rmSync(o, { force: true, recursive: true });
    mkdirSync(dirname(o), { recursive: true });
    writeFileSync(o, '');
  }
}
