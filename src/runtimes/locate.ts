/**
 * Detecting a runtime that is one executable (found as src/locate.ts finds tools), and
 * `cliAdapter()`, the adapter of a runtime that is a CLI on the PATH: detect once, resolve the
 * executable for every command, say how to get it when absent.
 */
import { binDir, setupStep } from '../paths.js';
import { locateTool, once, versionLine } from '../locate.js';
import type { Command, Detection, ModeInfo, RunInput, RuntimeAdapter } from './adapter.js';

// The adapters' tools, here for the files of this folder (and src/runtimes/versions).
export { locateTool, once, versionLine } from '../locate.js';

/**
 * The usual detect(): locate the executable, ask its version, and explain how to get it when
 * absent. Adapters wrap this in a memo so a sweep asks once.
 */
export async function detectTool(opts: {
  exe: string;
  envVar: string;
  versionArgs: string[];
  fix: string;
}): Promise<Detection> {
  const path = locateTool(opts.exe, opts.envVar);
  if (!path) {
    return {
      available: false,
      reason: `${opts.exe} not found in $${opts.envVar}, ${binDir} or PATH`,
      fix: opts.fix,
    };
  }
  try {
    return { available: true, path, version: await versionLine(path, opts.versionArgs) };
  } catch (e) {
    return { available: false, path, reason: `${path} does not run: ${(e as Error).message}`, fix: opts.fix };
  }
}

/** A runtime's executable: its name, the variable that overrides it, and the setup step that installs it. */
export interface CliSpec {
  exe: string;
  envVar: string;
  /** Default ['--version']. */
  versionArgs?: string[];
  /** setup/steps/NAME.sh, and what it does (both go into the fix line). */
  setup: { step: string; how: string };
  /** Adjust what detection found (a better version line). */
  describe?: (d: Detection) => Detection;
}

/** The fix line of a missing tool: the setup step, or the variable that points at one of your own. */
export const cliFix = (s: CliSpec): string => `${setupStep(s.setup.step)} (${s.setup.how}), or set ${s.envVar}`;

/** Where the executable is (for argv; the bare name when absent), and its detection, asked once. */
export function cliTool(s: CliSpec): { exe: () => string; detect: () => Promise<Detection> } {
  return {
    exe: () => locateTool(s.exe, s.envVar) ?? s.exe,
    detect: once(async () => {
      const d = await detectTool({ exe: s.exe, envVar: s.envVar, versionArgs: s.versionArgs ?? ['--version'], fix: cliFix(s) });
      return s.describe ? s.describe(d) : d;
    }),
  };
}

/** An adapter's commands, given the executable's path. */
export interface CliCommands {
  aotExtension?: string;
  aotCommand?(exe: string, mode: string, wasm: string, out: string): Command;
  runCommand(exe: string, mode: string, aot: boolean, input: RunInput): Command;
  /** Modes that can be missing although the runtime is there; `detect` is the runtime's. */
  detectMode?(mode: string, detect: () => Promise<Detection>): Promise<Detection>;
}

/** The adapter of a WebAssembly runtime that is one CLI on the PATH (or in the cache's bin). */
export function cliAdapter(o: { name: string; modes: readonly ModeInfo[]; cli: CliSpec } & CliCommands): RuntimeAdapter {
  const { exe, detect } = cliTool(o.cli);
  const aot = o.aotCommand;
  return {
    name: o.name,
    kind: 'wasm',
    modes: o.modes,
    detect,
    ...(o.detectMode ? { detectMode: (mode: string) => o.detectMode!(mode, detect) } : {}),
    ...(o.aotExtension && aot ? { aotExtension: o.aotExtension, aotCommand: (mode: string, wasm: string, out: string) => aot(exe(), mode, wasm, out) } : {}),
    runCommand: (mode, isAot, input) => o.runCommand(exe(), mode, isAot, input),
  };
}
