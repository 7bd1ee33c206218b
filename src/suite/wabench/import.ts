/**
 * Import of a WABench tree (the study's suite, github.com/wabench/wabench) into wasmlab manifests.
 *
 * The layout: group folders (PolyBench/, MiBench/, JetStream2/, Whole_Applications/) with
 * benchmark folders at any depth; each benchmark folder has a Makefile (Benchmark, SRCDIR,
 * SRCSUFFIX c/cc/cpp, CFLAGS, CINCLUDE, LDFLAGS, OPT; `include`s the top-level Makefile.in) and
 * its own run.sh (Native, NativeArg, Iter, WasmDir, CheckResult); the top-level run.sh lists
 * the runs one `BenchSuite+=("folder" "./bin" "args" "iter" "wasmdir")` at a time
 * (`BenchSize=5` fields), some continued over lines. Folder names there can be stale
 * (`Benchmarks/bzip2` for `Whole_Applications/bzip2`): such an entry is matched to the benchmark
 * folder whose Makefile `Benchmark` and run.sh `Native` name its binary, and the match reported.
 *
 * The benchmark folder's own files are the source of truth; the top-level entry only says which
 * folder (and, for folders with run_e.sh/run_d.sh, which run) to take. So one folder imports on
 * its own too. Their compiler paths and -O levels are dropped: wasmlab's toolchain builds
 * everything like its own suite. Manifests go to an output folder (the tree is not touched),
 * with `source_root` pointing at each benchmark folder.
 *
 * What each field becomes:
 * - NativeArg → the arguments (the same for every wasmlab size: WABench has one size);
 *   `< file` → the manifest's stdin.
 * - Iter → `reps`: WABench runs a command Iter times and reports the mean, i.e. repetitions of
 *   the whole process, so it is the benchmark's default repetition count (not in-process loops).
 * - WasmDir → `preopen` ("." → true, empty → false).
 * - CheckResult=true → stdout and stderr are compared with native's
 *   (WABench diffs `cmd >out 2>&1`; PolyBench dumps its arrays on stderr), plus the files the
 *   run writes: arguments named `output_*` and the Makefile's TEMPFILE (what Makefile.in's
 *   `clean` deletes). Otherwise (false, or unset as in JetStream2's folders) → `check: "none"`:
 *   WABench's common.sh diffs only when CheckResult is true, and the unset ones print their own
 *   timings ("That took 1.2 seconds."), which no two runs share. CheckResult=false (not unset) also
 *   gets `advisory_check`: the spec CheckResult=true would have used, compared with native's for
 *   information only (the row's output_ok, never `wrong-output`), and `check_note` saying why the
 *   check is off.
 * - The exit status is compared with native's (`exit_status: "compared"`), not required to be 0:
 *   WABench never looks at it, and its blowfish always ends with exit(1).
 * - Flags: their CFLAGS and CINCLUDE, minus -O levels; plus what today's toolchain needs to build
 *   code written for clang 10 and wasi-sdk 10: CLANG10_C_COMPAT (C), OLD_CXX_COMPAT (C++) and
 *   WASI_EMULATION (wasm).
 * - Every other file of the folder (outside SRCDIR; not Makefile, run*.sh, LICENSE, README,
 *   headers or build products) is copied into the run folder at the same relative path.
 * - Undefined behaviour that makes the output depend on memory layout (blowfish's bf.c), and code
 *   written for a 32-bit `long` (sha, basicmath), get a fix of ours, per benchmark, flags first,
 *   announced in the notes: ./fixes.ts (WABENCH_FIXES); bitcount's makes its advisory check
 *   possible (it printed its timings). An entry whose advisory check cannot match without a fix
 *   that did not apply (another file) says why in its notes (WABENCH_NOTES).
 * An entry whose input is missing — a stdin or argument file, a `dir/file` path named in its
 * sources under one of its data folders, or a Git LFS pointer instead of data — is skipped with
 * the file named; the rest still import.
 */
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { BenchManifest } from '../manifest.js';
import { applyFix, fixFor, WABENCH_FIXES, WABENCH_NOTES, type SourceFix } from './fixes.js';
import { isBenchFolder, readBenchFolder, type BenchFolder, type RunScript } from './folder.js';
import { bashArrays, bashAssignments, bashWords, ImportError } from './shell.js';

