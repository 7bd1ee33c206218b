/** Where a benchmark's files are, per FORMAT.md's path rules (shared by the build and the run folder). */
import { join, resolve } from 'node:path';
import { cacheDir } from '../paths.js';
import type { Benchmark } from './manifest.js';

/** The folder sources, includes and files are relative to: source_root ($APPS expanded) or the benchmark folder. */
export function benchRoot(b: Benchmark): string {
  return b.source_root ? resolve(b.dir, b.source_root.replace(/^\$APPS\b/, join(cacheDir, 'apps'))) : b.dir;
}

/** A path of the manifest: "./x" is always the benchmark folder's, anything else is under benchRoot. */
export function benchPath(b: Benchmark, p: string): string {
  return p.startsWith('./') ? resolve(b.dir, p) : resolve(benchRoot(b), p);
}
