// The magic layer without Jupyter: parsing, translation to TypeScript, usage texts, tables,
// the execute queue's error semantics, and the figure and slowdown helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, words } from '../kernel/magics/parse.js';
import { translate, maskMagics } from '../kernel/magics/translate.js';
import { MagicError } from '../kernel/magics/errors.js';
import { findMagic, helpText, lsmagicText, synopsis } from '../kernel/magics/table.js';
import { completeMagic } from '../kernel/magics/complete.js';
import { cellLines } from '../kernel/magics/run.js';
import { ExecuteQueue } from '../kernel/queue.js';
import { tableHtml, tableText } from '../src/frame/table.js';
import { bar } from '../src/plot/figure.js';
import { slowdown } from '../src/plot/slowdown.js';
import { figureBundle } from '../src/plot/render.js';

function magicError(f: () => unknown): MagicError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof MagicError, `expected a MagicError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

test('words: quotes and escapes group', () => {
  assert.deepEqual(words(`-b gemm,crc32 --args "1 2" 'a b' c\\ d`), ['-b', 'gemm,crc32', '--args', '1 2', 'a b', 'c d']);
  magicError(() => words('"open'));
});

test('parseArgs: short, long, inline, lists, ints, bools', () => {
  const m = findMagic('bench', 'line')!;
  const p = parseArgs(words('-b gemm,crc32 -r wasmtime -r native --reps=5 --aot -o df'), m.args);
  assert.deepEqual(p.flags.bench, ['gemm', 'crc32']);
  assert.deepEqual(p.flags.runtime, ['wasmtime', 'native']);
  assert.equal(p.flags.reps, 5);
  assert.equal(p.flags.aot, true);
  assert.equal(p.flags.out, 'df');
  assert.match(magicError(() => parseArgs(['--bogus'], m.args)).message, /unknown flag --bogus/);
  assert.match(magicError(() => parseArgs(['--reps', 'x'], m.args)).message, /whole number/);
  assert.match(magicError(() => parseArgs(['--opt', 'O9'], m.args)).message, /O0, O1, O2, O3, Os/);
  assert.match(magicError(() => parseArgs(['-o', '1x'], m.args)).message, /variable name/);
  assert.match(magicError(() => parseArgs(['-o', '__x'], m.args)).message, /variable name/);
});

test('translate: magic lines become one plain statement each, on the same line', () => {
  const ts = translate('const a = 1;\n%bench -b gemm -r native -o df\ndf.head()');
  const lines = ts.split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[0], 'const a = 1;');
  assert.equal(lines[2], 'df.head()');
  assert.match(lines[1], /^let df: Frame = await wl\.magic\.bench\(\{.*"benchmarks":\["gemm"\].*\}\);$/);
  assert.match(translate('%runtimes'), /^void \(await wl\.magic\.runtimes\(/);
  assert.equal(translate('1 + 2'), '1 + 2');
  assert.equal(translate('for await (const r of g()) n++;\nn'), 'await undefined; for await (const r of g()) n++;\nn');
  assert.doesNotMatch(translate('%suite poly'), /globalThis|__/);
});

test('translate: cell magic takes the body as source', () => {
  const ts = translate('%%bench -r wasmtime --reps 2 -o r\n#include <stdio.h>\nint main(){puts("hi");}\n');
  assert.equal(ts.split('\n').length, 1);
  assert.match(ts, /^let r: Frame = await wl\.magic\.benchCell\(/);
  const opts = JSON.parse(/benchCell\((.*)\);$/.exec(ts)![1]);
  assert.equal(opts.source, '#include <stdio.h>\nint main(){puts("hi");}\n');
  assert.deepEqual(opts.runtimes, ['wasmtime']);
  assert.equal(opts.reps, 2);
});

test('translate: help forms and errors', () => {
  assert.match(translate('%bench?'), /wl\.magic\.help\(\{"name":"bench"\}\)/);
  assert.match(translate('%%bench?'), /wl\.magic\.help\(\{"name":"%%bench"\}\)/);
  const unknown = magicError(() => translate('%nosuch'));
  assert.equal(unknown.message, 'unknown magic %nosuch');
  assert.match(unknown.render(), /^UsageError: unknown magic %nosuch\nmagics: %runtimes/);
  const bad = magicError(() => translate('%bench -b gemm --bogus'));
  assert.equal(bad.render().split('\n').length, 2, 'one error line plus the usage line');
  assert.match(bad.render(), /^UsageError: %bench: unknown flag --bogus\nusage: %bench -b BENCHES/);
  assert.match(magicError(() => translate('%bench -r native')).message, /missing -b BENCHES/);
  assert.match(magicError(() => translate('1\n%%bench')).message, /first line/);
  assert.match(magicError(() => translate('%%bench\n')).message, /no C source/);
  assert.match(magicError(() => translate('%config reps')).message, /key=value/);
});

test('maskMagics keeps offsets', () => {
  const code = '%bench -b gemm -o df\nconst x = 1;';
  const masked = maskMagics(code);
  assert.equal(masked.length, code.length);
  assert.equal(masked.split('\n')[1], 'const x = 1;');
});

test('completion of magic names and flags', () => {
  assert.deepEqual(completeMagic('%pro', 4)?.matches, ['%profile']);
  assert.deepEqual(completeMagic('%bench --re', 11)?.matches, ['--reps', '--resume']);
  assert.deepEqual(completeMagic('%bench --rep', 12)?.matches, ['--reps']);
  assert.equal(completeMagic('const x', 7), null);
});

test('usage and help texts come from the flag tables', () => {
  const m = findMagic('bench', 'line')!;
  assert.match(synopsis(m), /^usage: %bench -b BENCHES \[-r RUNTIMES\]/);
  assert.match(helpText(m), /--reps/);
  assert.match(lsmagicText(), /%%bench/);
});

test('compiler lines point at the notebook cell', () => {
  assert.equal(cellLines('cell.c:3:5: error: x'), 'cell line 4, col 5: error: x');
  assert.equal(cellLines('/cell.c:3:12: error: y\n    3 |   int x = 1\n      |   ^'), 'cell line 4, col 12: error: y\n    4 |   int x = 1\n      |   ^');
});

test('queue: an error aborts only what was already waiting (IPython semantics)', async () => {
  const q = new ExecuteQueue();
  const order: string[] = [];
  const slow = (name: string, ok: boolean) => async () => {
    await new Promise((r) => setTimeout(r, 20));
    order.push(name);
    return ok;
  };
  const a = q.run(slow('a', false));
  const b = q.run(slow('b', true)); // queued behind the failing one: aborted
  assert.equal(await a, 'error');
  assert.equal(await b, 'aborted');
  const c = q.run(slow('c', true)); // arrives after the error: runs
  assert.equal(await c, 'ok');
  const d = q.run(slow('d', false), false); // stop_on_error false: the next one still runs
  const e = q.run(slow('e', true));
  assert.deepEqual([await d, await e], ['error', 'ok']);
  assert.deepEqual(order, ['a', 'c', 'd', 'e']);
});

test('tables truncate big frames, head and tail', () => {
  const cols = Array.from({ length: 30 }, (_, i) => `c${i}`);
  const rows = Array.from({ length: 100 }, (_, r) => cols.map((_, c) => r * 100 + c));
  const html = tableHtml(cols, rows, { maxRows: 10, maxCols: 6 });
  assert.equal((html.match(/<tr>/g) ?? []).length, 11, '10 rows + the … row');
  assert.match(html, /100 rows × 30 columns/);
  assert.match(html, /<th>c29<\/th>/);
  const text = tableText(cols, rows, { maxRows: 4, maxCols: 4 });
  assert.match(text, /…/);
  assert.match(text, /9929/);
});

const run = (runtime: string, mode: string, kernel_s: number, benchmark = 'polybench/gemm') => ({
  benchmark, size: 'mini', opt: 'O2', runtime, mode, aot: false, status: 'ok', kernel_s,
});

test('slowdown: median over reps divided by native', () => {
  const rows = [run('native', 'default', 1), run('native', 'default', 3), run('native', 'default', 2),
    run('wasmtime', 'cranelift', 3), run('wasmtime', 'cranelift', 100), run('wasmtime', 'cranelift', 2.5)];
  const s = slowdown(rows);
  assert.equal(s.length, 1);
  assert.equal(s[0].target, 'wasmtime:cranelift');
  assert.equal(s[0].slowdown, 1.5);
});

test('figures: grouped bars and the plotly bundle with an offline HTML fallback', () => {
  const fig = bar([run('native', 'default', 1), run('wasmtime', 'cranelift', 2)], { x: 'benchmark', y: 'kernel_s', color: 'runtime' });
  assert.equal(fig.data.length, 2);
  const b = figureBundle(fig);
  assert.deepEqual(Object.keys(b).sort(), ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']);
  const html = b['text/html'] as string;
  assert.ok(html.length > 1_000_000, 'plotly.js is inlined');
  assert.match(html, /Plotly\.newPlot/);
  assert.doesNotMatch(html, /<script[^>]*src=/, 'nothing is loaded from the network');
});

test('%runtime: add and list of runtime versions become wl.magic.runtime calls', () => {
  const ts = translate('%runtime add wasmtime@28.0.0 wazero@v1.9.0 -o v');
  assert.match(ts, /^let v: Frame = await wl\.magic\.runtime\(/);
  const opts = JSON.parse(/runtime\((.*)\);$/.exec(ts)![1]);
  assert.equal(opts.sub, 'add');
  assert.deepEqual(opts.specs, ['wasmtime@28.0.0', 'wazero@v1.9.0']);
  assert.match(translate('%runtime list'), /wl\.magic\.runtime\(\{.*"sub":"list"/);
  assert.match(magicError(() => translate('%runtime frob')).message, /%runtime: want add or list/);
  assert.match(magicError(() => translate('%runtime add')).message, /add wants versions/);
  assert.match(lsmagicText(), /%runtime/);
});
