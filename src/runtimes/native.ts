/** The native baseline: the same sources built by the same clang for the host, run directly. */
import { findCompiler } from '../toolchain/compilers.js';
import type { RuntimeAdapter } from './adapter.js';
import { SETUP_COMMAND } from '../paths.js';
import { once } from '../locate.js';

export const native: RuntimeAdapter = {
  name: 'native',
  kind: 'native',
  modes: [{ mode: 'default', description: 'host executable built by the same clang', aot: 'none' }],
  detect: once(async () => {
    try {
      const c = await findCompiler();
      return { available: true, path: c.cc, version: c.version };
    } catch (e) {
      return { available: false, reason: (e as Error).message, fix: SETUP_COMMAND };
    }
  }),
  runCommand: (_mode, _aot, input) => ({ argv: [input.program, ...input.args] }),
};
