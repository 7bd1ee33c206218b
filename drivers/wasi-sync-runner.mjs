// Runs a WASI (preview1) module under an installed JavaScript engine: node@N (V8) or bun@X
// (JavaScriptCore), for wasmlab's versioned `node@…` and `bun@…` targets.
//   ENGINE [engine flags] wasi-sync-runner.mjs [--no-preopen] MODULE.wasm ARGS...
// The cwd is preopened as "." (every adapter's convention); --no-preopen preopens nothing.
// Why synchronous: Node 26 with --no-wasm-lazy-compilation often never settles the async
// WebAssembly.compile (the process then exits 13 with no output); `new WebAssembly.Module`
// compiles the same bytes at once. Why `wasiImport`: Bun's WASI has no getImportObject().
// Exit: Node returns the guest's proc_exit code from start() (returnOnExit); Bun's proc_exit
// ends the process itself with that code. Either way the guest's stderr (its
// "@wasmlab kernel_ns=" line) was written straight to fd 2 before.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const rest = process.argv.slice(2);
const preopen = rest[0] !== '--no-preopen';
const [file, ...args] = preopen ? rest : rest.slice(1);
// argv[0] must be present: with an empty args list wasi-libc's start-up misbehaves (prints nothing).
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens: preopen ? { '.': process.cwd() } : {}, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
const code = wasi.start(instance);
process.exitCode = typeof code === 'number' ? code : 0;
