/**
 * How a run's counters are obtained, behind one interface (as Sightglass's `measure/` puts each
 * measuring mechanism behind its `Measure` trait): `none`; `perf`, whose counts the measured
 * launch itself opens (wl-launch --perf), so the launch must know; `valgrind`, a second run of the
 * same command under cachegrind. The sweep asks a mechanism for counts and never branches on
 * which one it is.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CounterName, CounterSource, RunRecord } from '../../record.js';
import type { Outcome } from '../execute.js';
import { countersToColumns } from './derive.js';
import { parseCachegrind, valgrindPath, VALGRIND_NOTE, VALGRIND_TIMEOUT_FACTOR, wrapWithCachegrind } from './valgrind.js';

export type CounterColumns = Pick<RunRecord, CounterName | 'ipc' | 'branch_miss_ratio' | 'cache_miss_ratio'>;

export interface Counted {
  counters: CounterColumns;
  counter_note: string;
}

/** What a mechanism may use: the measured run, and a way to run the same command again. */
export interface CountInput {
  measured: Outcome;
  /** Run the command again with its argv wrapped, a time limit `timeoutFactor` × the run's, no memory limit. */
  rerun(wrap: (argv: string[]) => string[], o: { timeoutFactor: number }): Promise<Outcome>;
  /** The reference output hash a rerun must reproduce (null: none), and whether output is checked at all. */
  reference: string | null;
  checked: boolean;
  /** A folder for the mechanism's own files (logs). */
  scratch: string;
}

export interface CounterMechanism {
  readonly source: CounterSource;
  /** The measured launch opens hardware counters for the child (perf). */
  readonly inLaunch: boolean;
  /** The counts of a finished measured run; null when the sweep was cancelled meanwhile. */
  count(run: CountInput): Promise<Counted | null>;
}

export const NULL_COUNTERS: CounterColumns = countersToColumns({});

export const PERF_NOTE = 'perf_event_open (whole process: start-up, compilation, the kernel, teardown)';

const none: CounterMechanism = {
  source: 'none', inLaunch: false,
  count: async () => ({ counters: NULL_COUNTERS, counter_note: '' }),
};

const perf: CounterMechanism = {
  source: 'perf', inLaunch: true,
  count: async ({ measured: { launch: l } }) => ({
    counters: countersToColumns(l.counters ?? {}),
    counter_note: l.counters ? `${PERF_NOTE}${l.counter_error ? `; ${l.counter_error}` : ''}` : `perf counters failed: ${l.counter_error ?? 'no counts'}`,
  }),
};

let valgrindRuns = 0;

/**
 * Counts are kept only when the run under cachegrind finished like a normal run with the same
 * output: a program that crashes, times out or prints something else under valgrind gets null
 * counters and the reason, never the counts of a failed start-up.
 */
const valgrind: CounterMechanism = {
  source: 'valgrind', inLaunch: false,
  async count({ rerun, reference, checked, scratch }) {
    const exe = valgrindPath();
    if (!exe) return { counters: NULL_COUNTERS, counter_note: 'valgrind not found (install it: bash setup/setup.sh)' };
    const log = join(scratch, `cachegrind-${++valgrindRuns}.log`);
    rmSync(log, { force: true });
    const vo = await rerun((argv) => wrapWithCachegrind(exe, argv, log), { timeoutFactor: VALGRIND_TIMEOUT_FACTOR });
    if (vo.status === 'cancelled') return null;
    const failed = (why: string) => ({ counters: NULL_COUNTERS, counter_note: `valgrind run failed (${why}): no counts` });
    if (vo.status !== 'ok') return failed(`${vo.status}${vo.reason ? `: ${vo.reason}` : ''}`);
    if (reference && checked && vo.output_hash !== reference) return failed('its output under valgrind differs from the reference');
    try {
      return { counters: countersToColumns(parseCachegrind(existsSync(log) ? readFileSync(log, 'utf8') : '')), counter_note: VALGRIND_NOTE };
    } catch (e) {
      return failed((e as Error).message);
    } finally {
      rmSync(log, { force: true });
    }
  },
};

const MECHANISMS: Record<string, CounterMechanism> = { none, perf, valgrind };

/** The mechanism of a resolved counter source ("auto" is resolved before a sweep starts). */
export function counterMechanism(source: CounterSource): CounterMechanism {
  const m = MECHANISMS[source];
  if (!m) throw new Error(`no counter mechanism "${source}"`);
  return m;
}
