/**
 * One WABench benchmark folder, read from its own files (the source of truth for it): the
 * Makefile (with its include) gives the program's name, sources and flags; each `run*.sh` gives
 * one way to run it (`Native`, `NativeArg`, `Iter`, `WasmDir`, `CheckResult`). blowfish and
 * rijndael have two (`run_e.sh`, `run_d.sh`): two runs of one program.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { bashAssignments, bashWords, ImportError, readMakefile } from './shell.js';

export interface RunScript {
  /** The script's file name, e.g. "run.sh" or "run_e.sh". */
  script: string;
  native: string;
  /** NativeArg as the shell would pass it (may hold "< file"). */
  nativeArg: string;
  /** Iter, when set (WABench runs the command that many times and reports the mean). */
  iter?: number;
  /** WasmDir: "." preopens the run folder, "" preopens nothing. */
  wasmDir: string;
  /** CheckResult: only `true` turns the output check on (as in WABench's common.sh). */
  checkResult?: boolean;
}

export interface BenchFolder {
  dir: string;
  name: string;
  language: 'c' | 'c++';
  suffix: string;
  srcdir: string;
  /** Sources relative to dir (SRCDIR/*.SRCSUFFIX, what Makefile.in's wildcard takes). */
  sources: string[];
  cflags: string[];
  ldflags: string[];
  /** TEMPFILE and friends: files the program writes (Makefile.in's clean removes them). */
  tempFiles: string[];
  runs: RunScript[];
  makefiles: string[];
}

/** Flags of theirs we drop: -O levels and targets are ours to choose; -o/-c are build mechanics. */
const DROP = /^(-O\w*|--target=.*|--sysroot.*|-o|-c)$/;
const SUFFIXES: Record<string, 'c' | 'c++'> = { c: 'c', cc: 'c++', cpp: 'c++', cxx: 'c++' };

export function isBenchFolder(dir: string): boolean {
  return existsSync(join(dir, 'Makefile')) && runScripts(dir).length > 0;
}

function runScripts(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((f) => /^run(_\w+)?\.sh$/.test(f)).sort();
}

export function readRunScript(file: string): RunScript {
  const v = bashAssignments(readFileSync(file, 'utf8'));
  const where = (field: string) => `${file}: ${field}`;
  if (!v.Native) throw new ImportError(`${where('Native')} is not set (the program to run, e.g. Native=./gemm)`);
  let iter: number | undefined;
  if (v.Iter !== undefined && v.Iter !== '') {
    iter = Number(v.Iter);
    if (!Number.isInteger(iter) || iter < 1) throw new ImportError(`${where('Iter')} must be a positive integer, not "${v.Iter}"`);
  }
  const wasmDir = v.WasmDir ?? '';
  if (wasmDir !== '' && wasmDir !== '.') throw new ImportError(`${where('WasmDir')} must be "." or empty, not "${wasmDir}"`);
  const cr = v.CheckResult;
  if (cr !== undefined && cr !== 'true' && cr !== 'false') throw new ImportError(`${where('CheckResult')} must be true or false, not "${cr}"`);
  return {
    script: basename(file), native: v.Native, nativeArg: v.NativeArg ?? '', ...(iter ? { iter } : {}), wasmDir,
    ...(cr !== undefined ? { checkResult: cr === 'true' } : {}),
  };
}

export function readBenchFolder(dir: string): BenchFolder {
  const makefile = join(dir, 'Makefile');
  if (!existsSync(makefile)) throw new ImportError(`${dir}: no Makefile (a WABench benchmark folder has a Makefile and a run.sh)`);
  const scripts = runScripts(dir);
  if (!scripts.length) throw new ImportError(`${dir}: no run.sh (a WABench benchmark folder has a Makefile and a run.sh)`);
  const mk = readMakefile(makefile);
  const v = mk.vars;
  const suffix = (v.SRCSUFFIX || 'c').trim();
  const language = SUFFIXES[suffix];
  if (!language) throw new ImportError(`${makefile}: SRCSUFFIX "${suffix}" is not c, cc or cpp`);
  const srcdir = (v.SRCDIR || '.').trim().replace(/\/+$/, '');
  const srcAbs = join(dir, srcdir);
  if (!existsSync(srcAbs) || !statSync(srcAbs).isDirectory()) throw new ImportError(`${makefile}: SRCDIR "${srcdir}" is not a folder`);
  const sources = readdirSync(srcAbs).filter((f) => f.endsWith(`.${suffix}`)).sort().map((f) => relative(dir, join(srcAbs, f)));
  if (!sources.length) throw new ImportError(`${makefile}: SRCDIR "${srcdir}" has no *.${suffix} files (SRCSUFFIX=${suffix})`);
  const flags = (s?: string) => bashWords(s ?? '').filter((f) => !DROP.test(f));
  return {
    dir, name: (v.Benchmark || basename(dir)).trim(), language, suffix, srcdir, sources,
    cflags: [...flags(v.CFLAGS), ...flags(v.CINCLUDE)], ldflags: flags(v.LDFLAGS),
    tempFiles: bashWords(v.TEMPFILE ?? ''),
    runs: scripts.map((s) => readRunScript(join(dir, s))),
    makefiles: mk.files,
  };
}
