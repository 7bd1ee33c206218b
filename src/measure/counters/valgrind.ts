/**
 * Simulated counters: the run repeated under valgrind's cachegrind with cache and branch
 * simulation. Counts cover the whole process (start-up, compilation, the kernel, teardown),
 * are deterministic for a given binary and input, and there are no cycles (hence no IPC) —
 * the row says so in counter_note rather than inventing a number.
 *
 * JIT runtimes write code at run time: --smc-check=all makes valgrind notice every such write.
 * Mapping to perf's names: instructions = "I refs", branches = "Branches" (conditional +
 * indirect), branch_misses = "Mispredicts", cache_references = "LL refs" (accesses that reach
 * the last-level cache), cache_misses = "LL misses" — the same meaning perf's
 * cache-references/cache-misses have on x86 (last-level cache).
 */
import type { CounterName } from '../../record.js';
import { locateTool } from '../../runtimes/locate.js';

export const VALGRIND_NOTE = 'valgrind cachegrind (simulated, whole process); no cycles under simulation, so no IPC';

export function valgrindPath(): string | undefined {
  return locateTool('valgrind', 'WASMLAB_VALGRIND');
}

export function wrapWithCachegrind(valgrind: string, argv: string[], logFile: string): string[] {
  return [
    valgrind,
    '--tool=cachegrind',
    '--cache-sim=yes',
    '--branch-sim=yes',
    '--smc-check=all',
    '--cachegrind-out-file=/dev/null',
    `--log-file=${logFile}`,
    ...argv,
  ];
}

const LINES: [RegExp, CounterName][] = [
  [/^==\d+== I\s+refs:\s+([\d,]+)/m, 'instructions'],
  [/^==\d+== Branches:\s+([\d,]+)/m, 'branches'],
  [/^==\d+== Mispredicts:\s+([\d,]+)/m, 'branch_misses'],
  [/^==\d+== LL refs:\s+([\d,]+)/m, 'cache_references'],
  [/^==\d+== LL misses:\s+([\d,]+)/m, 'cache_misses'],
];

/** Parse cachegrind's summary; throws when the summary is missing (valgrind failed). */
export function parseCachegrind(log: string): Partial<Record<CounterName, number>> {
  const out: Partial<Record<CounterName, number>> = {};
  for (const [re, name] of LINES) {
    const m = re.exec(log);
    if (m) out[name] = Number(m[1]!.replace(/,/g, ''));
  }
  if (out.instructions === undefined) {
    const last = log.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`cachegrind produced no summary: ${last || 'empty log'}`);
  }
  return out;
}
