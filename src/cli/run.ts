/** `wasmlab run` and `wasmlab profile`: parse flags, run the sweep, print or write the rows. */
import { writeFileSync } from 'node:fs';
import { bench, profile as profileRuns, profileCounters, UsageError, type CounterScopeChoice, type RunRecord, type SweepInfo } from '../api.js';
import { SweepTally } from '../sweep/events.js';
import { formatNamed } from '../export/formats.js';
import type { Column } from '../export/table.js';
import { targetLabel } from '../record.js';
import { parseSweepArgs, refuseOthers, sweepRequest, SWEEP_USAGE } from './args.js';
import { formatOf } from './flags.js';
import { ProgressView } from './progress.js';

const RUN_COLUMNS: Column<RunRecord>[] = [
  { title: 'benchmark', get: (r) => r.benchmark },
  { title: 'opt', get: (r) => r.opt },
  { title: 'runtime', get: targetLabel },
  { title: 'rep', get: (r) => r.rep },
  { title: 'wall_s', get: (r) => r.wall_s },
  { title: 'kernel_s', get: (r) => r.kernel_s },
  { title: 'startup_s', get: (r) => r.startup_s },
  { title: 'aot_s', get: (r) => r.aot_compile_s },
  { title: 'maxrss_kb', get: (r) => r.maxrss_kb },
  { title: 'status', get: (r) => r.status + (r.outlier ? ' (outlier)' : '') },
  { title: 'output_ok', get: (r) => r.output_ok },
  { title: 'reason', get: (r) => r.reason },
];

const COUNTER_COLUMNS: Column<RunRecord>[] = [
  { title: 'source', get: (r) => r.counter_source },
  { title: 'scope', get: (r) => r.counter_scope },
  { title: 'instructions', get: (r) => r.instructions },
  { title: 'cycles', get: (r) => r.cycles },
  { title: 'ipc', get: (r) => r.ipc },
  { title: 'branch_miss_ratio', get: (r) => r.branch_miss_ratio },
  { title: 'cache_miss_ratio', get: (r) => r.cache_miss_ratio },
];

export async function runCommand(argv: string[], profile: boolean): Promise<number> {
  const { values, positionals } = parseSweepArgs(argv);
  if (values.help) { console.log(SWEEP_USAGE.replace('wasmlab run', `wasmlab ${profile ? 'profile' : 'run'}`)); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (benchmarks go after --bench)`);
  const format = formatNamed(formatOf(values), 'write');
  // --scope: run has no counters unless --counters, and counts only the process.
  refuseOthers(values, profile ? 'profile' : 'run');
  const req = sweepRequest(values);
  if (profile) { req.reps ??= 1; req.counters = profileCounters(req.counters); }

  const view = new ProgressView(Boolean(values.quiet));
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => { interrupted = true; controller.abort(); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let info: SweepInfo | undefined;
  const tally = new SweepTally();
  let rows: RunRecord[];
  try {
    rows = await (profile ? (r: Parameters<typeof bench>[0]) => profileRuns({ ...r, scope: values.scope as CounterScopeChoice | undefined }) : bench)({
      ...req,
      signal: controller.signal,
      onSweep: (i) => { info = i; for (const w of i.warnings) view.note(`warning: ${w}`); },
      onEvent: (e) => { tally.add(e); view.event(e); },
    });
  } finally {
    // An error's line must start on a line of its own, not after the progress bar.
    view.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  view.note(tally.builds());
  if (req.store) view.note(`runs: ${tally.runs()} (store ${req.store})`);

  const text = format.write!(rows, { sweep: info, columns: profile ? [...RUN_COLUMNS.slice(0, 4), ...COUNTER_COLUMNS, ...RUN_COLUMNS.slice(9)] : RUN_COLUMNS });
  if (typeof values.out === 'string') {
    writeFileSync(values.out, text);
    if (info) writeFileSync(`${values.out}.sweep.json`, JSON.stringify(info, null, 2) + '\n');
    view.note(`wrote ${rows.length} rows to ${values.out}`);
  } else {
    process.stdout.write(text);
  }
  const failed = rows.filter((r) => r.status !== 'ok').length;
  if (failed) view.note(`${failed} of ${rows.length} rows are not ok (see status and reason)`);
  if (interrupted) { view.note(`interrupted: kept the ${rows.length} rows measured so far`); return 130; }
  return 0;
}