export interface RunEntry {
  folder: string;
  binary: string;
  args: string;
  iterations: number;
  preopen: string;
  /** Line of run.sh where the entry starts (0 when unknown). */
  line: number;
}

/**
 * The entries of a top-level run.sh: `BenchSuite+=(…)` appends one at a time (and arrays
 * assigned whole), `BenchSize` fields each (5 when unset). The array taken is the one with the
 * most words; each append must hold a whole number of entries, or the error names its line.
 */
export function parseRunSh(text: string, file = 'run.sh'): RunEntry[] {
  const size = Number(bashAssignments(text).BenchSize ?? 5);
  if (!Number.isInteger(size) || size < 5) throw new ImportError(`${file}: BenchSize must be an integer ≥ 5, not "${bashAssignments(text).BenchSize}"`);
  const chunks = bashArrays(text).filter((c) => c.words.length);
  const byName = new Map<string, number>();
  for (const c of chunks) byName.set(c.name, (byName.get(c.name) ?? 0) + c.words.length);
  const best = [...byName.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new ImportError(`${file} has no benchmark list (BenchSuite+=("folder" "./binary" "args" "iter" "wasmdir") lines)`);
  const out: RunEntry[] = [];
  for (const c of chunks.filter((x) => x.name === best[0])) {
    if (c.words.length % size !== 0) {
      throw new ImportError(`${file} line ${c.line}: ${c.name} entry has ${c.words.length} fields, not a multiple of BenchSize=${size} (folder, binary, args, iterations, wasm dir)`);
    }
    for (let i = 0; i < c.words.length; i += size) {
      const w = c.words.slice(i, i + size);
      const it = Number(w[3]);
      if (!Number.isInteger(it) || it < 1) throw new ImportError(`${file} line ${c.line}: ${c.name} entry "${w[0]}": iterations "${w[3]}" is not a positive integer`);
      out.push({ folder: w[0]!, binary: w[1]!, args: w[2]!, iterations: it, preopen: w[4]!, line: c.line });
    }
  }
  return out;
}

export function splitArgs(args: string): { argv: string[]; stdin?: string } {
  const w = bashWords(args);
  const i = w.indexOf('<');
  if (i >= 0) return { argv: [...w.slice(0, i), ...w.slice(i + 2)], stdin: w[i + 1] };
  const glued = w.findIndex((x) => x.startsWith('<'));
  if (glued >= 0) return { argv: w.filter((_, k) => k !== glued), stdin: w[glued]!.slice(1) };
  return { argv: w };
}

export interface Imported {
  id: string;
  group: string;
  name: string;
  language: 'c' | 'c++';
  /** Benchmark folder relative to the tree (or absolute for a lone folder). */
  folder: string;
  script: string;
  args: string[];
  stdin?: string;
  /** Files the run reads that its arguments or stdin name. */
  inputs: string[];
  /** Every file copied into the run folder. */
  files: number;
  outputs: string[];
  check: BenchManifest['check'];
  /** CheckResult=false: what is compared with native's anyway, for information (the manifest's advisory_check). */
  advisory_check?: BenchManifest['advisory_check'];
  preopen: boolean;
  reps?: number;
  manifest: string;
  /** What was matched or overridden (stale folder, differing top-level fields). */
  notes: string[];
}

export interface Skipped {
  /** The id it would have had, when known. */
  id?: string;
  /** The run.sh entry (folder as written, with its line) or the folder. */
  entry: string;
  reason: string;
  /** The missing file, when that is the reason. */
  missing?: string;
}

export interface ImportReport {
  root: string;
  out: string;
  /** Top-level run.sh entries (0 for a lone folder). */
  entries: number;
  imported: Imported[];
  skipped: Skipped[];
}

const NOT_DATA = /^(Makefile.*|run(_\w+)?\.sh|common\.sh|LICEN[CS]E.*|README.*|COPYING.*|\..*)$|\.(c|cc|cpp|cxx|h|hh|hpp|o|a|wasm|cwasm|wasmu|aot)$/i;
const LFS = 'version https://git-lfs.github.com/spec/';

function walkFiles(dir: string, skipDirs: Set<string>, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (!skipDirs.has(p) && !e.name.startsWith('.') && !isBenchFolder(p)) walkFiles(p, skipDirs, base, out); }
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out;
}

