/**
 * `wasmlab findings`: every finding's verdict from a store's rows, by the rules declared in
 * src/analysis/findings.ts (printed with them), computed by the notebooks' own functions.
 */
import { parseArgs } from 'node:util';
import { load, UsageError, withKernelScope } from '../api.js';
import { FOOTNOTE, RULES, rulesMarkdown } from '../analysis/findings.js';
import type { Row } from '../analysis/rows.js';
import { studyVerdicts } from '../analysis/study.js';

import { FINDINGS_USAGE as USAGE } from './usage.js';

export async function findingsCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv, strict: true, options: {
        store: { type: 'string' }, format: { type: 'string' }, resamples: { type: 'string' }, seed: { type: 'string' }, where: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  if (values.help) { console.log(USAGE); return 0; }
  const format = values.format ?? 'table';
  if (!['table', 'json', 'markdown'].includes(format)) throw new UsageError(`--format is table, json or markdown, got "${format}"`);
  for (const k of ['resamples', 'seed'] as const) { const x = values[k]; if (x !== undefined && !/^\d+$/.test(x)) throw new UsageError(`--${k} wants a whole number, got "${x}"`); }
  const rows = withKernelScope(await load({ store: values.store ?? process.env.WASMLAB_STORE, where: values.where })) as unknown as Row[];
  const v = studyVerdicts(rows, { resamples: values.resamples === undefined ? undefined : Number(values.resamples), seed: values.seed === undefined ? undefined : Number(values.seed) });
  if (format === 'json') { console.log(JSON.stringify({ rules: RULES, verdicts: v, footnote: FOOTNOTE }, null, 2)); return 0; }
  if (format === 'markdown') {
    console.log(['## Decision rules', '', rulesMarkdown(), '', '## Verdicts', '', '| finding | claim | rows | verdict |', '|---|---|---|---|',
      ...v.map((x) => `| ${x.finding} | ${x.claim} | ${x.rows} | ${x.verdict.replace(/\|/g, '\\|')} |`), '', `Footnote: ${FOOTNOTE}.`].join('\n'));
    return 0;
  }
  for (const x of v) console.log(`${x.finding.padStart(2)}  ${x.claim} (${x.rows} rows)\n    ${x.verdict}`);
  console.log(`\n${FOOTNOTE}; rules: wasmlab findings --format markdown`);
  return 0;
}
