/**
 * wazero (setup/steps/wazero.sh: the Go module built with its interpreter's 2000-call limit
 * raised, setup/wazero/call-stack-ceiling.patch), pure Go. Modes:
 * `compiler` (its optimizing compiler to native code, the default) and `interpreter`. No
 * separate AOT step: the CLI compiles at startup (its -cachedir is deliberately not used, so
 * every run compiles afresh, like the other JITs).
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   wazero run [-interpreter] -mount .:/ <x.wasm> -- <args…>
 * `-mount .:/` maps the cwd to the guest's "/", where wasi-libc resolves relative paths (its
 * cwd is "/"), so "data.bin" and "out.bin" are files of the run folder. "--" keeps program args
 * like "-x" from being parsed as wazero flags; argv[0] is the module's file name. Exit status:
 * the guest's proc_exit code (3 → 3); a trap exits 1.
 */
import { preopenFlags } from './adapter.js';
import { cliAdapter } from './locate.js';

export const wazero = cliAdapter({
  name: 'wazero',
  modes: [
    { mode: 'compiler', description: 'wazero optimizing compiler (default)', aot: 'none' },
    { mode: 'interpreter', description: 'wazero interpreter', aot: 'none' },
  ],
  cli: {
    exe: 'wazero', envVar: 'WASMLAB_WAZERO', versionArgs: ['version'], setup: { step: 'wazero', how: 'go install from the Go module proxy' },
    // `wazero version` prints the bare module version ("v1.12.0").
    describe: (d) => (d.version ? { ...d, version: `wazero ${d.version}` } : d),
  },
  runCommand: (exe, mode, _aot, input) => ({
    argv: [exe, 'run', ...(mode === 'interpreter' ? ['-interpreter'] : []), ...preopenFlags(input, ['-mount', '.:/']), input.program, '--', ...input.args],
  }),
});
