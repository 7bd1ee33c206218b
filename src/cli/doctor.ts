/** `wasmlab doctor`: every runtime and mode, available or why not and how to fix it. */
import { runtimes, runtimeVersions, simdSupportTable } from '../api.js';
import { launcherPath } from '../measure/launch.js';
import { perfAvailability } from '../measure/counters/perf.js';
import { valgrindPath } from '../measure/counters/valgrind.js';
import { findCompiler } from '../toolchain/compilers.js';
import { renderTable } from '../export/table.js';

export async function doctorCommand(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const rows = await runtimes();
  const tools: Record<string, { available: boolean; detail: string }> = {};
  try { const c = await findCompiler(); tools.compiler = { available: true, detail: `${c.cc} (${c.version})` }; }
  catch (e) { tools.compiler = { available: false, detail: (e as Error).message }; }
  try { tools.launcher = { available: true, detail: launcherPath() }; }
  catch (e) { tools.launcher = { available: false, detail: (e as Error).message }; }
  const perf = tools.launcher.available ? await perfAvailability() : { ok: false, reason: 'no launcher' };
  tools.perf_counters = { available: perf.ok, detail: perf.ok ? 'hardware counters via perf_event_open' : `not available: ${perf.reason}` };
  const vg = valgrindPath();
  tools.valgrind = { available: Boolean(vg), detail: vg ?? 'not found (bash setup/setup.sh installs it)' };
  // Installed versions (wasmlab runtime add): each with its modes, or why it cannot run here.
  const versions = runtimeVersions();
  // SIMD128 as probed (cached per version): yes, NO (the probe's message in --json), ? undecided.
  const simd = new Map((await simdSupportTable()).map((s) => [s.id, s]));
  const simdCell = (id: string) => { const s = simd.get(id); return !s ? '' : s.supported === null ? '?' : s.supported ? 'yes' : 'NO'; };
  if (json) {
    process.stdout.write(JSON.stringify({ runtimes: rows.map((r) => ({ ...r, simd: simd.get(r.id) ?? null })), versions, tools }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(renderTable(rows, [
    { title: 'runtime', get: (r) => r.id },
    { title: 'ok', get: (r) => (r.available ? 'yes' : 'NO') },
    { title: 'aot', get: (r) => r.aot },
    { title: 'simd', get: (r) => simdCell(r.id) },
    { title: 'version / reason', get: (r) => (r.available ? r.version : `${r.reason}${r.fix ? ` — fix: ${r.fix}` : ''}`) },
  ], 110));
  if (versions.length) {
    process.stdout.write(`\ninstalled versions (${versions.filter((v) => v.ok).length} of ${versions.length} run here; --runtime wasmtime@VERSION[:mode], wasmtime@all):\n`);
    process.stdout.write(renderTable(versions, [
      { title: 'version', get: (r) => r.id },
      { title: 'ok', get: (r) => (r.ok ? 'yes' : 'NO') },
      { title: 'modes / reason', get: (r) => (r.ok ? `${r.modes}  (${r.version_line})` : r.reason) },
    ], 110));
  }
  process.stdout.write('\n' + renderTable(Object.entries(tools), [
    { title: 'tool', get: ([k]) => k },
    { title: 'ok', get: ([, v]) => (v.available ? 'yes' : 'NO') },
    { title: 'detail', get: ([, v]) => v.detail },
  ], 110));
  return 0;
}
