/**
 * The study's notebooks, executed and published: `wasmlab notebook run NAME [-p k=v] [--quick]`
 * runs one (papermill with our TypeScript translator, drivers/notebook_publish.py), `wasmlab
 * publish` runs them all and writes one HTML page per notebook (nbconvert; plots carry plotly.js
 * inline so they draw offline) and an index with each notebook's verdict line, the date, the host
 * and the runtime versions. Notebooks run in notebooks/, so they share its store: what one
 * measured, the next reuses.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { execa } from 'execa';
import { UsageError } from '../errors.js';
import { hostFingerprint } from '../measure/host.js';
import { driversDir, repoRoot, SETUP_COMMAND } from '../paths.js';
import { runtimeRows } from '../runtimes/registry.js';
import { resultsMarkdown, verdictOf } from './results.js';

export const notebooksDir = join(repoRoot, 'notebooks');
const python = join(repoRoot, '.venv', 'bin', 'python');
const jupyter = join(repoRoot, '.venv', 'bin', 'jupyter');

/** The study's notebooks in order: NN-name.ipynb. */
export function studyNotebooks(): string[] {
  return readdirSync(notebooksDir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
}

export function findNotebook(name: string): string {
  const all = studyNotebooks();
  const hit = all.find((f) => f === name || f === `${name}.ipynb` || f.startsWith(`${name}-`) || f.replace(/^\d\d-/, '').replace(/\.ipynb$/, '') === name);
  if (!hit) throw new UsageError(`no notebook "${name}" (notebooks: ${all.map((f) => f.replace(/\.ipynb$/, '')).join(', ')})`);
  return hit;
}

/** `key=value` → [key, JSON value]: numbers, booleans, lists as JSON; anything else a string. */
export function parseParam(kv: string): [string, unknown] {
  const eq = kv.indexOf('=');
  if (eq <= 0 || !/^[A-Za-z_$][\w$]*$/.test(kv.slice(0, eq))) throw new UsageError(`-p wants name=value, got "${kv}"`);
  const raw = kv.slice(eq + 1);
  try {
    return [kv.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [kv.slice(0, eq), raw];
  }
}

export interface NotebookResult {
  notebook: string;
  executed: string;
  ok: boolean;
  error: string;
  verdict: string;
  seconds: number;
}

export async function runNotebook(name: string, o: { params?: Record<string, unknown>; quick?: boolean; outDir: string }): Promise<NotebookResult> {
  if (!existsSync(python)) throw new UsageError(`no Jupyter environment at ${python}: run ${SETUP_COMMAND}`);
  const file = findNotebook(name);
  mkdirSync(o.outDir, { recursive: true });
  const executed = join(resolve(o.outDir), file);
  const params = { ...o.params, ...(o.quick ? { quick: true } : {}) };
  const args = [join(driversDir, 'notebook_publish.py'), join(notebooksDir, file), executed, '--cwd', notebooksDir];
  for (const [k, v] of Object.entries(params)) args.push('--param', k, JSON.stringify(v));
  const t0 = Date.now();
  const r = await execa(python, args, { reject: false, all: true });
  const ok = r.exitCode === 0;
  return {
    notebook: file, executed, ok, seconds: (Date.now() - t0) / 1000,
    error: ok ? '' : (r.all ?? '').split('\n').filter((l) => l.trim() && !/unknown parameter|parameter introspection/.test(l)).slice(-3).join(' | '),
    verdict: existsSync(executed) ? verdictOf(executed) : '',
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function toHtml(executed: string, outDir: string): Promise<string> {
  const r = await execa(jupyter, ['nbconvert', '--to', 'html', '--output-dir', outDir, executed], { reject: false, all: true });
  if (r.exitCode !== 0) throw new Error(`nbconvert failed on ${executed}: ${(r.all ?? '').split('\n').slice(-3).join(' | ')}`);
  return basename(executed).replace(/\.ipynb$/, '.html');
}

export async function publish(o: { quick?: boolean; outDir: string; only?: string[]; onNotebook?: (r: NotebookResult) => void }): Promise<{ index: string; results: NotebookResult[] }> {
  const names = o.only?.length ? o.only.map(findNotebook) : studyNotebooks();
  const results: NotebookResult[] = [];
  const pages: string[] = [];
  for (const n of names) {
    const r = await runNotebook(n, { quick: o.quick, outDir: join(o.outDir, 'executed') });
    results.push(r);
    o.onNotebook?.(r);
    pages.push(existsSync(r.executed) ? await toHtml(r.executed, o.outDir) : '');
  }
  const host = hostFingerprint();
  const versions = (await runtimeRows()).filter((x) => x.available).map((x) => `${x.id} ${x.version}`);
  const rows = results.map((r, i) => `<tr><td>${pages[i] ? `<a href="${esc(pages[i]!)}">${esc(r.notebook.replace(/\.ipynb$/, ''))}</a>` : esc(r.notebook)}</td>`
    + `<td>${r.ok ? esc(r.verdict || '(no verdict line)') : `<b>failed</b>: ${esc(r.error)}`}</td><td>${r.seconds.toFixed(0)} s</td></tr>`).join('\n');
  const index = join(o.outDir, 'index.html');
  writeFileSync(index, `<!doctype html><html><head><meta charset="utf-8"><title>wasmlab study</title>
<style>body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}td,th{padding:.3em .6em;border-bottom:1px solid #ddd;vertical-align:top;text-align:left}table{border-collapse:collapse}</style></head><body>
<h1>Standalone WebAssembly runtimes against native code</h1>
<p>${o.quick ? '<b>Quick mode</b> (mini size, a subset): a smoke run, not a study. ' : ''}Published ${esc(new Date().toISOString())} on ${esc(host.hostname)} — ${esc(host.cpu_model)}, ${host.cpus} CPUs, ${host.memory_gb} GiB, ${esc(host.kernel)}, ${esc(host.os)} (host_id ${esc(host.host_id)}).</p>
<table><tr><th>notebook</th><th>verdict</th><th>time</th></tr>
${rows}
</table>
<h2>Runtime versions</h2><ul>${versions.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>
</body></html>
`);
  writeFileSync(join(o.outDir, 'RESULTS.md'), await resultsMarkdown(results.filter((r) => existsSync(r.executed)).map((r) => ({ file: r.executed, seconds: r.seconds })), { quick: o.quick }));
  return { index, results };
}
