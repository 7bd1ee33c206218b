// The Jupyter kernel end to end: the real kernel started by the venv's real Jupyter (nbclient,
// jupyter_client) on test/notebooks/magics.ipynb, an interrupt of a running sweep, the kernel
// spec, and a headless-Chromium screenshot of the notebook exported to HTML (issue 6,
// acceptance 1-4). Needs setup (the venv, runtimes); each test says what is missing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../src/paths.js';
import { displaysOf, executeNotebook, kernelReady, pyJson, stderrOf, stdoutOf, tableOf, type NotebookCell } from './notebook-helpers.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'wasmlab-kernel-test-'));
const executed = join(work, 'magics.ipynb');

// Each kernel gets a store of its own: runs of an earlier test (or test run) are not reused.
let stores = 0;
const ownStore = () => ({ ...process.env, WASMLAB_STORE: join(work, `store-${stores++}.duckdb`) });

const bodyRows = (html: string) => (html.split('<tbody>')[1] ?? '').split('<tr>').length - 1;

let cells: NotebookCell[] = [];

// The venv, and the spec pointed at this checkout's launcher, whatever was installed before.
before(kernelReady);

test('acceptance 3: jupyter kernelspec list shows the kernel after `wasmlab kernel install`', async () => {
  const cli = await run(process.execPath, [join(repoRoot, 'bin', 'wasmlab.js'), 'kernel', 'install']);
  assert.match(cli.stdout, /kernels\/wasmlab/);
  const r = await run(join(repoRoot, '.venv', 'bin', 'jupyter'), ['kernelspec', 'list']);
  assert.match(r.stdout, /^\s*wasmlab\s+\S+kernels\/wasmlab$/m);
});

test('acceptance 1: magics and TypeScript cells through nbclient', { timeout: 20 * 60_000 }, async (t) => {
  const nb = join(repoRoot, 'test', 'notebooks', 'magics.ipynb');
  cells = await executeNotebook(nb, { out: executed, cellTimeoutS: 900, timeoutMs: 20 * 60_000, env: ownStore() });
  const at = (i: number, head: string) => {
    assert.ok(cells[i].source.startsWith(head), `cell ${i} should start with ${head}`);
    return cells[i];
  };

  await t.test('%config sets session defaults', () => {
    assert.match(JSON.stringify(displaysOf(at(0, '%config'))), /reps\s+= 2/);
  });
  await t.test('%bench yields an HTML table with the expected rows, and a progress bar', () => {
    const c = at(1, '%bench -b gemm,crc32');
    const html = tableOf(c);
    assert.equal(bodyRows(html), 2 * 2 * 2, `2 benchmarks × 2 runtimes × 2 reps; stderr: ${stderrOf(c)}`);
    for (const s of ['polybench/gemm', 'mibench/crc32', 'native', 'wasmtime', 'cranelift']) assert.ok(html.includes(s), s);
    assert.ok(displaysOf(c).some((d) => typeof d['text/plain'] === 'string' && /^bench: 8 runs/.test(d['text/plain'] as string)), 'closing progress line');
    assert.ok((html.match(/<td>ok<\/td>/g) ?? []).length === 8, 'every run ok');
    assert.doesNotMatch(stderrOf(c), /\n\s+at /, 'no stack trace');
  });
  await t.test('a plot cell yields the plotly MIME bundle with an HTML fallback', () => {
    const d = displaysOf(at(2, 'wl.plot.slowdown'))[0];
    assert.ok(d, 'a display');
    const fig = d['application/vnd.plotly.v1+json'] as { data: { type: string; x: string[] }[] };
    assert.equal(fig.data[0].type, 'bar');
    assert.deepEqual([...fig.data[0].x].sort(), ['mibench/crc32', 'polybench/gemm']);
    assert.ok(d['text/html'], 'HTML fallback');
  });
  await t.test('%%bench compiles the cell and returns rows for native and two runtimes', () => {
    const c = at(3, '%%bench');
    const html = tableOf(c);
    assert.equal(bodyRows(html), 3 * 2, `3 targets × 2 reps; stderr: ${stderrOf(c)}`);
    assert.equal(stdoutOf(at(12, '[...new Set')).trim(), 'native,wasmtime,wazero');
  });
  await t.test('a bad magic is one error line with the usage; the next cell still runs', () => {
    assert.equal(stderrOf(at(4, '%bench -b gemm --bogus')).trim(),
      `UsageError: %bench: unknown flag --bogus\n${stderrOf(cells[4]).trim().split('\n')[1]}`);
    assert.match(stderrOf(cells[4]), /^usage: %bench -b BENCHES/m);
    assert.equal(stdoutOf(at(5, '1 + 1')).trim(), '2');
  });
  await t.test('an unknown benchmark is one line, no stack trace', () => {
    const e = stderrOf(at(6, '%bench -b nosuchbench')).trim();
    assert.match(e, /^UsageError: .*nosuchbench/);
    assert.equal(e.split('\n').length, 1, e);
  });
  await t.test('an unknown runtime is one line, no stack trace', () => {
    const e = stderrOf(at(15, '%bench -b gemm -r nosuchruntime')).trim();
    assert.match(e, /^UsageError: .*nosuchruntime/);
    assert.equal(e.split('\n').length, 1, e);
  });
  await t.test('a compile error in %%bench points at the cell line', () => {
    const e = stderrOf(at(7, '%%bench'));
    assert.match(e, /^CompileError: /);
    assert.match(e, /cell line 4/, e); // `int x = 1` lacks its `;`: line 3 of the source, 4 of the cell
    assert.doesNotMatch(e, /\n\s+at /);
  });
  await t.test('TypeScript cells use the bound frame', () => {
    assert.equal(stdoutOf(at(8, 'const n: number')).trim(), '8');
    assert.equal(bodyRows(tableOf(at(9, 'df.head(2)'))), 2, 'a frame as last expression renders as a table');
  });
  await t.test('tslab keeps working: tslab.display and top-level await', () => {
    assert.equal(displaysOf(at(13, 'import * as tslab'))[0]?.['text/html'], '<b>tslab display works</b>');
    assert.equal(stdoutOf(at(14, 'const v = await')).trim(), '42');
  });
  await t.test('issue 24: %bench takes the CLI\'s sweep options (--pin, --timeout, --mem-limit, adaptive --reps, --ci, --max-runs, -O)', () => {
    const c = at(16, '%bench -b gemm -r native --size mini --pin 0');
    assert.doesNotMatch(stderrOf(c), /UsageError|\n\s+at /, stderrOf(c));
    const got = JSON.parse(stdoutOf(at(17, 'const sweepRequest')).trim()) as {
      rows: number; status: string[]; runtime: string[]; opt: string[]; size: string[]; pin: string; timeout: number; mem_limit_bytes: number; reps: string; ci: number;
    };
    // Adaptive: at least the 5 minimum runs, at most --max-runs 8 (reps the store has from cell 1
    // count, being the same runs); every one ok.
    assert.ok(got.rows >= 5 && got.rows <= 8, `${got.rows} rows`);
    assert.equal(bodyRows(tableOf(c)), got.rows, 'the displayed table is the bound frame');
    assert.deepEqual([got.status, got.runtime, got.opt, got.size], [['ok'], ['native'], ['O2'], ['mini']]);
    // What the sweep was asked (the store's sweeps.request): the options reached the core.
    assert.deepEqual([got.pin, got.timeout, got.mem_limit_bytes, got.reps, got.ci], ['0', 30, 512 * 1024 ** 2, 'adaptive', 5]);
  });
  await t.test('%lsmagic and %bench? show usage', () => {
    assert.match(JSON.stringify(displaysOf(at(10, '%lsmagic'))), /%%bench/);
    assert.match(JSON.stringify(displaysOf(at(11, '%bench?'))), /usage: %bench -b BENCHES/);
  });
});

