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
const imports = { ...wasi.wasiImport };
let memory; // the guest's, once instantiated
if (process.versions.bun) Object.assign(imports, bunWriteOffsetFix(wasi.wasiImport, () => memory));
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
memory = instance.exports.memory;
const code = wasi.start(instance);
process.exitCode = typeof code === 'number' ? code : 0;

// Bun 1.4.5's fd_write keeps a file's offset only once it is non-zero (`if (stats.offset)` on a
// BigInt: 0n is false): while it is 0 it writes at the OS file position and never advances,
// so fd_tell / fd_seek(SEEK_CUR) after writing to a fresh file answer 0 (espeak wrote its WAV
// header sizes as 0-8 and 0-44), and a write after seeking back to 0 lands at the OS position.
// Our fix: when Bun's offset is 0, write positionally at 0 (its fd_pwrite) and seek past
// what was written; otherwise its fd_write is right. Regular files only (fd > 2).
function bunWriteOffsetFix(orig, mem) {
  return {
    fd_write(fd, iovs, iovsLen, nwritten) {
      if (fd <= 2) return orig.fd_write(fd, iovs, iovsLen, nwritten);
      const view = new DataView(mem().buffer);
      const saved = view.getBigUint64(nwritten, true); // fd_tell writes 8 bytes where 4 are ours
      const err = orig.fd_tell(fd, nwritten);
      const offset = view.getBigUint64(nwritten, true);
      view.setBigUint64(nwritten, saved, true);
      if (err !== 0 || offset !== 0n) return orig.fd_write(fd, iovs, iovsLen, nwritten);
      const e = orig.fd_pwrite(fd, iovs, iovsLen, 0n, nwritten);
      if (e !== 0) return e;
      const n = new DataView(mem().buffer).getUint32(nwritten, true);
      const saved2 = view.getBigUint64(nwritten, true);
      orig.fd_seek(fd, BigInt(n), 0, nwritten); // SEEK_SET (whence 0); the new offset is n
      new DataView(mem().buffer).setBigUint64(nwritten, saved2, true);
      return 0;
    },
  };
}