function isLfsPointer(file: string): boolean {
  if (statSync(file).size > 200) return false;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(LFS.length);
    readSync(fd, b, 0, b.length, 0);
    return b.toString('latin1') === LFS;
  } finally { closeSync(fd); }
}

/** An argument that names a file: no leading "-", not a number, a path-ish word with ".", "_" or "/". */
const pathLike = (w: string) => !w.startsWith('-') && !/^[\d.eE+-]+$/.test(w) && /^[\w./+-]+$/.test(w) && /[._/]/.test(w);
const isOutput = (w: string, temps: string[]) => /^output_/.test(basename(w)) || temps.includes(w);

/** `"dir/file"` literals in the sources whose first folder is a data folder of the benchmark. */
function sourcePaths(f: BenchFolder): string[] {
  const found = new Set<string>();
  for (const s of f.sources) {
    for (const m of readFileSync(join(f.dir, s), 'latin1').matchAll(/"((?:[\w.-]+\/)+[\w.-]+)"/g)) {
      const p = m[1]!.replace(/^\.\//, '');
      const top = p.split('/')[0]!;
      if (top !== '..' && top !== '.' && existsSync(join(f.dir, top)) && statSync(join(f.dir, top)).isDirectory() && resolve(f.dir, top) !== resolve(f.dir, f.srcdir)) found.add(p);
    }
  }
  return [...found].sort();
}

function groupOf(root: string | undefined, dir: string): { group: string; rel: string } {
  if (root) {
    const rel = relative(root, dir);
    if (rel && !rel.startsWith('..')) return { group: rel.split(sep)[0]!.toLowerCase().replace(/_/g, '-'), rel };
  }
  return { group: basename(dirname(dir)).toLowerCase().replace(/_/g, '-') || 'imported', rel: dir };
}

/** The top of the tree a lone benchmark folder sits in: the nearest parent whose run.sh has a benchmark list. */
function treeRootOf(dir: string): string | undefined {
  for (let p = dirname(dir), i = 0; i < 8 && p !== dirname(p); p = dirname(p), i++) {
    const rs = join(p, 'run.sh');
    if (existsSync(rs) && !existsSync(join(p, 'Makefile')) && bashArrays(readFileSync(rs, 'utf8')).some((c) => c.words.length)) return p;
  }
  return undefined;
}

function allBenchFolders(root: string, depth = 0, out: string[] = []): string[] {
  if (depth > 6) return out;
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const p = join(root, e.name);
    if (isBenchFolder(p)) out.push(p);
    else allBenchFolders(p, depth + 1, out);
  }
  return out.sort();
}

interface Job { folder: BenchFolder; run: RunScript; entry: string; notes: string[] }

/**
 * Build one manifest, or say why not. `multi` = the folder has more than one run script (the
 * id then carries the script's suffix: blowfish-e, blowfish-d).
 */
