/**
 * Adapters of installed JavaScript engines (npm-install.ts): `node@26.12.1:turbofan|liftoff`
 * (V8 of that release, tiers pinned with the same flags as the `node` target) and
 * `bun@1.4.5:omg|bbq|interp` (JavaScriptCore's wasm tiers, pinned by Bun's BUN_JSC_* variables).
 * Both run the module through drivers/wasi-sync-runner.mjs (synchronous compile: see there).
 */
import { join } from 'node:path';
import { repoRoot } from '../../paths.js';
import type { ModeInfo, RunInput, Command } from '../adapter.js';
import { node, TIER_FLAGS } from '../node.js';

/** The runner ships as source: tsc does not copy .mjs files into dist/. */
export const SYNC_RUNNER = join(repoRoot, 'drivers', 'wasi-sync-runner.mjs');

export const NODE_MODES: readonly ModeInfo[] = node.modes;

/**
 * JSC runs a wasm function first in its in-place interpreter (IPInt), then tiers up to BBQ (the
 * baseline JIT), then to OMG (the optimizing JIT, B3). Bun passes BUN_JSC_<option> to JSC.
 */
export const BUN_TIER_ENV: Record<string, Record<string, string>> = {
  omg: {},
  bbq: { BUN_JSC_useOMGJIT: '0' },
  interp: { BUN_JSC_useBBQJIT: '0', BUN_JSC_useOMGJIT: '0' },
};
export const BUN_MODES: readonly ModeInfo[] = [
  { mode: 'omg', description: 'JavaScriptCore default tiering: interpreter → BBQ → OMG (optimizing); nothing pinned', aot: 'none' },
  { mode: 'bbq', description: 'JavaScriptCore without OMG (BUN_JSC_useOMGJIT=0): interpreter → BBQ (baseline JIT) at most', aot: 'none' },
  { mode: 'interp', description: 'JavaScriptCore interpreter only (BUN_JSC_useBBQJIT=0 BUN_JSC_useOMGJIT=0)', aot: 'none' },
];

const runnerArgs = (input: RunInput) => [SYNC_RUNNER, ...(input.preopen === false ? ['--no-preopen'] : []), input.program, ...input.args];

export function nodeCommand(exe: string, mode: string, input: RunInput): Command {
  return { argv: [exe, '--no-warnings', ...(TIER_FLAGS[mode] ?? []), ...runnerArgs(input)] };
}

export function bunCommand(exe: string, mode: string, input: RunInput): Command {
  return { argv: [exe, ...runnerArgs(input)], env: { ...BUN_TIER_ENV[mode] } };
}
