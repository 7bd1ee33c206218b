/**
 * Node.js / V8. Tiers are pinned with V8 flags: `liftoff` = baseline compiler only
 * (--liftoff --no-wasm-tier-up), `turbofan` = optimizing compiler only (--no-liftoff).
 * Under default flags a kernel called once stays in Liftoff (no OSR), so "default" is not a
 * separate mode. The module runs through drivers/node-wasi-runner.mjs (node:wasi).
 */
import { join } from 'node:path';
import { driversDir } from '../paths.js';
import type { RuntimeAdapter } from './adapter.js';
import { once, versionLine } from './locate.js';

const runner = join(driversDir, 'node-wasi-runner.mjs');
// --no-wasm-lazy-compilation: compile every function at instantiation, as the other runtimes
// do before main; V8 otherwise compiles each on its first call, inside the timed region.
const TIER_FLAGS: Record<string, string[]> = {
  turbofan: ['--no-liftoff', '--no-wasm-lazy-compilation'],
  liftoff: ['--liftoff', '--no-wasm-tier-up', '--no-wasm-lazy-compilation'],
};

export const node: RuntimeAdapter = {
  name: 'node',
  kind: 'wasm',
  modes: [
    { mode: 'turbofan', description: 'V8 TurboFan only (optimizing)', aot: 'none' },
    { mode: 'liftoff', description: 'V8 Liftoff only (baseline)', aot: 'none' },
  ],
  detect: once(async () => {
    const path = process.execPath;
    return { available: true, path, version: `node ${await versionLine(path, ['--version'])} (V8 ${process.versions.v8})` };
  }),
  runCommand: (mode, _aot, input) => ({
    argv: [process.execPath, '--no-warnings', ...(TIER_FLAGS[mode] ?? []), runner, ...(input.preopen === false ? ['--no-preopen'] : []), input.program, ...input.args],
  }),
};