function toManifest(job: Job, root: string | undefined, outDir: string, multi: boolean, fixes: readonly SourceFix[]): { imported?: Imported; skipped?: Skipped } {
  const { folder: f, run } = job;
  const { argv, stdin } = splitArgs(run.nativeArg);
  const { group, rel } = groupOf(root, f.dir);
  const suffix = multi ? /^run_(\w+)\.sh$/.exec(run.script)?.[1] : undefined;
  const name = suffix ? `${f.name}-${suffix}` : f.name;
  const id = `wabench/${group}/${name}`;
  const where = `${join(f.dir, run.script)}: NativeArg`;
  if (stdin === undefined && /(^|\s)</.test(run.nativeArg)) return { skipped: { id, entry: job.entry, reason: `${where} redirects stdin from nothing` } };
  const outputs = [...new Set([...argv.filter((w) => pathLike(w) && isOutput(w, f.tempFiles)), ...f.tempFiles])];
  const native = basename(run.native);
  const skipDirs = new Set([resolve(f.dir, f.srcdir)]);
  const files = walkFiles(f.dir, skipDirs).filter((p) => {
    const b = basename(p);
    return !NOT_DATA.test(b) && b !== native && !/^output_/.test(b) && !f.tempFiles.includes(p) && statSync(join(f.dir, p)).size < 256 << 20;
  });
  // Inputs the run needs: stdin, argument files, and data-folder paths its sources name.
  const named = [...(stdin ? [stdin] : []), ...argv.filter((w) => pathLike(w) && !isOutput(w, f.tempFiles))];
  const needed = [...new Set([...named, ...sourcePaths(f)])];
  for (const n of needed) {
    const p = join(f.dir, n);
    const fromArgs = named.includes(n);
    if (!existsSync(p)) {
      // An argument that is a path-like word but no file (e.g. a key "ab_c") would be flagged too;
      // WABench's arguments are files, numbers or option letters.
      const how = n === stdin ? 'its stdin' : fromArgs ? 'named in NativeArg' : `named in its sources`;
      return { skipped: { id, entry: job.entry, missing: n, reason: `missing input file ${n} (${how}; a checkout without its large files?)` } };
    }
    if (statSync(p).isFile() && isLfsPointer(p)) {
      return { skipped: { id, entry: job.entry, missing: n, reason: `input file ${n} is a Git LFS pointer, not the data (git lfs pull)` } };
    }
  }
  for (const p of files) {
    if (isLfsPointer(join(f.dir, p))) return { skipped: { id, entry: job.entry, missing: p, reason: `input file ${p} is a Git LFS pointer, not the data (git lfs pull)` } };
  }
  const spec = outputs.length ? 'stdout+stderr+files' : 'stdout+stderr';
  const check: BenchManifest['check'] = run.checkResult !== true ? 'none' : spec;
  // CheckResult=false: the same spec, compared for information only (output_ok, never wrong-output).
  const advisory = run.checkResult === false ? spec : undefined;
  const dir = join(outDir, group, name);
  const fix = fixFor(fixes, rel);
  const fixed = fix ? applyFix(fix, f.dir, dir, f.sources) : undefined;
  // Said only when no fix of ours applied: a fix makes the output comparable (bitcount's).
  const said = advisory && !fixed?.applied ? fixFor(WABENCH_NOTES, rel)?.note : undefined;
  const notes = [...job.notes, ...(fixed ? [fixed.note] : []), ...(said ? [`advisory check: ${said}`] : [])];
  const sources = fixed ? f.sources.map((s) => fixed.sources[s] ?? s) : f.sources;
  const include = fixed?.include.length ? fixed.include : undefined;
  const manifest: BenchManifest = {
    id, group: `wabench/${group}`, category: `wabench/${dirname(rel) === '.' ? group : dirname(rel)}`, language: f.language,
    description: `${name} from WABench (${rel}${multi ? `, ${run.script}` : ''})`,
    origin: `WABench tree ${root ?? dirname(f.dir)}, ${rel}/${run.script} and Makefile${fixed?.applied ? `; with wasmlab's fix: ${fix!.why}` : ''}`,
    source_root: f.dir,
    sources,
    ...(include ? { include } : {}),
    cflags: [...(f.language === 'c' ? CLANG10_C_COMPAT : OLD_CXX_COMPAT), ...f.cflags, ...(fixed?.cflags ?? [])],
    ldflags: f.ldflags,
    wasm_cflags: WASI_EMULATION.cflags,
    wasm_ldflags: WASI_EMULATION.ldflags,
    sizes: { mini: argv, small: argv, medium: argv, large: argv },
    files,
    ...(stdin ? { stdin } : {}),
    ...(outputs.length ? { outputs } : {}),
    check,
    ...(advisory ? { advisory_check: advisory, check_note: 'by WABench (CheckResult=false)' } : {}),
    // WABench's scripts never look at the exit status (blowfish always exits 1): compared with native's instead.
    exit_status: 'compared',
    preopen: run.wasmDir === '.',
    ...(run.iter ? { reps: run.iter } : {}),
  };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.json');
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  const inputs = [...new Set([...needed, ...files.filter((p) => p.includes('/')).map((p) => `${p.split('/')[0]}/`)])];
  return {
    imported: {
      id, group, name, language: f.language, folder: rel, script: run.script, args: argv, ...(stdin ? { stdin } : {}),
      inputs, files: files.length, outputs, check, ...(advisory ? { advisory_check: advisory } : {}), preopen: manifest.preopen!, ...(run.iter ? { reps: run.iter } : {}),
      manifest: file, notes,
    },
  };
}

