// Every figure kind through the real kernel (issue 15, acceptance 4): test/notebooks/figures.ipynb
// (written by test/py/make_notebooks.py) run by nbclient on the wasmlab kernel, each plot cell
// checked for its plotly bundle, then the notebook exported to HTML by nbconvert and opened in
// headless Chromium offline: a screenshot, and the DOM after plotly drew (every figure drawn,
// with its title). Uses the same Python helpers as kernel.test.ts. Needs setup (the venv).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../src/paths.js';
import { executeNotebook, kernelReady, pyJson, stderrOf, stdoutOf, type NotebookCell } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-figures-test-'));
const executed = join(work, 'figures.ipynb');

type Spec = { data: { type: string; hovertemplate?: string }[]; layout: { title: { text: string }; yaxis: { type: string } } };
const spec = (c: NotebookCell) => c.outputs.find((o) => o.type === 'display_data')?.data?.['application/vnd.plotly.v1+json'] as Spec | undefined;

/** Plot cells by position: the source they start with, the first trace's type, whether y is a log axis, a title fragment. */
const PLOTS: [number, string, string, boolean, RegExp][] = [
  [1, 'wl.plot.geomean(o2)', 'bar', true, /^Geomean kernel_s ratio over native \(95% CI\)$/],
  [2, 'wl.plot.tiers(o2)', 'bar', true, /^Tiers and AOT vs JIT/],
  [3, 'wl.plot.olevels(rows)', 'scatter', true, /over -O levels, relative to -O0/],
  [4, 'wl.plot.heatmap(o2)', 'heatmap', false, /log colour scale/],
  [5, 'wl.plot.reps(o2)', 'box', true, /of every rep/],
  [6, 'wl.plot.ipc(o2)', 'scatter', true, /^IPC against kernel_s ratio over native \(25 points; counter scope: process\)$/],
  [7, 'wl.plot.memory(o2)', 'bar', true, /^Peak memory/],
  [8, 'wl.plot.ratios(o2', 'bar', true, /over wasmtime:cranelift per benchmark/],
  [9, 'const df = await wl.frame(o2)', 'bar', true, /^from a DataFrame$/],
];

let cells: NotebookCell[] = [];

before(kernelReady);

test('acceptance 4a: every figure kind renders inline (plotly bundle with an HTML fallback)', { timeout: 10 * 60_000 }, async (t) => {
  const nb = join(repoRoot, 'test', 'notebooks', 'figures.ipynb');
  cells = await executeNotebook(nb, { out: executed, cellTimeoutS: 300, timeoutMs: 10 * 60_000 });
  const at = (i: number, head: string) => {
    assert.ok(cells[i]!.source.startsWith(head), `cell ${i} should start with ${head}`);
    return cells[i]!;
  };
  assert.equal(stdoutOf(at(0, 'const rows = wl.synthetic')).trim(), '300');
  for (const [i, head, type, logY, title] of PLOTS) {
    await t.test(head, () => {
      const c = at(i, head);
      const s = spec(c);
      assert.ok(s, `a plotly display; stderr: ${stderrOf(c)}`);
      assert.equal(s.data[0]!.type, type);
      assert.match(s.layout.title.text, title);
      if (logY) assert.equal(s.layout.yaxis.type, 'log');
      for (const tr of s.data) assert.match(tr.hovertemplate ?? '', /benchmark: .*target: .*n: /s);
      const d = c.outputs.find((o) => o.type === 'display_data')!.data!;
      assert.ok(d['text/html'], 'HTML fallback for nbconvert');
    });
  }
  await t.test('wl.report gives the verdicts', () => {
    assert.match(stdoutOf(at(10, 'wl.report(o2)')), /^wasm3 is [\d.]+× \[[\d.]+–[\d.]+\] slower than native \(geomean, 95% CI\); slower on 5 of 5 benchmarks/m);
  });
  await t.test('wl.summarize, compare, geomeans, counters, ranking, pivot return frames', () => {
    // 5 benchmarks × 6 targets = 30 groups; 5 targets × 5 benchmarks compared; 5 geomeans; a pivot 5 × (1 + 6).
    assert.match(stdoutOf(at(12, 'const frames')).trim(), /^30x\d+ 25x\d+ 5x\d+ 25x\d+ 5x\d+ 5x7$/);
  });
  await t.test('an ambiguous baseline is one UsageError line', () => {
    assert.equal(stderrOf(at(11, "wl.plot.geomean(o2, { baseline: 'wasmer' })")).trim(),
      'UsageError: baseline "wasmer" is ambiguous: the rows have wasmer:llvm, wasmer:singlepass; name one of them');
  });
});

test('acceptance 4b: the exported HTML draws every figure offline in headless Chromium', { timeout: 10 * 60_000 }, async (t) => {
  if (!existsSync(executed)) return t.skip('needs the executed notebook of acceptance 4a');
  const png = join(work, 'figures.png');
  const r = await pyJson<{ png: string; plotly_blue_pixels: number; rendered_plots: number; plot_titles: string[] }>(
    'screenshot.py', [executed, png, '--height', '6000', '--dom'], { timeoutMs: 10 * 60_000 });
  t.diagnostic(`screenshot: ${r.png}`);
  assert.equal(r.rendered_plots, PLOTS.length, `plots drawn: ${r.rendered_plots}; titles: ${r.plot_titles.join(' | ')}`);
  for (const [, head, , , title] of PLOTS) assert.ok(r.plot_titles.some((x) => title.test(x.replace(/&amp;/g, '&'))), `${head}: title drawn`);
  assert.ok(r.plotly_blue_pixels > 20000, `only ${r.plotly_blue_pixels} pixels of plotly's first colour in ${r.png}`);
});
