/**
 * Import of a WABench-style tree into wasmlab manifests. The layout (as the study's suite has it):
 * top-level group folders; each benchmark folder holds a Makefile setting `Benchmark`, `SRCDIR`,
 * `SRCSUFFIX` (c, cc, cpp), `CFLAGS`, `CINCLUDE`, `LDFLAGS`, `OPT` and including a shared
 * Makefile.in; the top-level run.sh lists the runs in a bash array, five fields per entry:
 * benchmark folder, native binary (./name), its arguments (may contain "< file" for stdin),
 * iterations, and the folder to preopen ("." or empty). Input files sit in the benchmark folder.
 *
 * We keep their sources and flags but not their compiler paths or -O level: the benchmarks are
 * built by wasmlab's toolchain like its own. Manifests are written to an output folder (the
 * user's tree is not touched) with `source_root` pointing at each benchmark folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { BenchManifest } from './manifest.js';

export class ImportError extends Error {}

/** Split bash words: whitespace-separated, with '…' and "…" quoting and backslash escapes. */
export function bashWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && !inWord) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (/\s/.test(c)) { if (inWord) { words.push(cur); cur = ''; inWord = false; } continue; }
    inWord = true;
    if (c === "'") { const j = text.indexOf("'", i + 1); cur += text.slice(i + 1, j); i = j; }
    else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) cur += text[j] === '\\' && /["\\$`]/.test(text[j + 1] ?? '') ? text[++j] : text[j];
      i = j;
    } else if (c === '\\') cur += text[++i] ?? '';
    else cur += c;
  }
  if (inWord) words.push(cur);
  return words;
}

export interface RunEntry { folder: string; binary: string; args: string; iterations: number; preopen: string }

/** The entries of run.sh's array: the first `NAME=( … )` whose word count is a multiple of 5. */
export function parseRunSh(text: string): RunEntry[] {
  for (const m of text.matchAll(/^\s*(?:declare\s+-a\s+)?\w+\s*=\s*\(([\s\S]*?)^\s*\)/gm)) {
    const w = bashWords(m[1]!);
    if (w.length === 0 || w.length % 5 !== 0) continue;
    const out: RunEntry[] = [];
    for (let i = 0; i < w.length; i += 5) {
      out.push({ folder: w[i]!, binary: w[i + 1]!, args: w[i + 2]!, iterations: Number(w[i + 3]) || 1, preopen: w[i + 4]! });
    }
    return out;
  }
  throw new ImportError('run.sh has no bash array of five-field entries (folder, binary, args, iterations, preopen dir)');
}

/** Simple Makefile variables: `X = v`, `X := v`, `X ?= v`, `X += v`, with line continuations; $(X) expanded. */
export function parseMakeVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const expand = (s: string) => s.replace(/\$[({](\w+)[)}]/g, (_, n: string) => vars[n] ?? '');
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    const m = /^\s*([A-Za-z_]\w*)\s*(\+=|:=|\?=|=)\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, name, op, value] = m as unknown as [string, string, string, string];
    const v = expand(value.replace(/\s+#.*$/, ''));
    if (op === '+=') vars[name] = vars[name] ? `${vars[name]} ${v}` : v;
    else if (op === '?=') vars[name] ??= v;
    else vars[name] = v;
  }
  return vars;
}

/** Flags of theirs we drop: -O levels and targets are ours to choose; -o/-c are build mechanics. */
const DROP = /^(-O\w*|--target=.*|--sysroot.*|-o|-c)$/;

function splitArgs(args: string): { argv: string[]; stdin?: string } {
  const w = bashWords(args);
  const i = w.indexOf('<');
  if (i >= 0) return { argv: [...w.slice(0, i), ...w.slice(i + 2)], stdin: w[i + 1] };
  const glued = w.findIndex((x) => x.startsWith('<'));
  if (glued >= 0) return { argv: w.filter((_, k) => k !== glued), stdin: w[glued]!.slice(1) };
  return { argv: w };
}

export interface ImportResult { id: string; manifest: string }

export function importWabench(tree: string, outDir: string): ImportResult[] {
  const root = resolve(tree);
  const runSh = join(root, 'run.sh');
  if (!existsSync(runSh)) throw new ImportError(`${root} has no run.sh: not a WABench-style tree`);
  const results: ImportResult[] = [];
  for (const e of parseRunSh(readFileSync(runSh, 'utf8'))) {
    const folder = resolve(root, e.folder);
    const makefile = join(folder, 'Makefile');
    if (!existsSync(makefile)) throw new ImportError(`${e.folder}: no Makefile in ${folder}`);
    const v = parseMakeVars(readFileSync(makefile, 'utf8'));
    const suffix = v.SRCSUFFIX || 'c';
    const srcdir = v.SRCDIR || '.';
    const sources = readdirSync(resolve(folder, srcdir)).filter((f) => f.endsWith(`.${suffix}`)).sort().map((f) => join(srcdir, f));
    if (!sources.length) throw new ImportError(`${e.folder}: no *.${suffix} in ${srcdir}`);
    const { argv, stdin } = splitArgs(e.args);
    // Data files of the folder (not sources, build files or binaries) are copied into the run folder.
    const skip = new Set(['Makefile', basename(e.binary)]);
    const files = readdirSync(folder).filter((f) => {
      const p = join(folder, f);
      return statSync(p).isFile() && !skip.has(f) && !/\.(c|cc|cpp|h|hpp|o|wasm|cwasm|sh|in)$/.test(f) && statSync(p).size < 256 << 20;
    });
    const name = v.Benchmark || basename(folder);
    const group = relative(root, folder).split('/')[0] || 'imported';
    const flags = (s?: string) => bashWords(s ?? '').filter((f) => !DROP.test(f));
    const manifest: BenchManifest = {
      id: `${group}/${name}`, group, category: `imported/${group}`, language: suffix === 'c' ? 'c' : 'c++',
      description: `${name} imported from ${basename(root)} (${e.folder})`,
      origin: `WABench-style tree ${root}`,
      source_root: folder,
      sources,
      cflags: [...flags(v.CFLAGS), ...flags(v.CINCLUDE)],
      ldflags: flags(v.LDFLAGS),
      sizes: { mini: argv, large: argv },
      files,
      ...(stdin ? { stdin } : {}),
      check: 'stdout',
    };
    const dir = join(outDir, group, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bench.json'), JSON.stringify(manifest, null, 2) + '\n');
    results.push({ id: manifest.id, manifest: join(dir, 'bench.json') });
  }
  return results;
}
