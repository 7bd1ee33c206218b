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
import { locateTool } from '../../locate.js';

export const VALGRIND_NOTE = 'valgrind cachegrind (simulated, whole process); no cycles under simulation, so no IPC';

/**
 * Cachegrind runs a program 20–100× slower than natively: a run under it gets the run's time
 * limit times this, so a limit that fits the program does not kill its simulation.
 */
export const VALGRIND_TIMEOUT_FACTOR = 100;

/**
 * valgrind's main-thread stack limit for the client. Its default (8 MiB, the ulimit) is too small
 * for WAVM, which touches its whole stack at start-up (touchStackPages) and dies under valgrind
 * with "Stack overflow in thread #1" (SIGSEGV) without this; harmless for the other runtimes.
 */
export const VALGRIND_MAIN_STACK = 67108864;

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
    `--main-stacksize=${VALGRIND_MAIN_STACK}`,
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
