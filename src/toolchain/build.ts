/**
 * Builds a benchmark for a target at an -O level, through a content-addressed cache: the key
 * hashes the sources, the headers beside them, every flag and the compiler version, so a second
 * identical build is a lookup and any change rebuilds. Each artifact is described by an
 * ArtifactInfo (path, size, hash, compile time, cached or not, and for wasm the number of v128
 * instructions in it). A build has a feature set (features.ts): its flags are part of the key.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { benchIncludeDir, cacheDir, repoRoot, SETUP_COMMAND } from '../paths.js';
import type { Benchmark } from '../suite/manifest.js';
import { benchPath, benchRoot } from '../suite/paths.js';
import { findCompiler, targetFlags, type BuildTarget } from './compilers.js';
import { featureFlags, featuresLabel } from './features.js';
import { countV128, ScanError } from './v128-scan.js';

export const OPT_LEVELS = ['O0', 'O1', 'O2', 'O3', 'Os'] as const;
export type OptLevel = (typeof OPT_LEVELS)[number];

export interface ArtifactInfo {
  benchmark: string;
  target: BuildTarget;
  opt: string;
  path: string;
  bytes: number;
  sha256: string;
  /** Wall time of the compiler run that produced it (also when served from the cache). */
  compile_s: number;
  cached: boolean;
  compiler_version: string;
  /** The flags, as one string, for provenance columns. */
  cflags: string;
  /** The build's feature set as the `features` column has it: "" (plain), "simd128", … */
  features: string;
  /**
   * wasm: the v128 (0xFD-prefixed) instructions in its code (v128-scan.ts); null for native, or
   * when the module could not be decoded (`v128_note` says why).
   */
  v128: number | null;
  v128_note?: string;
}

export class BuildError extends Error {
  constructor(message: string, readonly diagnostics: string) {
    super(message);
  }
}

function expandGlob(pattern: string): string[] {
  const name = basename(pattern);
  if (!name.includes('*')) return [pattern];
  const re = new RegExp(`^${name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const dir = dirname(pattern);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f));
}

/** Resolve sources and include dirs per FORMAT.md's path rules. */
export function resolvePaths(b: Benchmark): { sources: string[]; includes: string[] } {
  const root = benchRoot(b);
  const at = (p: string) => benchPath(b, p);
  const sources = b.sources.flatMap((s) => expandGlob(at(s)));
  if (b.source_root && !existsSync(root)) {
    throw new BuildError(`${b.id}: its sources (${root}) are not there — run \`${SETUP_COMMAND}\` (the apps step fetches them)`, '');
  }
  for (const s of sources) if (!existsSync(s)) throw new BuildError(`${b.id}: ${s} (field "sources" of ${join(b.dir, 'bench.json')}) does not exist`, '');
  if (!sources.length) throw new BuildError(`${b.id}: no sources matched ${b.sources.join(' ')}`, '');
  return { sources, includes: (b.include ?? []).map(at) };
}

/** Headers that can change the build: *.h / *.hpp directly in each include dir and source dir. */
function headerFiles(dirs: string[]): string[] {
  const out = new Set<string>();
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) if (/\.(h|hh|hpp|inc|def)$/.test(f)) out.add(join(d, f));
  }
  return [...out].sort();
}

export function compileArgs(
  b: Benchmark, target: BuildTarget, opt: string, sources: string[], includes: string[], out: string, features: readonly string[] = [],
): string[] {
  const cxx = b.language === 'c++' ? ['-fno-exceptions', '-std=c++17'] : [];
  return [
    ...targetFlags(target),
    `-${opt}`,
    ...featureFlags(features, target),
    ...cxx,
    '-I', benchIncludeDir,
    ...includes.flatMap((i) => ['-I', i]),
    ...(b.cflags ?? []),
    ...((target === 'native' ? b.native_cflags : b.wasm_cflags) ?? []),
    '-o', out,
    ...sources,
    ...(b.ldflags ?? []),
    ...((target === 'native' ? b.native_ldflags : b.wasm_ldflags) ?? []),
    '-lm', // wasmlab.h's wl_round uses libm; harmless for programs that do not
  ];
}

interface CacheMeta {
  compile_s: number;
  sha256: string;
}

/** The v128 count of a wasm file (null for native), or null and why the module could not be decoded. */
export function vectorCount(target: BuildTarget, file: string): Pick<ArtifactInfo, 'v128' | 'v128_note'> {
  if (target !== 'wasm') return { v128: null };
  try {
    return { v128: countV128(readFileSync(file)).v128 };
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return { v128: null, v128_note: `not decoded: ${e.message}` };
  }
}

/** A module built elsewhere (run --wasm): the file itself, hashed; there is no native build of it. */
function prebuiltArtifact(b: Benchmark, target: BuildTarget, opt: string, wasm: string): ArtifactInfo {
  if (target !== 'wasm') throw new BuildError(`${b.id} is a prebuilt module: it has no native build`, '');
  if (!existsSync(wasm)) throw new BuildError(`${b.id}: ${wasm} does not exist`, '');
  const bytes = readFileSync(wasm);
  return {
    benchmark: b.id, target, opt, path: wasm, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
    compile_s: 0, cached: true, compiler_version: 'prebuilt', cflags: '', features: '', ...vectorCount(target, wasm),
  };
}