/**
 * WABench was built with wasi-sdk 10, whose headers still offered getrusage, signal and mmap;
 * today's wasi-libc asks for these opt-ins instead (polybench.c includes <sys/resource.h>).
 * The emulation libraries are static: linked only where a program calls them.
 */
const WASI_EMULATION = {
  cflags: ['-D_WASI_EMULATED_PROCESS_CLOCKS', '-D_WASI_EMULATED_SIGNAL', '-D_WASI_EMULATED_MMAN', '-D_WASI_EMULATED_GETPID'],
  ldflags: ['-lwasi-emulated-process-clocks', '-lwasi-emulated-signal', '-lwasi-emulated-mman', '-lwasi-emulated-getpid'],
};

/**
 * WABench was built with clang 10, where C's implicit function declarations, implicit int and
 * int/pointer mismatches were warnings; clang 16 made them errors, and MiBench's 1990s C has
 * them (basicmath calls printf without <stdio.h>). Warnings again, for C sources only.
 */
const CLANG10_C_COMPAT = ['-Wno-error=implicit-function-declaration', '-Wno-error=implicit-int', '-Wno-error=int-conversion',
  '-Wno-error=incompatible-pointer-types', '-Wno-error=return-type'];

/**
 * C++ headers of 2020 included <limits> from <algorithm>/<memory>; Debian 12's libstdc++ no longer
 * does, and JetStream2's HashSet.cpp uses std::numeric_limits without including it.
 */
const OLD_CXX_COMPAT = ['-include', 'limits'];

const norm = (s: string) => bashWords(s).join(' ');

