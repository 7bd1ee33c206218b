/**
 * Issue 19, "hostile input": magic and CLI arguments never reach a shell; bad names, repeated
 * flags and absurd numbers give one line naming the fix. A fast-check property test of the magic
 * parser: any text parses or is a usage error, and every valid command round-trips.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { bench, benchSource, UsageError } from '../src/api.js';
import { readManifest } from '../src/suite/manifest.js';
import { buildBenchmark } from '../src/toolchain/build.js';
import { MagicError } from '../kernel/magics/errors.js';
import { parseArgs, words, type ArgValue, type FlagSpec } from '../kernel/magics/parse.js';
import { MAGICS } from '../kernel/magics/table.js';
import { translate } from '../kernel/magics/translate.js';
import { tempBenchmark, wasmlab } from './helpers.js';

const canary = () => join(tmpdir(), `wasmlab-pwned-${process.pid}-${Math.random().toString(36).slice(2)}`);

/** The CLI gives exit status 2 and exactly one short stderr line. */
async function oneLineError(args: string[], pattern: RegExp): Promise<void> {
  const r = await wasmlab(['run', ...args, '-q'], { reject: false });
  assert.equal(r.exitCode, 2, `${args.join(' ').slice(0, 80)}: exit ${r.exitCode}\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.length < 400, `a ${lines[0]!.length}-character line`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.match(lines[0]!, pattern);
}

test('CLI: metacharacters, traversal, empty/10 kB/unicode names, repeated flags, bad --reps: one line each', async () => {
  const file = canary();
  await oneLineError(['-b', `gemm;touch ${file}`, '-r', 'native'], /unknown benchmark "gemm;touch/);
  await oneLineError(['-b', 'gemm', '-r', `native$(touch ${file})`], /unknown runtime|runtime/);
  await oneLineError(['-b', '`touch x`', '-r', 'native'], /unknown benchmark/);
  assert.equal(existsSync(file), false, 'nothing ran through a shell');
  await oneLineError(['-b', '../../../etc', '-r', 'native'], /has no bench\.json/);
  await oneLineError(['-b', '', '-r', 'native'], /--bench is empty/);
  await oneLineError(['-b', 'gemm', '-r', ''], /--runtime is empty/);
  await oneLineError(['-b', 'gemm', '-O', ','], /--opt is empty/);
  await oneLineError(['-b', 'x'.repeat(10_000), '-r', 'native'], /unknown benchmark "x+…\(10002 characters\)…x+"/);
  await oneLineError(['-b', 'ベンチマーク🚀', '-r', 'native'], /unknown benchmark "ベンチマーク🚀"/);
  await oneLineError(['-b', 'gemm', '-r', 'native', `--${'ü'.repeat(200)}`], /Unknown option/);
  await oneLineError(['-b', 'gemm', '-r', 'native', '--reps', '3', '--reps', '5'], /--reps is given twice/);
  await oneLineError(['-b', 'gemm', '-b', 'crc32'], /--bench is given twice/);
  await oneLineError(['-b', 'gemm', '-r', 'native', '--reps', '-1'], /--reps has a value starting with "-"/);
  await oneLineError(['-b', 'gemm', '-r', 'native', '--reps=-1'], /--reps wants a whole number/);
  await oneLineError(['-b', 'gemm', '-r', 'native', '--reps', '99999999999'], /--reps must be a whole number from 1 to 10000/);
  await oneLineError(['-b', 'gemm', '-r', 'native', '--mem-limit', 'lots'], /--mem-limit wants a size/);
});

test('magics: the same inputs are one-line usage errors before anything runs', () => {
  const bad: [string, RegExp][] = [
    ['%bench -b gemm --reps 3 --reps 4', /--reps is given twice/],
    ['%bench -b gemm --aot --aot', /--aot is given twice/],
    ['%bench -b gemm --reps -1', /--reps wants a whole number, got '-1'/],
    ['%bench -b gemm -o ../x', /--out wants a variable name/],
    ['%bench -b gemm -o "a;b"', /--out wants a variable name/],
    [`%bench -b gemm --${'x'.repeat(10_000)}`, /unknown flag --x+…\(10002 characters\)…x+/],
    ['%bench -b gemm --opt O9', /--opt takes O0, O1, O2, O3, Os; got 'O9'/],
    ['%bench -b gemm -r ""', /--runtime wants a comma-separated list/],
    ['%bench -b "unclosed', /unclosed " quote/],
    ['%bench -b gemm --rëps 3', /unknown flag --rëps/],
  ];
  for (const [line, want] of bad) {
    assert.throws(() => translate(line), (e: unknown) => {
      assert.ok(e instanceof MagicError, `${line.slice(0, 60)}: ${String(e)}`);
      assert.match(e.message, want);
      assert.ok(!e.message.includes('\n') && e.message.length < 400, e.message);
      return true;
    });
  }
});

test('names reaching the core: one short line, nothing started', async () => {
  for (const [name, want] of [['x'.repeat(10_000), /…\(10002 characters\)…/], ['ベンチ\n; rm -rf', /unknown benchmark "ベンチ ; rm -rf"/]] as const) {
    await assert.rejects(bench({ benchmarks: [name], runtimes: ['native'] }), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, want);
      assert.ok(e.message.length < 400 && !e.message.includes('\n'), e.message);
      return true;
    });
  }
});

test('%%bench --args reach the program as words, never through a shell', async () => {
  const file = canary();
  const args = [`$(touch ${file})`, `;touch ${file}`, '`id`', '|', '&&', "'quoted'"];
  const rows = await benchSource('#include <stdio.h>\nint main(int c, char **v){ for (int i = 1; i < c; i++) printf("[%s]\\n", v[i]); return 0; }\n',
    { runtimes: ['native'], args, reps: 1, warmup: 0 });
  assert.equal(rows[0]!.status, 'ok', rows[0]!.reason);
  assert.deepEqual(JSON.parse(rows[0]!.argv).slice(-args.length), args);
  assert.equal(existsSync(file), false);
});

test('a malformed bench.json or an unreadable source names the file and the field', async () => {
  const dir = tempBenchmark('malformed', 'int main(void){return 0;}\n');
  writeFileSync(join(dir, 'bench.json'), '{"id": "test/m", "sources": ');
  assert.throws(() => readManifest(join(dir, 'bench.json')), new RegExp(`${dir}/bench\\.json: .*JSON`));
  writeFileSync(join(dir, 'bench.json'), JSON.stringify({ id: 'test/m', group: 'g', category: 'c', description: 'd', origin: 'o', language: 'c', sources: ['main.c'], sizes: { mini: [1] }, check: 'stdout' }));
  assert.throws(() => readManifest(join(dir, 'bench.json')), /bench\.json: field "sizes\.mini" must be an array of strings/);
  await oneLineError(['-b', dir, '-r', 'native'], /bench\.json: field "sizes\.mini"/);
  const ok = tempBenchmark('unreadable', 'int main(void){return 0;}\n');
  if (process.getuid?.() !== 0) {
    chmodSync(join(ok, 'main.c'), 0);
    await assert.rejects(buildBenchmark(readManifest(join(ok, 'bench.json')), 'native', 'O2'), /main\.c.*"sources"/);
  }
  writeFileSync(join(ok, 'bench.json'), JSON.stringify({ ...JSON.parse('{}'), id: 'test/u', group: 'g', category: 'c', description: 'd', origin: 'o', language: 'c', sources: ['gone.c'], sizes: { mini: [] }, check: 'stdout' }));
  await assert.rejects(buildBenchmark(readManifest(join(ok, 'bench.json')), 'native', 'O2'), /gone\.c.*field "sources" of .*bench\.json/);
  // A broken WABench tree: the file and line of the bad entry.
  const tree = mkdtempSync(join(tmpdir(), 'wasmlab-test-tree-'));
  writeFileSync(join(tree, 'run.sh'), 'BenchSuite+=("g1/b1" "./bin" "args")\n');
  const imp = await wasmlab(['suite', 'import', tree, '--out', join(tree, 'out')], { reject: false });
  assert.equal(imp.exitCode, 2);
  assert.match(imp.stderr.trim(), new RegExp(`^wasmlab: ${tree}/run\\.sh line 1: BenchSuite entry has 3 fields`));
});

// ---- the property test of the magic parser

/** A word as the parser reads it back: single-quoted, with ' written as '"'"' (shell style). */
const quote = (w: string) => `'${w.split("'").join(`'"'"'`)}'`;

/** Text without NUL and without line breaks (a magic is one line). */
const text = (min = 0) => fc.string({ unit: 'grapheme', minLength: min, maxLength: 12 }).filter((s) => !/[\n\r\0]/.test(s));
const item = text(1).filter((s) => !s.includes(',') && s.trim() === s && s.length > 0);
const ident = fc.stringMatching(/^[A-Za-z_$][\w$]{0,8}$/).filter((s) => !s.startsWith('__'));

function valueOf(f: FlagSpec): fc.Arbitrary<ArgValue> {
  switch (f.kind) {
    case 'bool': return fc.constant(true);
    case 'int': return fc.nat({ max: 1_000_000 });
    case 'var': return ident;
    case 'list': return fc.array(f.choices ? fc.constantFrom(...f.choices) : item, { minLength: 1, maxLength: 3 });
    default: return f.choices ? fc.constantFrom(...f.choices) : text(0);
  }
}

const LINE_MAGICS = MAGICS.filter((m) => m.kind === 'line' && !m.raw);

/** A valid command of one line magic: its flags (each at most once) and positionals, as values. */
const command = fc.constantFrom(...LINE_MAGICS).chain((m) => fc.record({
  magic: fc.constant(m),
  flags: fc.subarray([...m.args.flags]).chain((fs) => fc.tuple(...fs.map((f) => fc.tuple(fc.constant(f), valueOf(f), fc.constantFrom('long', 'eq', 'short'))))),
  positionals: fc.tuple(...m.args.positionals.map((p) => (p.rest ? fc.array(text(1).filter((s) => !s.startsWith('-')), { maxLength: 3 })
    : fc.option(text(1).filter((s) => !s.startsWith('-')), { nil: undefined }))))
    // Positionals are ordered: once one is left out, the ones after it are too (%runtime's SPEC… after add|list).
    .map((vs) => { const gap = vs.findIndex((v) => v === undefined); return gap < 0 ? vs : vs.map((v, i) => (i <= gap ? v : Array.isArray(v) ? [] : undefined)); }),
}));

test('property: any text after a magic name parses or is a usage error, never anything else', () => {
  fc.assert(fc.property(fc.constantFrom(...MAGICS), fc.string({ unit: 'grapheme', maxLength: 60 }), (m, rest) => {
    const line = `${m.kind === 'cell' ? '%%' : '%'}${m.name} ${rest}`;
    try {
      assert.equal(typeof translate(m.kind === 'cell' ? `${line}\nint main(void){return 0;}` : line), 'string');
    } catch (e) {
      if (!(e instanceof MagicError)) throw e;
      assert.ok(!e.message.includes('\n'), e.message);
    }
  }), { seed: 19, numRuns: 600 });
});

test('property: every valid magic command round-trips through the parser', () => {
  fc.assert(fc.property(command, ({ magic, flags, positionals }) => {
    const parts: string[] = [];
    const expected: Record<string, ArgValue> = {};
    for (const [f, v, form] of flags) {
      const raw = Array.isArray(v) ? v.join(',') : String(v);
      expected[f.long] = v;
      if (f.kind === 'bool') parts.push(form === 'short' && f.short ? `-${f.short}` : `--${f.long}`);
      else if (form === 'eq') parts.push(quote(`--${f.long}=${raw}`));
      else parts.push(form === 'short' && f.short ? `-${f.short}` : `--${f.long}`, quote(raw));
    }
    const expectedPos: Record<string, string | string[]> = {};
    magic.args.positionals.forEach((p, i) => {
      const v = positionals[i];
      if (p.rest) { expectedPos[p.name] = v as string[]; parts.push(...(v as string[]).map(quote)); } else if (v !== undefined) { expectedPos[p.name] = v as string; parts.push(quote(v as string)); }
    });
    const required = magic.args.positionals.filter((p) => p.required && !p.rest);
    let parsed;
    try {
      parsed = parseArgs(words(parts.join(' ')), magic.args);
    } catch (e) {
      // The only refusal allowed for a well-formed command: a required positional left out.
      assert.ok(e instanceof MagicError && required.some((p) => expectedPos[p.name] === undefined), String(e));
      return;
    }
    assert.deepEqual(parsed.flags, expected);
    assert.deepEqual(parsed.positionals, expectedPos);
    // The whole translation too: a %bench line's options carry the same values to the runtime.
    if (magic.name === 'bench' && expected.bench) {
      let ts: string;
      try {
        ts = translate(`%bench ${parts.join(' ')}`);
      } catch (e) {
        // A combination the magic refuses after parsing (e.g. a flag that needs another): a usage error.
        assert.ok(e instanceof MagicError, String(e));
        return;
      }
      const opts = JSON.parse(/wl\.magic\.bench\((\{.*\})\)/.exec(ts)![1]!) as Record<string, unknown>;
      assert.deepEqual(opts.benchmarks, expected.bench);
      if (expected.reps !== undefined) assert.equal(opts.reps, expected.reps);
    }
  }), { seed: 19, numRuns: 800 });
});
