/**
 * Issue 19, hostile input through the real kernel (the venv's Jupyter, nbclient): each bad magic
 * is one usage line (plus the magic's usage where it is about the call), never a stack trace; no
 * shell ran; and the kernel is alive afterwards, running a %%bench cell and a TypeScript cell.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { installKernelSpec } from '../kernel/spec.js';
import { runCells, venvPython, type NotebookOutput } from './notebook-helpers.js';

test('hostile magics in a real kernel: one line each, nothing run through a shell, the kernel alive after', { timeout: 10 * 60_000 }, async (t) => {
  if (!existsSync(venvPython)) { t.skip(`no venv at ${venvPython}: run bash setup/setup.sh --no-demo`); return; }
  await installKernelSpec();
  const work = mkdtempSync(join(tmpdir(), 'wasmlab-hostile-kernel-'));
  const canary = join(work, 'pwned');
  const bad: [string, RegExp][] = [
    ['%bench -b gemm --reps 3 --reps 4', /^UsageError: %bench: --reps is given twice/],
    [`%bench -b 'gemm;touch ${canary}' -r native`, /^UsageError: unknown benchmark "gemm;touch/],
    [`%bench -b "$(touch ${canary})" -r native`, /^UsageError: unknown benchmark "\$\(touch/],
    [`%bench -b ${'x'.repeat(10_000)} -r native`, /^UsageError: unknown benchmark "x+…\(10002 characters\)…x+"/],
    ['%bench -b gemm -r native --reps 99999999', /^UsageError: --reps must be a whole number from 1 to 10000/],
    ['%bench -b ../../../../etc -r native', /^UsageError: \/etc has no bench\.json/],
    ['%bench -b ベンチ🚀 -r native', /^UsageError: unknown benchmark "ベンチ🚀"/],
    ['%bench -b gemm -r ""', /^UsageError: %bench: --runtime wants a comma-separated list/],
  ];
  const cells = [
    ...bad.map(([c]) => c),
    '%%bench -r native --size small --reps 1 --warmup 0 -q -o cellrows\n#include <stdio.h>\nint main(void){ puts("hi"); return 0; }',
    "console.log('alive', 40 + 2, (cellrows as any)['size'].values.join(','))",
  ];
  const out = await runCells(work, 'hostile', cells, {
    cellTimeoutS: 300, timeoutMs: 9 * 60_000, env: { ...process.env, WASMLAB_STORE: join(work, 'store.duckdb') },
  });
  const text = (os: NotebookOutput[]) => os.map((o) => o.text ?? (o.evalue ? `${o.ename}: ${o.evalue}` : '')).join('');
  bad.forEach(([cell, want], i) => {
    const shown = text(out[i]!.outputs).trim();
    assert.match(shown, want, `${cell.slice(0, 60)}: ${shown.slice(0, 300)}`);
    assert.doesNotMatch(shown, /\n\s+at /, `a stack trace for ${cell.slice(0, 60)}`);
    const lines = shown.split('\n');
    assert.ok(lines.length <= 2 && lines.every((l) => l.length < 400), `${cell.slice(0, 60)}: ${lines.length} lines`);
  });
  assert.equal(existsSync(canary), false, 'a magic argument ran through a shell');
  assert.match(text(out[cells.length - 1]!.outputs), /alive 42 small/, 'the kernel runs cells after the errors');
});
