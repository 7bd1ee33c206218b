/**
 * Issue 24, one option table: every sweep option of the CLI exists in %bench (or %profile, for a
 * profile's own) with the same short letter and the same meaning: the same text gives the same
 * request field through `wasmlab run`'s parser and through a magic line, and a bad value the same
 * refusal. The exceptions are the table's FRONT_ONLY list, each with its reason. No runtimes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSweepArgs, refuseOthers, sweepRequest, SWEEP_FLAGS, SWEEP_USAGE } from '../src/cli/args.js';
import { FRONT_ONLY, SWEEP_OPTIONS, optionsFor, type SweepOption } from '../src/options/table.js';
import { findMagic, helpText } from '../kernel/magics/table.js';
import { translate } from '../kernel/magics/translate.js';
import { MagicError } from '../kernel/magics/errors.js';
import { completeMagic } from '../kernel/magics/complete.js';
import { REPRO_USAGE } from '../src/cli/usage.js';

const exempt = (name: string, front: 'cli' | 'kernel', use = 'run') => FRONT_ONLY.find((x) => x.flags.includes(name) && (x.front === front || x.front === 'both') && (!x.uses || x.uses.some((u) => u === use)));

/** A value of the option's type, written as a person would. */
function sample(o: SweepOption): string | undefined {
  switch (o.type) {
    case 'bool': return undefined;
    case 'list': return o.name === 'opt' ? 'O0,-O3' : o.choices ? o.choices.join(',') : 'gemm,crc32';
    case 'int': return '7';
    case 'number': return '1.5';
    case 'percent': return '5%';
    case 'size': return '512M';
    case 'reps': return 'adaptive';
    default: return o.choices ? o.choices.at(-1)! : 'x1';
  }
}

/** What the option needs beside it to be valid: benchmarks or a module, adaptive reps, a store. */
function context(o: SweepOption): string[] {
  const base = ['bench', 'wasm'].includes(o.name) ? [] : ['args', 'dir', 'expect'].includes(o.name) ? ['--wasm', 'm.wasm'] : ['-b', 'gemm'];
  if (o.name !== 'reps') base.push('--reps', 'adaptive');
  if (['fresh', 'resume'].includes(o.name)) base.push('--store', 's.duckdb');
  return base;
}

/** Does a sweep (run, profile) take this option? The others are a hypothesis' own. */
const sweepUse = (o: SweepOption) => (o.uses ?? ['run']).some((u) => u === 'run' || u === 'profile');
const magicFor = (o: SweepOption) => ((o.uses ?? ['run']).includes('run') ? 'bench' : 'profile');

/** The request fields of a magic line, as the kernel hands them to its runtime half. */
function magicRequest(line: string): Record<string, unknown> {
  const ts = translate(line);
  return JSON.parse(/wl\.magic\.\w+\((\{.*\})\)/.exec(ts)![1]!) as Record<string, unknown>;
}

/** The one field an option sets (benchmarks, the --wasm spec, or its key). */
function field(o: SweepOption, req: Record<string, unknown>): unknown {
  if (o.key) return req[o.key];
  if (o.name === 'bench') return req.benchmarks;
  if (o.name === 'simd') return req.features;
  if (['wasm', 'args', 'dir', 'expect'].includes(o.name)) return req.wasm;
  return req.fresh ?? false; // --resume: the default; it changes nothing
}

