/**
 * `wasmlab hypothesis SUBJECT VERB BASELINE [options]`: plan, measure and decide a claim
 * (src/plan/hypothesis.ts). The plan and where the answer came from go to stderr; the verdict
 * line and the per-benchmark ratios to stdout (--format table|csv|json; json: the whole outcome).
 * `wasmlab plan CLAIM… --power P` is this command with --dry-run.
 */
import { hypothesis, UsageError, type HypothesisRequest } from '../api.js';
import { optionsFor } from '../options/table.js';
import { parseSweepArgs } from './args.js';
import { formatOf, printRows } from './flags.js';
import { ProgressView } from './progress.js';
import { isRoutine } from '../sweep/events.js';
import { HYPOTHESIS_USAGE } from './usage.js';

const CLI_ONLY = new Set(['format', 'json', 'out', 'quiet', 'help']);

export async function hypothesisCommand(argv: string[], dryRun = false): Promise<number> {
  const { values, positionals } = parseSweepArgs(argv);
  if (values.help) { console.log(HYPOTHESIS_USAGE); return 0; }
  const mine = new Set(optionsFor('hypothesis').map((o) => o.name));
  const other = Object.keys(values).find((k) => values[k] !== undefined && !mine.has(k) && !CLI_ONLY.has(k));
  if (other) throw new UsageError(`--${other} does not go with hypothesis: ${other === 'reps' || other === 'runtime' ? 'the claim names the targets and the plan sets the reps' : 'see wasmlab hypothesis --help'}`);
  if (values.out !== undefined) throw new UsageError('--out does not go with hypothesis: use --format csv|json and redirect');
  const format = formatOf(values);
  const view = new ProgressView(Boolean(values.quiet));
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const str = (k: string) => (values[k] === undefined ? undefined : String(values[k]));
  const req: HypothesisRequest = {
    claim: positionals, benchmarks: values.bench as string[] | undefined, size: str('size'), opt: values.opt as string[] | undefined,
    by: str('by'), margin: str('margin'), metric: str('metric'), alpha: str('alpha'), power: str('power'), from: str('from'), to: str('to'),
    dryRun: dryRun || Boolean(values['dry-run']), warmup: values.warmup as number | undefined, timeout: values.timeout as number | undefined,
    pin: str('pin'), fresh: Boolean(values.fresh), storeWait: values['store-wait'] as number | undefined,
    store: str('store') ?? (process.env.WASMLAB_STORE || null),
    signal: controller.signal, onEvent: (e) => { if (e.kind === 'progress' || !isRoutine(e)) view.event(e); }, onNote: (l) => view.note(l),
  };
  let out;
  try {
    out = await hypothesis(req);
  } finally {
    view.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (format === 'json') { console.log(JSON.stringify({ ...out, rows: undefined }, null, 2)); return out.source === 'interrupted' ? 130 : 0; }
  if (out.source === 'dry run') { if (format === 'table') console.log(out.line); return 0; }
  if (format === 'table') console.log(out.line);
  const per = out.result?.per_benchmark ?? [];
  if (per.length) printRows(per, Object.keys(per[0]!), format);
  return out.source === 'interrupted' ? 130 : 0;
}
