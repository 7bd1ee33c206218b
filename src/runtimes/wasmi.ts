/**
 * wasmi (setup/steps/wasmi.sh: crates.io wasmi_cli with its 1000-call recursion limit raised,
 * setup/wasmi/recursion-limit.patch), an interpreter in Rust. One mode, run with
 * `--compilation-mode eager`: wasmi translates Wasm to its own bytecode, by default lazily on a
 * function's first call — inside the program's kernel timer. Eager translation does it all at
 * startup, so kernel_s is execution only and translation lands in startup_s, as for the
 * compiling runtimes. Execution speed is the same in both modes.
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   wasmi run --compilation-mode eager --dir . -- <x.wasm> <args…>
 * `--dir .` preopens the cwd as "." (relative paths read and write the run folder); "--" keeps
 * program args like "-x" away from wasmi's parser; argv[0] is the module path as given. Exit
 * status: the guest's proc_exit code (3 → 3); a trap exits 1.
 */
import { preopenFlags } from './adapter.js';
import { cliAdapter } from './locate.js';

export const wasmi = cliAdapter({
  name: 'wasmi',
  modes: [{ mode: 'default', description: 'wasmi interpreter, eager translation', aot: 'none' }],
  cli: { exe: 'wasmi', envVar: 'WASMLAB_WASMI', setup: { step: 'wasmi', how: 'cargo install wasmi_cli, ~6 min' } },
  runCommand: (exe, _mode, _aot, input) => ({
    argv: [exe, 'run', '--compilation-mode', 'eager', ...preopenFlags(input, ['--dir', '.']), '--', input.program, ...input.args],
    // An inherited RUST_BACKTRACE=1 adds a host backtrace to every trap message.
    env: { RUST_BACKTRACE: '0' },
  }),
});
