/**
 * What identifies one measurement, so that the store can tell "already measured" from "to do".
 * A run's key is its series key (everything that makes the measurement what it is: benchmark,
 * size, -O level, target, runtime version, the artifact's hash, the argv with machine-local paths
 * made relative, the counter source, the host fingerprint, the build's feature set) plus its rep index. The series key
 * lets the store find every rep of one configuration at once.
 */
import { createHash } from 'node:crypto';

export interface SeriesIdentity {
  benchmark: string;
  size: string;
  opt: string;
  runtime: string;
  mode: string;
  aot: boolean;
  runtime_version: string;
  artifact_sha256: string;
  /** argv with local paths replaced (see relativeArgv). */
  argv: readonly string[];
  counters: string;
  host_id: string;
  /** The build's feature set ("" or absent: the plain build). */
  features?: string;
}

const hash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

export function seriesKey(id: SeriesIdentity): string {
  // A feature set enters only when there is one: keys of plain builds stay those already stored.
  return hash(JSON.stringify([id.benchmark, id.size, id.opt, id.runtime, id.mode, id.aot, id.runtime_version,
    id.artifact_sha256, id.argv, id.counters, id.host_id, ...(id.features ? [id.features] : [])]), 24);
}

export function runKey(series: string, rep: number): string {
  return `${series}-${rep}`;
}

export function seriesOf(runKey: string): string {
  return runKey.slice(0, runKey.lastIndexOf('-'));
}

/**
 * argv with machine-local folders replaced by names: the sweep's scratch folder differs on
 * every sweep and the cache and checkout differ between users, while the measurement is the
 * same. Longer prefixes first, so a folder inside another gets its own name.
 */
export function relativeArgv(argv: readonly string[], roots: Record<string, string>): string[] {
  const pairs = Object.entries(roots).filter(([, p]) => p).sort((a, b) => b[1].length - a[1].length);
  return argv.map((a) => {
    for (const [name, p] of pairs) if (a.includes(p)) a = a.split(p).join(`{${name}}`);
    return a;
  });
}

/** The id of a request's plan: the same request on the same suite gives the same id. */
export function planId(plan: unknown): string {
  return hash(JSON.stringify(plan), 16);
}

/** The key that groups a plan's runs of one target at one (benchmark, opt): a plan's cells, a shard's reps. */
export function cellKey(benchmark: string, opt: string, target: string): string {
  return `${benchmark}\0${opt}\0${target}`;
}
