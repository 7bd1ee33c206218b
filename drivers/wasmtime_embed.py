"""Run a WASI module through wasmtime-py (the Python embedding of one Wasmtime release), as
`wasmtime run --dir . MODULE ARGS...` would: for Wasmtime versions that have no CLI on PyPI.

usage: python wasmtime_embed.py [--no-preopen] MODULE [ARGS...]

Who runs it: mode `embedding` of an installed Wasmtime version (src/runtimes/versions/
embedding.ts), with that version's venv python, for every run of that mode.

- argv[0] is the module's file name (as the CLI), then ARGS.
- The cwd is preopened as "." unless --no-preopen.
- stdin, stdout and stderr are the process's own.
- Exit status: the guest's proc_exit code; a trap prints its message on stderr and exits 134
  (what the CLI's abort gives).
- 8 MiB of wasm stack like our CLI runs (Config.max_wasm_stack, where the release has it), run
  on a thread with a larger host stack so the guard is Wasmtime's and not a SIGSEGV.

Two API shapes (FACTS): up to ~0.29 WasiInstance(store, "wasi_snapshot_preview1", cfg) +
linker.define_wasi(inst) + instance.exports["_start"](); from ~0.30 store.set_wasi(cfg) +
linker.define_wasi() + instance.exports(store)["_start"](store).
"""
import ctypes
import os
import re
import sys
import threading

import wasmtime as wt

STACK = 8 * 1024 * 1024


def exit_code_of(e):
    """proc_exit arrives as ExitTrap (newer) or as a Trap whose message names the status."""
    code = getattr(e, "code", None)
    if isinstance(code, int) and type(e).__name__ == "ExitTrap":
        return code
    m = re.search(r"[Ee]xit(?:ed with)? (?:i32 )?(?:exit )?status:? (-?\d+)", str(e))
    return int(m.group(1)) if m else None


def run(module_path, args, preopen):
    cfg = wt.Config()
    if hasattr(type(cfg), "max_wasm_stack"):
        # Newer releases refuse a wasm stack above the async stack (2 MiB by default), which
        # wasmtime-py does not expose: set it through the C API where the library has it.
        ffi = getattr(wt, "_bindings", None)
        if ffi is not None and hasattr(ffi.dll, "wasmtime_config_async_stack_size_set"):
            ffi.dll.wasmtime_config_async_stack_size_set(cfg.ptr(), ctypes.c_size_t(STACK + 1024 * 1024))
        cfg.max_wasm_stack = STACK
    engine = wt.Engine(cfg)
    store = wt.Store(engine)
    module = wt.Module.from_file(engine, module_path)
    wasi = wt.WasiConfig()
    wasi.argv = [os.path.basename(module_path)] + args
    if preopen:
        wasi.preopen_dir(".", ".")
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    linker = wt.Linker(store if hasattr(wt, "WasiInstance") else engine)
    if hasattr(wt, "WasiInstance"):
        linker.define_wasi(wt.WasiInstance(store, "wasi_snapshot_preview1", wasi))
        linker.instantiate(module).exports["_start"]()
    else:
        store.set_wasi(wasi)
        linker.define_wasi()
        linker.instantiate(store, module).exports(store)["_start"](store)


def main():
    argv = sys.argv[1:]
    preopen = True
    if argv and argv[0] == "--no-preopen":
        preopen, argv = False, argv[1:]
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    result = {"code": 0}

    def body():
        try:
            run(argv[0], argv[1:], preopen)
        except Exception as e:  # a trap, proc_exit, or a load error
            code = exit_code_of(e)
            if code is None:
                sys.stderr.write(f"Error: {e}\n")
                code = 134
            result["code"] = code

    threading.stack_size(STACK + 64 * 1024 * 1024)
    t = threading.Thread(target=body)
    t.start()
    t.join()
    sys.stdout.flush()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