/** A file the build reads; unreadable, it is a BuildError naming the file and the manifest field. */
function readSource(b: Benchmark, file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new BuildError(`${b.id}: cannot read ${file} (field "${field}" of ${join(b.dir, 'bench.json')}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, '');
  }
}

/** Rewrites absolute paths under the folders a build reads from into placeholders (for cache keys). */
export function portablePaths(b: Benchmark): (s: string) => string {
  const roots = [
    [benchRoot(b), '@SRC@'], [b.dir, '@BENCH@'], [benchIncludeDir, '@INCLUDE@'], [repoRoot, '@REPO@'], [cacheDir, '@CACHE@'],
  ].sort((x, y) => y[0]!.length - x[0]!.length); // the most specific folder first
  return (s) => roots.reduce((acc, [root, tag]) => acc.split(root!).join(tag!), s);
}

export async function buildBenchmark(b: Benchmark, target: BuildTarget, opt: string, features: readonly string[] = []): Promise<ArtifactInfo> {
  if (!(OPT_LEVELS as readonly string[]).includes(opt)) {
    throw new BuildError(`unknown -O level "${opt}" (use one of ${OPT_LEVELS.join(', ')})`, '');
  }
  if (b.prebuilt) return prebuiltArtifact(b, target, opt, b.prebuilt.wasm);
  const compiler = await findCompiler();
  const { sources, includes } = resolvePaths(b);
  const exe = b.language === 'c++' ? compiler.cxx : compiler.cc;
  const name = b.id.replace(/[^A-Za-z0-9_.-]+/g, '_') + (target === 'wasm' ? '.wasm' : '');
  // The key is content only: paths enter it relative to the folders they live in (the
  // benchmark's, wasmlab's include folder, the checkout, the cache) and the output path is a
  // placeholder, so another clone or another cache location finds the same artifacts.
  const portable = portablePaths(b);
  const argsForKey = compileArgs(b, target, opt, sources, includes, '@OUT@', features);
  const h = createHash('sha256').update(`${compiler.version}\n${exe}\n${portable(JSON.stringify(argsForKey))}\n`);
  for (const f of [...sources, ...headerFiles([benchIncludeDir, ...includes, ...sources.map(dirname)])]) {
    h.update(`${portable(f)}\n`).update(readSource(b, f, sources.includes(f) ? 'sources' : 'include'));
  }
  const key = h.digest('hex').slice(0, 24);
  const dir = join(cacheDir, 'artifacts', key);
  const out = join(dir, name);
  const metaFile = join(dir, 'meta.json');
  const flags = compileArgs(b, target, opt, [], includes, '', features).filter((a) => a !== '-o' && a !== '').join(' ');
  const info = (meta: CacheMeta, cached: boolean): ArtifactInfo => ({
    benchmark: b.id, target, opt, path: out, bytes: statSync(out).size, sha256: meta.sha256,
    compile_s: meta.compile_s, cached, compiler_version: compiler.version, cflags: flags, features: featuresLabel(features),
    ...vectorCount(target, out),
  });
  if (existsSync(metaFile) && !existsSync(out)) {
    // The same sources and flags under another benchmark id (WABench's blowfish-e and blowfish-d
    // build one program): the artifact is the same; give it this id's name too.
    const twin = readdirSync(dir).find((f) => f !== 'meta.json' && statSync(join(dir, f)).isFile());
    if (twin) {
      copyFileSync(join(dir, twin), `${out}.tmp-${process.pid}`);
      renameSync(`${out}.tmp-${process.pid}`, out);
    }
  }
  if (existsSync(metaFile) && existsSync(out)) {
    return info(JSON.parse(readFileSync(metaFile, 'utf8')) as CacheMeta, true);
  }
  // Build in a private temp folder, then rename into place: two processes building the same
  // key never see a half-written artifact.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  const t0 = process.hrtime.bigint();
  const r = await execa(exe, compileArgs(b, target, opt, sources, includes, join(tmp, name), features), {
    reject: false, all: true, cwd: benchRoot(b), // flags like -I./include are relative to the sources
  });
  const compile_s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.exitCode !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const diag = (r.all ?? '').trim();
    const first = diag.split('\n').find((l) => /error:|undefined (reference|symbol)/.test(l)) ?? diag.split('\n')[0] ?? '';
    const variant = features.length ? `, ${featuresLabel(features)}` : '';
    throw new BuildError(`${b.id} (${target}, -${opt}${variant}) does not compile: ${first}`, diag);
  }
  const sha256 = createHash('sha256').update(readFileSync(join(tmp, name))).digest('hex');
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify({ compile_s, sha256 }));
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race: use its copy
  }
  return info({ compile_s, sha256 }, false);
}
