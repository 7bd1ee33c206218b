/**
 * The one interface every runtime adapter implements (one file per runtime in this folder).
 * An adapter knows how to find its runtime, which modes (tiers/compilers) it has, how to
 * compile a module ahead of time, and the argv that runs a module. It never spawns anything
 * itself for a measured run: it returns argv arrays and the measure layer launches them, so
 * every runtime is timed by the same launcher.
 */

/** What `detect()` found. `reason` and `fix` are filled when unavailable. */
export interface Detection {
  available: boolean;
  /** Absolute path of the executable used. */
  path?: string;
  /** Human version string, e.g. "wasmtime 49.0.3". */
  version?: string;
  reason?: string;
  fix?: string;
}

export interface ModeInfo {
  /** Mode id, e.g. "cranelift"; "default" for runtimes with a single mode. */
  mode: string;
  description: string;
  /**
   * "none": this mode only runs from .wasm; "optional": `--aot` adds a precompiled variant;
   * "always": the mode is inherently ahead-of-time (e.g. wamr:aot) and always compiles first.
   */
  aot: 'none' | 'optional' | 'always';
}

/** One way to run a program: runtime + mode (+ whether precompiled). */
export interface Target {
  runtime: string;
  mode: string;
  aot: boolean;
}

/** What a run needs to know. All paths absolute. */
export interface RunInput {
  /** The .wasm module, the AOT artifact (when aot), or the native executable. */
  program: string;
  /** Arguments after the program name. */
  args: string[];
  /** Host folder preopened for the guest (as `.`) and used as the process's cwd. */
  dir: string;
  /**
   * false: preopen nothing (the manifest's `preopen: false`, WABench's empty WasmDir); the folder
   * stays the cwd. Default true. wasm3's driver always preopens its cwd and cannot honour false.
   */
  preopen?: boolean;
}

/** The argv piece that preopens the run folder, or nothing when the input asks for no preopen. */
export const preopenFlags = (input: RunInput, flags: string[]): string[] => (input.preopen === false ? [] : flags);

export interface Command {
  argv: string[];
  /** Extra environment variables for the child (merged over the parent's). */
  env?: Record<string, string>;
}

export interface RuntimeAdapter {
  /** Runtime id, e.g. "wasmtime"; together with a mode it forms "wasmtime:cranelift". */
  readonly name: string;
  /** "native" for the native baseline, "wasm" for WebAssembly runtimes. */
  readonly kind: 'native' | 'wasm';
  readonly modes: readonly ModeInfo[];
  /** Find the runtime. Implementations cache the answer for the process lifetime. */
  detect(): Promise<Detection>;
  /**
   * Some modes can be unavailable although the runtime is (e.g. a wasmer built without LLVM).
   * Default: same as detect().
   */
  detectMode?(mode: string): Promise<Detection>;
  /** File extension of AOT artifacts, e.g. ".cwasm". Required when a mode has aot != "none". */
  readonly aotExtension?: string;
  /** argv that compiles `wasm` ahead of time into `out` for `mode`. */
  aotCommand?(mode: string, wasm: string, out: string): Command;
  /** argv that runs `input.program` (a .wasm, or the AOT artifact when `aot`). */
  runCommand(mode: string, aot: boolean, input: RunInput): Command;
  /**
   * A diagnosed limit by which files the guest writes never reach the run folder (Wasmer 7):
   * a wrong-output row whose declared output files stayed empty names it as its reason.
   */
  readonly lostWrites?: string;
}
