/**
 * Issue 24, the CLI's commands agree with each other: every command `wasmlab help` lists answers
 * --help and -h with its usage (exit 0, on stdout, nothing on stderr); every command that prints
 * rows takes --format table|csv|json and --json; every message ends with a newline. The real CLI
 * (test/helpers.ts), without runtimes or stores: a --help or a refused --format stops first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { wasmlab } from './helpers.js';

/** The command paths of `wasmlab help`: its lines' leading lower-case words ("runtime add", "suite"). */
async function commands(): Promise<string[][]> {
  const help = await wasmlab(['help']);
  const paths: string[][] = [];
  for (const line of help.stdout.split('\n')) {
    if (!/^ {2}[a-z]/.test(line)) continue;
    // "  runtime add SPEC...          install …": the synopsis ends where two spaces begin the description.
    const words = line.trim().split(/\s{2,}/)[0]!.split(/\s+/);
    const path: string[] = [];
    for (const w of words) { if (!/^[a-z]+$/.test(w)) break; path.push(w); }
    paths.push(path);
  }
  return paths;
}

/** The commands that print rows or tables, as `wasmlab help` spells them. */
const ROW_COMMANDS = ['doctor', 'runtime list', 'suite', 'suite import', 'compile', 'run', 'profile', 'report', 'sql', 'sweeps', 'merge', 'slurm status', 'slurm collect'];

/** Run several CLI calls at once (each is a Node start-up, mostly waiting). */
async function all<T>(items: readonly T[], f: (x: T) => Promise<void>, width = 4): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => { for (let x = queue.shift(); x !== undefined; x = queue.shift()) await f(x); }));
}

test('every command answers --help and -h with its usage, exit 0', async () => {
  const paths = await commands();
  assert.ok(paths.length >= 18, `wasmlab help lists ${paths.length} commands`);
  // Each command alone, and each with its subcommand as listed.
  const calls = [...new Map([...paths, ...paths.map((p) => p.slice(0, 1))].map((p) => [p.join(' '), p])).values()];
  await all(calls.flatMap((p) => [[...p, '--help'], [...p, '-h']]), async (argv) => {
    const r = await wasmlab(argv, { reject: false, keepNewline: true });
    const what = `wasmlab ${argv.join(' ')}`;
    assert.equal(r.exitCode, 0, `${what}: exit ${r.exitCode}\n${r.stderr}`);
    assert.equal(r.stderr, '', `${what} wrote to stderr`);
    assert.match(r.stdout, new RegExp(`^usage: wasmlab ${argv[0]}`), `${what}: ${r.stdout.slice(0, 200)}`);
    assert.ok(r.stdout.endsWith('\n'), `${what}: no newline at the end`);
  });
});

test('every command that prints rows takes --format table|csv|json and --json', async () => {
  const listed = (await commands()).map((p) => p.join(' '));
  const rowCommands = ROW_COMMANDS.map((c) => c.split(' '));
  for (const c of ROW_COMMANDS) assert.ok(listed.includes(c) || listed.includes(c.split(' ')[0]!), `${c} is not in wasmlab help`);
  await all(rowCommands, async (cmd) => {
    const help = await wasmlab([...cmd, '--help']);
    assert.match(help.stdout, /--format (FMT|table\|csv\|json)/, `${cmd.join(' ')} --help names --format`);
    // A format it does not know is refused before any work, naming the three.
    const bad = await wasmlab([...cmd, '--format', 'xml'], { reject: false, keepNewline: true });
    assert.equal(bad.exitCode, 2, `${cmd.join(' ')} --format xml: exit ${bad.exitCode}\n${bad.stderr}`);
    assert.match(bad.stderr, /--format is table, csv, json/, cmd.join(' '));
    assert.ok(bad.stderr.endsWith('\n'), `${cmd.join(' ')}: the error line has no newline`);
    // --json is a known flag: beside --format csv it is a contradiction, not an unknown option.
    const both = await wasmlab([...cmd, '--json', '--format', 'csv'], { reject: false });
    assert.equal(both.exitCode, 2, cmd.join(' '));
    assert.match(both.stderr, /--json is --format json/, `${cmd.join(' ')}: ${both.stderr}`);
  });
});

test('--format and --json give the same rows: suite, sql', async () => {
  const csv = await wasmlab(['suite', 'gemm', '--format', 'csv']);
  assert.match(csv.stdout, /^id,group,category,language,sizes,check,origin,description\n.*polybench\/gemm/);
  const json = JSON.parse((await wasmlab(['suite', 'gemm', '--json'])).stdout) as { id: string }[];
  assert.deepEqual(json, JSON.parse((await wasmlab(['suite', 'gemm', '--format', 'json'])).stdout));
  assert.ok(json.some((b) => b.id === 'polybench/gemm'));
  const store = join(mkdtempSync(join(tmpdir(), 'wasmlab-test-format-')), 's.duckdb');
  const q = await wasmlab(['sql', '--store', store, '--format', 'csv', 'SELECT 1 AS x, \'a,b\' AS y'], { keepNewline: true });
  assert.equal(q.stdout, 'x,y\n1,"a,b"\n');
});

test('messages end with a newline: usage errors and unknown commands', async () => {
  for (const argv of [['nosuch'], ['compile', '--bogus'], ['suite', '--bogus'], ['run', '-b', 'gemm', '--reps', 'x'], ['runtime', 'frob'], ['kernel', 'frob']]) {
    const r = await wasmlab(argv, { reject: false, keepNewline: true });
    assert.equal(r.exitCode, 2, `${argv.join(' ')}: exit ${r.exitCode}`);
    assert.match(r.stderr, /^wasmlab: .+\n$/s, `${argv.join(' ')}: ${JSON.stringify(r.stderr)}`);
  }
});
