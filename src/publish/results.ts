/**
 * The study's results as Markdown (what notebooks/RESULTS.md records of a full run): when and
 * where, the runtime versions, each notebook's configuration as executed (its parameters cell and
 * papermill's injected one), its run time, its verdict, and its "paper vs this machine" tables.
 * Everything is read from the executed notebooks, so the file says what the run said.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { hostFingerprint, hostLine } from '../measure/host.js';
import { runtimeRows } from '../runtimes/rows.js';
import { runtimeVersions } from '../runtimes/versions/list.js';
import { FOOTNOTE, rulesMarkdown } from '../analysis/findings.js';

interface Cell { cell_type: string; source: string | string[]; metadata?: { tags?: string[] }; outputs?: { output_type: string; data?: Record<string, string | string[]>; text?: string | string[] }[] }

const text = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join('') : x ?? '');

/** The last "Verdict: …" line an executed notebook printed ('' when none). */
export function verdictOf(executed: string): string {
  const { cells } = JSON.parse(readFileSync(executed, 'utf8')) as { cells: Cell[] };
  const lines = cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'stream').flatMap((o) => text(o.text).split('\n')));
  return lines.filter((l) => l.startsWith('Verdict:')).pop()?.slice('Verdict:'.length).trim() ?? '';
}

/** The cells whose source starts with `const paper` hold the paper-vs-here tables. */
function paperTables(cells: readonly Cell[]): string[] {
  return cells.filter((c) => c.cell_type === 'code' && /^const paper\b/.test(text(c.source)))
    .flatMap((c) => (c.outputs ?? []).map((o) => markdownTable(text(o.data?.['text/html']))).filter(Boolean));
}

const unescape = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\|/g, '\\|').trim();

/** A frame's HTML table (src/frame/table.ts) as a Markdown table, its index column dropped. */
export function markdownTable(html: string): string {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<(t[hd])[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => unescape(c[2]!)));
  if (rows.length < 2) return '';
  // The first header cell is the index's (empty); body rows start with their index number.
  const indexed = rows[0]![0] === '';
  const cut = (r: string[]) => (indexed ? r.slice(1) : r);
  const [head, ...body] = rows.map(cut);
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function parameters(cells: readonly Cell[]): string {
  const tagged = (t: string) => cells.filter((c) => c.metadata?.tags?.includes(t)).map((c) => text(c.source).trim());
  return [...tagged('parameters'), ...tagged('injected-parameters')].join('\n');
}

/** The runtime versions installed beside the pinned ones (`wasmlab runtime list`), counted. */
function installedLine(): string[] {
  const rows = runtimeVersions().filter((v) => v.ok);
  if (!rows.length) return [];
  const by = [...new Set(rows.map((v) => v.runtime))].map((r) => `${rows.filter((v) => v.runtime === r).length} ${r}`);
  return [`Installed runtime versions that run here (\`wasmlab runtime list\`): ${by.join(', ')}.`, ''];
}

export async function resultsMarkdown(executed: readonly { file: string; seconds: number }[], o: { title?: string; quick?: boolean } = {}): Promise<string> {
  const host = hostFingerprint();
  const versions = (await runtimeRows()).filter((x) => x.available).map((x) => `| ${x.id} | ${x.version} |`);
  const total = executed.reduce((a, e) => a + e.seconds, 0);
  const out = [
    `# ${o.title ?? 'wasmlab study: results'}`,
    '',
    `Run ${o.quick ? 'in **quick mode** (a smoke run, not a study)' : 'in **full mode**'}, written ${new Date().toISOString().slice(0, 10)}; ${executed.length} notebooks, ${(total / 60).toFixed(0)} min of notebook time in all.`,
    '',
    `Host: ${hostLine(host)}; host_id \`${host.host_id}\`.`,
    '',
    '| runtime | version |', '|---|---|', ...versions, '',
    ...installedLine(),
    '## Verdicts', '',
    '| notebook | time | verdict |', '|---|---|---|',
    ...executed.map((e) => `| ${basename(e.file, '.ipynb')} | ${(e.seconds / 60).toFixed(1)} min | ${verdictOf(e.file).replace(/\|/g, '\\|') || '(no verdict line)'} |`),
    '',
    // The rules the verdicts were decided by, declared in src/analysis/findings.ts before the data.
    '## Decision rules', '', rulesMarkdown(), '', `${FOOTNOTE}.`, '',
  ];
  for (const e of executed) {
    const cells = (JSON.parse(readFileSync(e.file, 'utf8')) as { cells: Cell[] }).cells;
    out.push(`## ${basename(e.file, '.ipynb')}`, '', 'Configuration as executed:', '', '```ts', parameters(cells), '```', '');
    for (const t of paperTables(cells)) out.push('Paper vs this machine:', '', t, '');
  }
  return out.join('\n');
}
