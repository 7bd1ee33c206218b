// Every figure kind (src/plot/) on synthetic rows: a plotly spec with a title, axis titles with
// units, log axes for ratios, CI error bars where there is a CI, and hover text naming the
// benchmark, the target and n on every trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticRows } from '../src/analysis/synthetic.js';
import { compare } from '../src/analysis/compare.js';
import { geomeans } from '../src/analysis/geomeans.js';
import type { Figure } from '../src/plot/figure.js';
import { geomeanFigure } from '../src/plot/geomean.js';
import { ratioBarsFigure, tiersFigure } from '../src/plot/grouped.js';
import { oLevelsFigure } from '../src/plot/olevels.js';
import { heatmapFigure } from '../src/plot/heatmap.js';
import { repsFigure } from '../src/plot/reps.js';
import { ipcScatterFigure } from '../src/plot/scatter.js';
import { memoryFigure } from '../src/plot/memory.js';
import { slowdownFigure } from '../src/plot/slowdown.js';
import { figureBundle } from '../src/plot/render.js';

const rows = syntheticRows({ benchmarks: 4, reps: 5, opts: ['O0', 'O2'] });
const o2 = rows.filter((r) => r.opt === 'O2');

type Trace = { type: string; name?: string; hovertemplate?: string; error_y?: { array: unknown[] }; x?: unknown[]; y?: unknown[]; z?: unknown[][] };
const layout = (f: Figure) => f.layout as { title: { text: string }; xaxis: { title: { text: string }; type: string }; yaxis: { title: { text: string }; type: string } };

function common(f: Figure, kind: string, o: { logY?: boolean; ci?: boolean } = {}) {
  const l = layout(f);
  assert.ok(l.title.text.length > 10, `${kind}: a title`);
  assert.ok(l.xaxis.title.text && l.yaxis.title.text, `${kind}: axis titles`);
  if (o.logY) assert.equal(l.yaxis.type, 'log', `${kind}: ratios on a log axis`);
  assert.ok(f.data.length > 0, `${kind}: traces`);
  for (const t of f.data as Trace[]) {
    assert.match(t.hovertemplate ?? '', /benchmark: .*target: .*n: /s, `${kind}: hover names benchmark, target, n`);
    if (o.ci) assert.ok(t.error_y && t.error_y.array.some((v) => typeof v === 'number' && v > 0), `${kind}: CI error bars`);
  }
  const b = figureBundle(f);
  assert.ok(b['application/vnd.plotly.v1+json'] && b['text/html'], `${kind}: renders as a bundle`);
  JSON.stringify(f); // plain data
}

test('geomean bars: one bar per target with bootstrap CI error bars', () => {
  const g = geomeans(o2, { resamples: 200 });
  const f = geomeanFigure(g);
  common(f, 'geomean', { logY: true, ci: true });
  assert.deepEqual((f.data[0] as Trace).x, g.map((x) => x.subject));
  assert.match(layout(f).yaxis.title.text, /× native/);
});

test('grouped bars: per-benchmark ratios, and tiers with AOT as its own series', () => {
  common(ratioBarsFigure(compare(o2).rows), 'ratios', { logY: true, ci: true });
  const t = tiersFigure(geomeans(o2, { resamples: 200 }));
  common(t, 'tiers', { logY: true, ci: true });
  const names = (t.data as Trace[]).map((d) => d.name);
  assert.ok(names.includes('cranelift') && names.includes('cranelift+aot') && names.includes('singlepass'), names.join());
  assert.ok(((t.data as Trace[]).find((d) => d.name === 'cranelift')!.x as string[]).includes('wasmtime'));
});

test('lines over -O levels: each target at 1× at O0', () => {
  const f = oLevelsFigure(rows, { resamples: 200 });
  common(f, 'olevels', { logY: true, ci: true });
  const t = (f.data as Trace[])[0]!;
  assert.deepEqual(t.x, ['O0', 'O2']);
  assert.equal(t.y![0], 1);
  assert.ok((t.y![1] as number) < 0.5, 'synthetic O2 is 3× faster than O0');
});

test('heatmap: log10 ratios, centred at 1×, colour bar labelled in ×', () => {
  const f = heatmapFigure(compare(o2).rows);
  common(f, 'heatmap');
  const t = f.data[0] as Trace & { zmid: number; colorbar: { ticktext: string[] } };
  assert.equal(t.zmid, 0);
  assert.ok(t.colorbar.ticktext.includes('1×') && t.colorbar.ticktext.includes('10×'));
  assert.equal(t.z!.length, 4);
});

test('box + points of the reps, IPC scatter, MRSS bars, the slowdown plot', () => {
  const reps = repsFigure(o2);
  common(reps, 'reps', { logY: true });
  assert.equal((reps.data[0] as Trace).y!.length, 4 * 5);
  const ipc = ipcScatterFigure(o2);
  common(ipc, 'ipc', { logY: true });
  assert.match(layout(ipc).title.text, /counter scope: process/);
  common(memoryFigure(o2), 'memory', { logY: true });
  common(memoryFigure(o2, { ratio: true }), 'memory ratio', { logY: true });
  common(slowdownFigure(o2), 'slowdown', { logY: true, ci: true });
});