interface InterruptReport {
  interrupted_at_done: number; total: number; interrupt_to_idle_s: number; reply_status: string;
  rows: string; stderr: string; processes_left: string[]; kernel_alive_after: string;
}

async function checkInterrupt(args: string[]): Promise<void> {
  const r = await pyJson<InterruptReport>('interrupt.py', ['--after', '3', ...args], { timeoutMs: 15 * 60_000, env: ownStore() });
  assert.ok(r.interrupted_at_done >= 3 && r.interrupted_at_done < r.total, JSON.stringify(r));
  assert.ok(r.interrupt_to_idle_s < 1, `stopped ${r.interrupt_to_idle_s} s after the interrupt`);
  assert.equal(r.reply_status, 'ok', 'the cell ends normally so df is bound');
  const rows = Number(r.rows);
  assert.ok(rows >= r.interrupted_at_done && rows < r.total, `df holds ${r.rows} rows`);
  assert.match(r.stderr, /interrupted: kept the \d+ rows measured in df/);
  assert.deepEqual(r.processes_left, [], 'no runtime left running');
  assert.equal(r.kernel_alive_after, '2');
}

test('acceptance 2: interrupt stops a sweep within a second and keeps the rows', { timeout: 30 * 60_000 }, async (t) => {
  await t.test('the stop button (interrupt_request)', () => checkInterrupt([]));
  await t.test('SIGINT to the kernel process', () => checkInterrupt(['--sigint']));
});

test('acceptance 4: the exported HTML shows the plot in headless Chromium', { timeout: 5 * 60_000 }, async (t) => {
  if (!existsSync(executed)) return t.skip('needs the executed notebook of acceptance 1');
  const png = join(work, 'magics.png');
  const r = await pyJson<{ png: string; plotly_blue_pixels: number }>('screenshot.py', [executed, png, '--height', '3000'], { timeoutMs: 5 * 60_000, env: ownStore() });
  assert.ok(r.plotly_blue_pixels > 2000, `only ${r.plotly_blue_pixels} pixels of plotly's bar colour in ${r.png}`);
});