test('every CLI sweep option exists in %bench (or %profile) with the same letter', () => {
  const missing: string[] = [];
  for (const name of Object.keys(SWEEP_FLAGS)) {
    if (exempt(name, 'cli')) continue;
    const o = SWEEP_OPTIONS.find((x) => x.name === name);
    assert.ok(o, `--${name} is a CLI flag outside the option table and outside FRONT_ONLY`);
    if (!sweepUse(o)) {
      // A hypothesis' or a replication's own option (--by, --margin, --only, …): the command and its magic share it.
      for (const use of o.uses!) {
        const h = findMagic(use, 'line')!.args.flags.find((f) => f.long === name);
        assert.ok(h, `%${use} lacks --${name}`);
        assert.equal(h.short, o.short, `--${name}: -${o.short} in the CLI, -${h.short} in %${use}`);
      }
      continue;
    }
    const flag = findMagic(magicFor(o), 'line')!.args.flags.find((f) => f.long === name);
    if (!flag) { missing.push(name); continue; }
    assert.equal(flag.short, o.short, `--${name}: -${o.short} in the CLI, -${flag.short} in %${magicFor(o)}`);
    assert.equal(SWEEP_FLAGS[name]!.short, o.short, `--${name}: the CLI's letter`);
  }
  assert.deepEqual(missing, [], `CLI options %bench lacks: ${missing.join(', ')}`);
  // And the other way: every %bench flag is a table option, or the kernel's own with its reason.
  for (const f of findMagic('bench', 'line')!.args.flags) {
    assert.ok(SWEEP_OPTIONS.some((o) => o.name === f.long) || exempt(f.long, 'kernel'), `%bench --${f.long} is in neither the table nor FRONT_ONLY`);
  }
  // The front-only flags really are only there, and each says why.
  for (const x of FRONT_ONLY) {
    assert.ok(x.why.length > 20, `${x.flags.join(', ')}: say why`);
    for (const name of x.flags) {
      // A flag front-only for some uses (slurm for a sweep) may be a table option of others (a replication's).
      assert.ok(!SWEEP_OPTIONS.some((o) => o.name === name && (!x.uses || (o.uses ?? ['run', 'profile']).some((u) => x.uses!.includes(u)))), `--${name} is both a sweep option and front-only`);
      // Kernel-only for some uses: the CLI parses it for the others and refuses it for these.
      if (x.front === 'kernel' && !x.uses) assert.ok(!(name in SWEEP_FLAGS), `--${name} is kernel-only but the CLI has it`);
      if (x.front === 'kernel' && x.uses?.includes('run')) assert.throws(() => refuseOthers(parseSweepArgs(['-b', 'gemm', `--${name}`, ...(SWEEP_FLAGS[name]?.type === 'string' ? ['2'] : [])]).values, 'run'), new RegExp(`--${name} goes with`), `wasmlab run --${name}`);
      if (x.front === 'cli') assert.ok(!findMagic('bench', 'line')!.args.flags.some((f) => f.long === name), `--${name} is CLI-only but %bench has it`);
    }
  }
});

test('the same text means the same request through the CLI and through %bench', () => {
  for (const o of SWEEP_OPTIONS.filter((x) => (x.uses ?? ['run']).some((u) => u === 'run' || u === 'profile'))) {
    const value = sample(o);
    const words = [...context(o), `--${o.name}`, ...(value === undefined ? [] : [value])];
    const cli = sweepRequest(parseSweepArgs(words).values) as unknown as Record<string, unknown>;
    const magic = magicRequest(`%${magicFor(o)} ${words.map((w) => (/^[\w.,%@:/-]+$/.test(w) ? w : `'${w}'`)).join(' ')}`);
    assert.deepEqual(field(o, magic), field(o, cli), `--${o.name} ${value ?? ''}`);
    if (value !== undefined || o.name !== 'resume') assert.notEqual(field(o, cli), undefined, `--${o.name} set nothing`);
    // The short letter reads the same.
    if (o.short && value !== undefined) {
      const short = [...context(o), `-${o.short}`, value];
      assert.deepEqual(field(o, magicRequest(`%${magicFor(o)} ${short.join(' ')}`)), field(o, sweepRequest(parseSweepArgs(short).values) as unknown as Record<string, unknown>), `-${o.short}`);
    }
  }
});

test('a bad value is refused by both fronts with the same words', () => {
  const bad: Partial<Record<SweepOption['type'], string>> = { int: 'x', number: 'soon', percent: 'lots', reps: 'many' };
  for (const o of SWEEP_OPTIONS.filter(sweepUse)) {
    const value = o.choices ? 'bogus' : bad[o.type];
    if (value === undefined) continue;
    const words = [...context(o).filter((w, i, a) => !(w === '--reps' || a[i - 1] === '--reps')), `--${o.name}`, value];
    let cliError = '';
    try { sweepRequest(parseSweepArgs(words).values); } catch (e) { cliError = (e as Error).message; }
    let magicError = '';
    try { translate(`%${magicFor(o)} ${words.join(' ')}`); } catch (e) { assert.ok(e instanceof MagicError, String(e)); magicError = e.message.replace(/^%\w+: /, ''); }
    assert.ok(cliError, `the CLI took --${o.name} ${value}`);
    assert.equal(magicError, cliError, `--${o.name} ${value}`);
  }
});