/** Match a top-level entry to its folder (resolving stale names) and to one of the folder's run scripts. */
function resolveEntry(root: string, e: RunEntry, folders: () => string[]): { job?: Job; skipped?: Skipped } {
  const entry = `${e.folder} (run.sh line ${e.line})`;
  const notes: string[] = [];
  let dir = resolve(root, e.folder);
  if (!isBenchFolder(dir)) {
    const bin = basename(e.binary);
    const matches = folders().filter((d) => {
      try {
        const f = readBenchFolder(d);
        return f.name === bin && f.runs.some((r) => basename(r.native) === bin);
      } catch { return false; }
    });
    const pick = matches.length > 1 ? matches.filter((d) => basename(d) === basename(e.folder)) : matches;
    if (pick.length !== 1) {
      const why = pick.length === 0 && matches.length === 0
        ? `no benchmark folder's Makefile (Benchmark = ${bin}) and run.sh (Native=./${bin}) match`
        : `several folders match: ${matches.map((d) => relative(root, d)).join(', ')}`;
      return { skipped: { entry, reason: `folder ${e.folder} does not exist; ${why}` } };
    }
    dir = pick[0]!;
    notes.push(`run.sh names ${e.folder}, which does not exist: matched ${relative(root, dir)} (its Makefile: Benchmark = ${bin}; its run.sh: Native=./${bin})`);
  }
  let folder: BenchFolder;
  try { folder = readBenchFolder(dir); } catch (err) {
    if (err instanceof ImportError) return { skipped: { entry, reason: err.message } };
    throw err;
  }
  let run = folder.runs.find((r) => norm(r.nativeArg) === norm(e.args));
  if (!run) {
    if (folder.runs.length > 1) {
      return { skipped: { entry, reason: `run.sh line ${e.line}: NativeArg "${e.args}" matches none of ${folder.runs.map((r) => r.script).join(', ')} in ${relative(root, dir)}` } };
    }
    run = folder.runs[0]!;
    notes.push(`run.sh line ${e.line} gives NativeArg "${e.args}", ${relative(root, dir)}/${run.script} "${run.nativeArg}": the folder's is used`);
  }
  if (run.iter !== undefined && run.iter !== e.iterations) notes.push(`Iter: run.sh line ${e.line} says ${e.iterations}, ${run.script} says ${run.iter}: ${run.iter} is used`);
  if (run.iter === undefined) run = { ...run, iter: e.iterations };
  if ((e.preopen === '.') !== (run.wasmDir === '.')) notes.push(`WasmDir: run.sh line ${e.line} says "${e.preopen}", ${run.script} says "${run.wasmDir}": the folder's is used`);
  return { job: { folder, run, entry, notes } };
}

/**
 * Import PATH: a WABench tree (a run.sh with a benchmark list) or one benchmark folder (Makefile +
 * run.sh). Writes manifests under `outDir/<group>/<name>/bench.json` and reports what it imported
 * and what it skipped, with why.
 */
export function importWabench(path: string, outDir: string, opts: { fixes?: readonly SourceFix[] } = {}): ImportReport {
  const fixes = opts.fixes ?? WABENCH_FIXES;
  const p = resolve(path);
  if (!existsSync(p)) throw new ImportError(`${p} does not exist`);
  const runSh = join(p, 'run.sh');
  const report = (root: string, entries: number): ImportReport => ({ root, out: resolve(outDir), entries, imported: [], skipped: [] });
  const add = (r: ImportReport, res: { imported?: Imported; skipped?: Skipped }) => {
    if (res.imported) r.imported.push(res.imported);
    if (res.skipped) r.skipped.push(res.skipped);
  };

  if (isBenchFolder(p)) {
    const root = treeRootOf(p);
    const folder = readBenchFolder(p); // errors here name the file and field: nothing else to import
    const r = report(p, 0);
    for (const run of folder.runs) add(r, toManifest({ folder, run, entry: relative(root ?? dirname(p), p), notes: [] }, root, outDir, folder.runs.length > 1, fixes));
    return r;
  }
  if (!existsSync(runSh)) {
    throw new ImportError(`${p} has no run.sh: neither a WABench tree (run.sh with BenchSuite+=(…) entries) nor a benchmark folder (Makefile + run.sh)`);
  }
  const entries = parseRunSh(readFileSync(runSh, 'utf8'), runSh);
  const r = report(p, entries.length);
  let folders: string[] | undefined;
  const seen = new Map<string, string>();
  const multi = new Map<string, number>();
  const jobs: Job[] = [];
  for (const e of entries) {
    const res = resolveEntry(p, e, () => (folders ??= allBenchFolders(p)));
    if (!res.job) { add(r, res); continue; }
    const key = `${res.job.folder.dir}\0${res.job.run.script}`;
    if (seen.has(key)) { r.skipped.push({ entry: res.job.entry, reason: `the same benchmark as ${seen.get(key)}` }); continue; }
    seen.set(key, res.job.entry);
    multi.set(res.job.folder.dir, res.job.folder.runs.length);
    jobs.push(res.job);
  }
  for (const j of jobs) add(r, toManifest(j, p, outDir, (multi.get(j.folder.dir) ?? 1) > 1, fixes));
  return r;
}
