/**
 * The benchmark catalog: every bench.json under src/suite/programs (wasmlab's own suite) plus
 * folders the user names, and name resolution ("gemm" → "polybench/gemm").
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, programsDir } from '../paths.js';
import { readManifest, type Benchmark } from './manifest.js';

export class UnknownBenchmarkError extends Error {}

function findManifests(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findManifests(p, out);
    else if (e.name === 'bench.json') out.push(p);
  }
  return out;
}

let cached: Benchmark[] | undefined;

/** All of wasmlab's own benchmarks, sorted by id. */
export function allBenchmarks(): Benchmark[] {
  cached ??= findManifests(programsDir)
    .map(readManifest)
    .sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}

/** Benchmarks whose id, group, category or description contains `filter` (case-insensitive). */
export function filterBenchmarks(filter?: string): Benchmark[] {
  if (!filter) return allBenchmarks();
  const f = filter.toLowerCase();
  return allBenchmarks().filter((b) =>
    [b.id, b.group, b.category, b.description].some((s) => s.toLowerCase().includes(f)),
  );
}

/**
 * Resolve one name: a full id ("polybench/gemm"), a unique last part ("gemm"), a group name
 * ("polybench" → all of it), or a path to a folder with a bench.json (a user's own).
 */
export function resolveBenchmarks(name: string): Benchmark[] {
  const all = allBenchmarks();
  const exact = all.find((b) => b.id === name);
  if (exact) return [exact];
  const byTail = all.filter((b) => b.id.split('/').pop() === name);
  if (byTail.length === 1) return byTail;
  if (byTail.length > 1) {
    throw new UnknownBenchmarkError(`benchmark "${name}" is ambiguous: ${byTail.map((b) => b.id).join(', ')} — use the full id`);
  }
  const group = all.filter((b) => b.group === name);
  if (group.length) return group;
  const asPath = resolve(name);
  if (existsSync(asPath) && statSync(asPath).isDirectory()) {
    // A user's folder: its own bench.json, or every bench.json below it (an imported suite).
    const found = findManifests(asPath).map(readManifest).sort((a, b) => a.id.localeCompare(b.id));
    if (found.length) return found;
    throw new UnknownBenchmarkError(`${asPath} has no bench.json (see src/suite/FORMAT.md)`);
  }
  if (name === 'all') return all;
  // Ids of imported suites (`wasmlab suite import` writes to $WASMLAB_CACHE/suites by default):
  // "wabench/polybench/gemm", or a prefix of ids such as "wabench/polybench".
  const imported = findManifests(join(cacheDir, 'suites')).map(readManifest);
  const byId = imported.filter((b) => b.id === name);
  if (byId.length) return byId.slice(0, 1);
  const byPrefix = imported.filter((b) => b.id.startsWith(`${name}/`)).sort((a, b) => a.id.localeCompare(b.id));
  if (byPrefix.length) return [...new Map(byPrefix.map((b) => [b.id, b])).values()];
  const near = all.filter((b) => b.id.includes(name)).slice(0, 5).map((b) => b.id);
  throw new UnknownBenchmarkError(
    `unknown benchmark "${name}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''} — \`wasmlab suite\` lists them`,
  );
}

/** Resolve a list of names, dropping duplicates while keeping order. */
export function resolveBenchmarkList(names: string[]): Benchmark[] {
  const seen = new Set<string>();
  const out: Benchmark[] = [];
  for (const n of names) for (const b of resolveBenchmarks(n)) if (!seen.has(b.id)) { seen.add(b.id); out.push(b); }
  return out;
}
