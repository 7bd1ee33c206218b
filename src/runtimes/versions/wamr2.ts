/**
 * Running `wamr@2.4.3:MODE` (wamr2-install.ts builds it): one iwasm2 executable per mode, our
 * driver (drivers/wamr2/iwasm2.c) over that variant of the runtime library; `aot` compiles with
 * our wamrc2 first and runs the .aot file in the AOT-only variant.
 *   iwasm2-MODE [--no-preopen] <x.wasm|x.aot> <args…>      (cwd = the run folder)
 *   wamrc2 -o <x.aot> <x.wasm>
 * The driver fixes what the 2020 iwasm needed flags or patches for (no app heap, 8 MiB wasm
 * stack, its own thread); exit status: the guest's code, 1 on a trap.
 */
import { join } from 'node:path';
import type { Command, ModeInfo, RunInput } from '../adapter.js';

export const WAMR2_MODES: readonly ModeInfo[] = [
  { mode: 'classic', description: 'WAMR 2.4.3 classic interpreter', aot: 'none' },
  { mode: 'fast-interp', description: 'WAMR 2.4.3 fast interpreter (precompiled to its internal code at load)', aot: 'none' },
  { mode: 'fast-jit', description: 'WAMR 2.4.3 Fast JIT (its own asmjit-based JIT)', aot: 'none' },
  { mode: 'llvm-jit', description: 'WAMR 2.4.3 LLVM ORC JIT (LLVM 19, -O3, eager: the whole module at load)', aot: 'none' },
  { mode: 'aot', description: 'WAMR 2.4.3 AOT (our wamrc2 on LLVM 19, -O3) run by the AOT-only runtime', aot: 'always' },
];

export function wamr2Command(dir: string, mode: string, input: RunInput): Command {
  return { argv: [join(dir, 'bin', `iwasm2-${mode}`), ...(input.preopen === false ? ['--no-preopen'] : []), input.program, ...input.args] };
}

export function wamr2AotCommand(dir: string, wasm: string, out: string): Command {
  return { argv: [join(dir, 'bin', 'wamrc2'), '-o', out, wasm] };
}
