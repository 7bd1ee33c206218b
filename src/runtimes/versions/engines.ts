/**
 * The runtimes whose versions come from issue 27's installers (npm tarballs, a crate built with
 * cmake, cargo install): node@X, bun@X, wamr@2.4.3, wasmer@7.4.2. One table row per runtime
 * says which versions a spec means, how to install one, its modes, and the run command.
 * adapters.ts and install.ts consult this table after their own runtimes (wasmtime, wazero, wasmi).
 * A bare `node`, `wamr` or `wasmer` is not touched: it stays the pinned target of setup.
 */
import { join } from 'node:path';
import type { Command, ModeInfo, RunInput } from '../adapter.js';
import type { VersionStatus } from './installed.js';
import { installFromNpm, npmVersions } from './npm-install.js';
import { BUN_MODES, bunCommand, NODE_MODES, nodeCommand } from './js-engines.js';
import { installWamr2, wamr2DriverHash, wamr2Versions } from './wamr2-install.js';
import { WAMR2_MODES, wamr2AotCommand, wamr2Command } from './wamr2.js';
import { installWasmer7, wasmer7Versions } from './wasmer7-install.js';
import { WASMER7_LOST_WRITES, WASMER7_MODES, wasmer7AotCommand, wasmer7Command } from './wasmer7.js';

export interface Engine {
  /** Every mode this runtime's versions can have (the installed status says which run here). */
  modes: readonly ModeInfo[];
  /** The concrete versions a spec names (`26` → 26.12.1, `all`); throws with the reason when none. */
  versions(spec: string): Promise<string[]>;
  install(version: string, log: (m: string) => void): Promise<VersionStatus>;
  /** `exe`: the version's CLI (status paths.cli); `dir`: its folder, for other files it holds. */
  run(exe: string, mode: string, aot: boolean, input: RunInput, dir: string): Command;
  aotExtension?: string;
  aot?(dir: string, mode: string, wasm: string, out: string): Command;
  /** A key of our own sources the build uses (driver files); an installed version with another
   *  key is rebuilt, not reused. Absent for runtimes installed as published. */
  buildKey?(): string;
  /** The adapter's `lostWrites`: why files the guest writes never reach the run folder. */
  lostWrites?: string;
}

export const ENGINES: Record<string, Engine> = {
  node: {
    modes: NODE_MODES,
    versions: (spec) => npmVersions('node', spec),
    install: (v, log) => installFromNpm('node', v, NODE_MODES.map((m) => m.mode), log),
    run: (exe, mode, _aot, input) => nodeCommand(exe, mode, input),
  },
  bun: {
    modes: BUN_MODES,
    versions: (spec) => npmVersions('bun', spec),
    install: (v, log) => installFromNpm('bun', v, BUN_MODES.map((m) => m.mode), log),
    run: (exe, mode, _aot, input) => bunCommand(exe, mode, input),
  },
  wamr: {
    modes: WAMR2_MODES,
    versions: wamr2Versions,
    install: installWamr2,
    buildKey: wamr2DriverHash,
    run: (_exe, mode, _aot, input, dir) => wamr2Command(dir, mode, input),
    aotExtension: '.aot',
    aot: (dir, _mode, wasm, out) => wamr2AotCommand(dir, wasm, out),
  },
  wasmer: {
    modes: WASMER7_MODES,
    versions: wasmer7Versions,
    install: installWasmer7,
    run: (exe, mode, aot, input) => wasmer7Command(exe, mode, aot, input),
    aotExtension: '.wasmu',
    aot: (dir, mode, wasm, out) => wasmer7AotCommand(join(dir, 'bin', 'wasmer'), mode, wasm, out),
    lostWrites: WASMER7_LOST_WRITES,
  },
};

export const engineOf = (runtime: string): Engine | undefined => (Object.hasOwn(ENGINES, runtime) ? ENGINES[runtime] : undefined);
