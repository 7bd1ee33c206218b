/**
 * wasm3, the interpreter, through wasmlab's own CLI driver (drivers/wasm3-driver.c: the wasm3
 * 0.5.0 core from PyPI's pywasm3 sdist + the WASI layer of crates.io's wasm3-sys, adapted).
 * One mode. No AOT: wasm3 translates each function on its first call. WASI: the wasm3-sys layer
 * plus setup/wasm3/wasi_extra.c (the preview1 file functions it lacks: stat, unlink, rename,
 * mkdir/rmdir, readdir, …). Built with d_m3MaxFunctionStackHeight 16384, enough for the
 * suite's largest -O0 functions (sqlite3VdbeExec needs 8776; wasm3's default is 2000).
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   wasm3 <x.wasm> <args…>
 * The driver always preopens its cwd as "./" (no flag: relative paths read and write the run
 * folder) and passes the process's stdin/stdout/stderr. Its own options (--stack-size=) must
 * come before the module; everything after the module path, "-x" included, goes to the guest,
 * whose argv[0] is the module path as given. Exit status: the guest's proc_exit code (3 → 3);
 * a trap exits 1 with "wasm3: trap: …" on stderr.
 */
import { cliAdapter } from './locate.js';

export const wasm3 = cliAdapter({
  name: 'wasm3',
  modes: [{ mode: 'default', description: 'wasm3 0.5.0 interpreter (lazy per-function translation)', aot: 'none' }],
  cli: { exe: 'wasm3', envVar: 'WASMLAB_WASM3', setup: { step: 'wasm3', how: 'builds it from PyPI pywasm3 + crates.io wasm3-sys sources' } },
  runCommand: (exe, _mode, _aot, input) => ({ argv: [exe, input.program, ...input.args] }),
});
