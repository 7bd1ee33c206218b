/** `wasmlab notebook run NAME [-p key=value …] [--quick]` and `wasmlab publish [--quick] [--out DIR]`. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { UsageError } from '../api.js';
import { cacheDir } from '../paths.js';
import { NOTEBOOK_USAGE, PUBLISH_USAGE } from './usage.js';
import { parseParam, publish, runNotebook } from '../publish/publish.js';

function flags(argv: string[], usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      param: { type: 'string', short: 'p', multiple: true }, quick: { type: 'boolean' }, out: { type: 'string', short: 'o' },
      only: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (${usage})`);
  }
}

export async function notebookCommand(argv: string[]): Promise<number> {
  const usage = NOTEBOOK_USAGE;
  const { values, positionals } = flags(argv, usage);
  if (values.help) { console.log(usage); return 0; }
  if (positionals[0] !== 'run' || positionals.length !== 2) throw new UsageError(usage);
  const r = await runNotebook(positionals[1]!, {
    params: Object.fromEntries((values.param ?? []).map(parseParam)), quick: values.quick, outDir: values.out ?? join(cacheDir, 'notebooks'),
  });
  console.log(r.ok ? `${r.notebook}: ok in ${r.seconds.toFixed(0)} s → ${r.executed}${r.verdict ? `\nVerdict: ${r.verdict}` : ''}` : `${r.notebook}: failed: ${r.error}`);
  return r.ok ? 0 : 1;
}

export async function publishCommand(argv: string[]): Promise<number> {
  const usage = PUBLISH_USAGE;
  const { values } = flags(argv, usage);
  if (values.help) { console.log(usage); return 0; }
  const out = values.out ?? join(cacheDir, 'site');
  const { index, results } = await publish({
    quick: values.quick, outDir: out, only: values.only?.split(',').filter(Boolean),
    onNotebook: (r) => console.error(`${r.ok ? 'ok    ' : 'FAILED'} ${r.notebook} (${r.seconds.toFixed(0)} s)${r.ok ? '' : `: ${r.error}`}`),
  });
  console.log(`published ${results.length} notebooks: ${index}`);
  return results.every((r) => r.ok) ? 0 : 1;
}
