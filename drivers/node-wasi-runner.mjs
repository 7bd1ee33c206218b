// Runs a WASI (preview1) module under Node's V8. Who runs it: the `node` runtime adapter
// (src/runtimes/node.ts) puts it in every node run's argv, after the V8 flags that pin a tier.
//   node [V8 flags] node-wasi-runner.mjs [--no-preopen] MODULE.wasm ARGS...
// The cwd is preopened as "." (the same convention as every other runtime adapter); with
// --no-preopen nothing is (a manifest's `preopen: false`). stdio is the process's, and
// the module's exit code becomes the process's. WASMLAB_WASI_COUNTS=FILE counts WASI calls.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const rest = process.argv.slice(2);
const preopen = rest[0] !== '--no-preopen';
const [file, ...args] = preopen ? rest : rest.slice(1);
// argv[0] must be present: with an empty args list wasi-libc's start-up misbehaves (prints nothing).
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens: preopen ? { '.': process.cwd() } : {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const imports = wasi.getImportObject();
// WASMLAB_WASI_COUNTS=FILE (a traced run, src/measure/counters/trace.ts): count every WASI call
// and write {name: calls} to FILE at exit. Untraced runs leave the imports untouched.
const countsFile = process.env.WASMLAB_WASI_COUNTS;
if (countsFile) {
  const counts = {};
  const wrapped = {};
  for (const [name, fn] of Object.entries(imports.wasi_snapshot_preview1)) {
    counts[name] = 0;
    wrapped[name] = (...a) => { counts[name]++; return fn(...a); };
  }
  imports.wasi_snapshot_preview1 = wrapped;
  process.on('exit', () => writeFileSync(countsFile, JSON.stringify(Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)))));
}
const instance = await WebAssembly.instantiate(module, imports);
process.exitCode = wasi.start(instance);
