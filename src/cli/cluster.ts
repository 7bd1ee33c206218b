/** `wasmlab plan`, `shard run`, `merge`, `slurm …`: a sweep split over machines (src/plan, src/cluster). */
import { UsageError } from '../api.js';
import { makePlan } from '../plan/make.js';
import { runShard } from '../cluster/shard.js';
import { readPlan, writePlan } from '../plan/plan.js';
import { Store } from '../store/store.js';
import { collect, status, submit } from '../cluster/slurm.js';
import { localClusterDown, localClusterUp } from '../cluster/local.js';
import { parseSweepArgs, sweepRequest } from './args.js';
import { PLAN_USAGE, SHARD_USAGE, MERGE_USAGE, SLURM_USAGE } from './usage.js';
import { flags, formatOf, FORMAT_FLAGS, intFlag as int, printRows } from './flags.js';
import { ProgressView } from './progress.js';


export async function planCommand(argv: string[]): Promise<number> {
  // A claim's plan (issue 26): `wasmlab plan CLAIM… --power P` is `wasmlab hypothesis CLAIM… --dry-run`.
  if (argv.includes('--power')) return (await import('./hypothesis.js')).hypothesisCommand(argv, true);
  const shardsAt = argv.indexOf('--shards');
  if (argv.includes('--help') || argv.includes('-h')) { console.log(PLAN_USAGE); return 0; }
  if (shardsAt < 0) throw new UsageError(`--shards N is required (${PLAN_USAGE.split('\n')[0]})`);
  const shards = int('shards', argv[shardsAt + 1])!;
  const rest = [...argv.slice(0, shardsAt), ...argv.slice(shardsAt + 2)];
  const { values } = parseSweepArgs(rest);
  if (typeof values.out !== 'string') throw new UsageError(`--out plan.json is required (${PLAN_USAGE.split('\n')[0]})`);
  const req = sweepRequest({ ...values, store: undefined });
  const plan = await makePlan(req, { shards, history: typeof values.store === 'string' ? values.store : undefined });
  writePlan(values.out, plan);
  const fmt = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);
  console.error(`plan ${plan.plan_id}: ${plan.runs.length} runs in ${shards} shards, estimated ${plan.shard_est_s.map(fmt).join(' / ')}; wrote ${values.out}`);
  return 0;
}

export async function shardCommand(argv: string[]): Promise<number> {
  const usage = SHARD_USAGE;
  const { values, positionals } = flags(argv, { index: { type: 'string' }, store: { type: 'string' }, pin: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, 'store-wait': { type: 'string' } }, usage);
  if (values.help) { console.log(usage); return 0; }
  if (positionals[0] !== 'run' || positionals.length !== 2) throw new UsageError(usage);
  if (values.index === undefined || !values.store) throw new UsageError(`--index and --store are required (${usage})`);
  const view = new ProgressView(Boolean(values.quiet));
  const rows = await runShard(positionals[1]!, int('index', values.index)!, {
    store: String(values.store), pin: values.pin ? String(values.pin) : undefined, storeWait: int('store-wait', values['store-wait']),
    onEvent: (e) => view.event(e),
  });
  view.clear();
  const failed = rows.filter((r) => r.status !== 'ok').length;
  console.error(`shard ${values.index}: ${rows.length} runs (${failed} not ok) in ${values.store}`);
  return 0;
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const usage = MERGE_USAGE;
  const { values, positionals } = flags(argv, { into: { type: 'string' }, plan: { type: 'string' }, ...FORMAT_FLAGS }, usage);
  if (values.help) { console.log(usage); return 0; }
  const format = formatOf(values);
  if (!values.into || !positionals.length) throw new UsageError(usage);
  const store = new Store(String(values.into));
  const rows = [];
  for (const f of positionals) rows.push({ store: f, ...(await store.merge(f)) });
  printRows(rows, ['store', 'rows', 'added', 'skipped', 'failed'], format);
  if (values.plan) {
    const plan = readPlan(String(values.plan));
    const missing = plan.runs.length - (await store.present(plan.runs.map((x) => x.run_key))).found;
    // The summary goes with the table; beside CSV or JSON it would spoil the document.
    (format === 'table' ? console.log : console.error)(`plan ${plan.plan_id}: ${plan.runs.length - missing} of ${plan.runs.length} planned runs present${missing ? `, ${missing} missing` : ''}`);
  }
  return 0;
}

export async function slurmCommand(argv: string[]): Promise<number> {
  const usage = SLURM_USAGE;
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') { console.log(usage); return 0; }
  const { values, positionals } = flags(rest, {
    partition: { type: 'string' }, time: { type: 'string' }, 'cpus-per-task': { type: 'string' }, workdir: { type: 'string' },
    ...FORMAT_FLAGS, into: { type: 'string' }, 'resubmit-failed': { type: 'boolean' },
  }, usage.split('\n')[0]!);
  if (values.help || !sub) { console.log(usage); return 0; }
  const format = formatOf(values);
  switch (sub) {
    case 'submit': {
      if (positionals.length !== 1) throw new UsageError(usage.split('\n')[0]!);
      const rec = submit(positionals[0]!, {
        partition: values.partition as string | undefined, time: values.time as string | undefined,
        cpusPerTask: int('cpus-per-task', values['cpus-per-task']), workdir: values.workdir as string | undefined,
      });
      console.error(`submitted ${rec.shards} tasks as job ${rec.job}; shards write to ${rec.workdir}`);
      console.log(rec.job);
      return 0;
    }
    case 'status': {
      const s = await status(positionals[0] ?? '');
      printRows(s, ['task', 'job', 'state', 'rows', 'ok'], format);
      return 0;
    }
    case 'collect': {
      const c = await collect(positionals[0] ?? '', { into: values.into as string | undefined, resubmitFailed: Boolean(values['resubmit-failed']) });
      if (c.resubmitted) { console.error(`resubmitted tasks ${c.failedTasks.join(', ')} as job ${c.resubmitted}; collect again when they end`); console.log(c.resubmitted); return 0; }
      printRows(c.shards, ['task', 'rows', 'added', 'skipped', 'failed'], format);
      const say = format === 'table' ? console.log : console.error;
      say(`merged into ${c.into}: ${c.planned - c.missing} of ${c.planned} planned runs${c.missing ? `, ${c.missing} missing` : ''}, ${c.failedRuns} failed`);
      if (c.failedTasks.length) say(`tasks ${c.failedTasks.join(', ')} failed: wasmlab slurm collect ${positionals[0]} --resubmit-failed`);
      return c.missing ? 1 : 0;
    }
    case 'local': {
      if (positionals[0] === 'up') console.log(await localClusterUp());
      else if (positionals[0] === 'down') console.log(await localClusterDown());
      else throw new UsageError('usage: wasmlab slurm local up|down');
      return 0;
    }
    default: throw new UsageError(usage.split('\n')[0]!);
  }
}