test('usage, %bench? and completion come from the table', () => {
  const benchHelp = helpText(findMagic('bench', 'line')!);
  for (const o of optionsFor('run')) {
    assert.ok(SWEEP_USAGE.includes(`--${o.name}`), `wasmlab run --help lacks --${o.name}`);
    assert.ok(benchHelp.includes(`--${o.name}`), `%bench? lacks --${o.name}`);
    assert.ok(SWEEP_USAGE.includes(o.help) && benchHelp.includes(o.help), `--${o.name}: one help text for both`);
    assert.ok(completeMagic(`%bench --${o.name}`, `%bench --${o.name}`.length)!.matches.includes(`--${o.name}`), `completion of --${o.name}`);
  }
  // A flag with choices completes its values, from the same table.
  for (const o of optionsFor('run').filter((x) => x.choices)) {
    const line = `%bench -b gemm --${o.name} `;
    assert.deepEqual(completeMagic(line, line.length)!.matches, [...o.choices!], `values of --${o.name}`);
  }
  for (const o of optionsFor('cell')) assert.ok(findMagic('bench', 'cell')!.args.flags.some((f) => f.long === o.name), `%%bench lacks --${o.name}`);
  const names = SWEEP_OPTIONS.map((o) => o.name);
  assert.equal(new Set(names).size, names.length, 'an option declared twice');
  const letters = [...SWEEP_OPTIONS.flatMap((o) => (o.short ? [o.short] : [])), ...FRONT_ONLY.flatMap((x) => x.shorts)];
  assert.equal(new Set(letters).size, letters.length, `a short letter used twice: ${letters.join(' ')}`);
});

test('acceptance 2\'s line: every option of it reaches the request', () => {
  const line = '-b gemm -r native --size mini --pin 0 --timeout 30 --mem-limit 512M --reps adaptive --ci 5% --max-runs 8 -O O2';
  const magic = magicRequest(`%bench ${line}`);
  const cli = sweepRequest(parseSweepArgs(line.split(' ')).values) as unknown as Record<string, unknown>;
  const want = { benchmarks: ['gemm'], runtimes: ['native'], size: 'mini', pin: '0', timeout: 30, memLimit: '512M', reps: 'adaptive', ci: 5, maxRuns: 8, opt: ['O2'] };
  for (const [k, v] of Object.entries(want)) {
    assert.deepEqual(magic[k], v, `%bench ${k}`);
    assert.deepEqual(cli[k], v, `run ${k}`);
  }
});

test('wasmlab repro and %repro take the same options, from the table', () => {
  const magic = findMagic('repro', 'line')!.args.flags.filter((f) => !exempt(f.long, 'kernel', 'repro')).map((f) => `${f.long}/${f.short ?? ''}`).sort();
  const table = optionsFor('repro').map((o) => `${o.name}/${o.short ?? ''}`).sort();
  assert.deepEqual(magic, table);
  for (const o of optionsFor('repro')) assert.ok(REPRO_USAGE.includes(`--${o.name}`), `wasmlab repro --help lacks --${o.name}`);
  // The same words mean the same: a margin, a target list, a sweep id.
  const ts = translate('%repro bun --margin 10% --only wasm3,wasmtime:cranelift --sweep s1 --dry-run --store R.duckdb');
  const o = JSON.parse(/wl\.magic\.\w+\((\{.*\})\)/.exec(ts)![1]!) as Record<string, unknown>;
  assert.deepEqual({ margin: o.margin, only: o.only, sweep: o.sweep, dryRun: o.dryRun, store: o.store, source: o.source },
    { margin: 0.1, only: ['wasm3', 'wasmtime:cranelift'], sweep: 's1', dryRun: true, store: 'R.duckdb', source: 'bun' });
  assert.throws(() => translate('%repro bun --margin lots'), /--margin: a margin is a percentage/);
  // --slurm waits for its job in both fronts; --shards alone is refused by both.
  const s = JSON.parse(/wl\.magic\.\w+\((\{.*\})\)/.exec(translate('%repro bun --slurm --shards 2'))![1]!) as Record<string, unknown>;
  assert.deepEqual(s.slurm, { shards: 2 });
  assert.throws(() => translate('%repro bun --shards 2'), /--shards goes with --slurm/);
});
