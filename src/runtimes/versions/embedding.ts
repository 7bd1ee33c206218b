/**
 * Mode `embedding`: a Wasmtime release run through its Python embedding (PyPI `wasmtime`, i.e.
 * wasmtime-py, whose wheel carries that release's libwasmtime) with our driver
 * drivers/wasmtime_embed.py. For the versions without a CLI on PyPI (before 36, and most between). The
 * driver gives the CLI's WASI behaviour (argv[0] = module file name, `.` preopened, inherited
 * stdio, proc_exit code, trap → 134) but its start-up (Python + ctypes) is not the CLI's:
 * compare such rows over versions by kernel_s, the program's own timed region.
 */
import { join } from 'node:path';
import type { Command, ModeInfo, RunInput } from '../adapter.js';
import { driversDir } from '../../paths.js';

export const EMBEDDING_MODE: ModeInfo = {
  mode: 'embedding', description: 'wasmtime-py embedding of this release (our Python driver); compare by kernel_s', aot: 'none',
};

/** The driver ships as source: tsc does not copy .py files into dist/. */
export const EMBED_DRIVER = join(driversDir, 'wasmtime_embed.py');

export function embeddingCommand(python: string, input: RunInput): Command {
  return {
    argv: [python, EMBED_DRIVER, ...(input.preopen === false ? ['--no-preopen'] : []), input.program, ...input.args],
    // An inherited RUST_BACKTRACE=1 prints a host backtrace on every trap; PYTHONNOUSERSITE keeps
    // the user's site-packages (another wasmtime) out of the venv.
    env: { RUST_BACKTRACE: '0', PYTHONNOUSERSITE: '1' },
  };
}
