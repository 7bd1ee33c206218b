/*
 * wasmlab's command-line driver for the wasm3 interpreter (no registry ships a wasm3 CLI).
 *
 * Who runs it: setup/steps/wasm3.sh compiles it with the wasm3 core into the `wasm3` executable;
 * the wasm3 adapter (src/runtimes/wasm3.ts) runs that for every wasm3 run.
 *
 *   wasm3 [--stack-size=BYTES] module.wasm [args...]
 *
 * Runs a WASI command module: parse, load, link the WASI layer (m3_api_wasi.c, adapted by
 * wasi-0.5.0.patch, then our wasi_extra.c on top), call `_start`. The guest sees argv = module path + args, the process's
 * stdin/stdout/stderr, and the current directory preopened as "./" — so run it with the
 * benchmark's folder as cwd.
 * Exit status: the code the guest passed to proc_exit (0 when `_start` returns), 1 after a
 * trap or a load error (message on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm3.h"
#include "m3_api_wasi.h"

/* wasi_extra.c: the preview1 functions the layer lacks, and fixed fd_seek/path_open/fd_close.
   Linked after m3_LinkWASI, so that those replace the layer's (the last link of an import
   wins: linking sets the function's code pointer). */
M3Result wasmlab_LinkWasiExtra(IM3Module module);

/* wasm3's value stack (locals + operands of all active frames): it bounds the recursion depth.
   The wasm3 CLI's 64 KiB is too small for recursive benchmarks; untouched pages cost nothing. */
#define DEFAULT_STACK_BYTES (8u << 20)

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n > 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) != NULL) {
            if (fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
            else *size = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* LEB128 u32 at *p (bounded by end); returns 0 when malformed. */
static int read_leb(const unsigned char **p, const unsigned char *end, uint32_t *out) {
    uint32_t v = 0;
    for (int shift = 0; *p < end && shift < 35; shift += 7) {
        unsigned char b = *(*p)++;
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) { *out = v; return 1; }
    }
    return 0;
}

/*
 * Drop the "name" custom section, in place. Why: wasm3 0.5.0's m3_FindFunction matches debug
 * names as well as export names, in function order. wasm-ld names the libc's inner `_start`
 * "_start" in that section and exports a wrapper `_start` that runs constructors (WASI preopens,
 * stdio) before it and destructors (stdout flush) after it; the lookup found the inner one, so
 * no preopen was registered and buffered output was lost. Names are only used for backtraces.
 */
static size_t strip_name_section(unsigned char *bytes, size_t size) {
    const unsigned char *end = bytes + size, *p = bytes + 8;
    unsigned char *out = bytes + 8;
    if (size < 8) return size;
    while (p < end) {
        const unsigned char *sec = p;
        unsigned char id = *p++;
        uint32_t len, nlen;
        if (!read_leb(&p, end, &len) || len > (size_t)(end - p)) return size;   /* leave it to wasm3 */
        const unsigned char *body = p, *next = p + len;
        int drop = 0;
        if (id == 0 && read_leb(&body, next, &nlen) && nlen == 4 && (size_t)(next - body) >= 4 &&
            memcmp(body, "name", 4) == 0)
            drop = 1;
        if (!drop) { memmove(out, sec, (size_t)(next - sec)); out += next - sec; }
        p = next;
    }
    return (size_t)(out - bytes);
}

static int fail(IM3Runtime rt, const char *what, M3Result r) {
    M3ErrorInfo info;
    memset(&info, 0, sizeof info);
    if (rt) m3_GetErrorInfo(rt, &info);
    fprintf(stderr, "wasm3: %s: %s%s%s\n", what, r, (info.message && *info.message) ? ": " : "",
            info.message ? info.message : "");
    return 1;
}

int main(int argc, char **argv) {
    unsigned stack = DEFAULT_STACK_BYTES;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strncmp(argv[i], "--stack-size=", 13) == 0) stack = (unsigned)strtoul(argv[i] + 13, NULL, 0);
        else if (strcmp(argv[i], "--version") == 0) { puts("wasm3 0.5.0 (wasmlab driver)"); return 0; }
        else if (strcmp(argv[i], "--") == 0) { i++; break; }
        else { fprintf(stderr, "wasm3: unknown option %s\n", argv[i]); return 2; }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: wasm3 [--stack-size=BYTES] module.wasm [args...]\n");
        return 2;
    }

    size_t size = 0;
    /* wasm3 keeps pointers into the module bytes: the buffer lives until exit. */
    unsigned char *bytes = read_file(argv[i], &size);
    if (!bytes) { perror(argv[i]); return 1; }
    size = strip_name_section(bytes, size);

    IM3Environment env = m3_NewEnvironment();
    IM3Runtime rt = env ? m3_NewRuntime(env, stack, NULL) : NULL;
    if (!rt) { fprintf(stderr, "wasm3: out of memory creating the runtime\n"); return 1; }

    IM3Module mod;
    M3Result r = m3_ParseModule(env, &mod, bytes, (uint32_t)size);
    if (r) return fail(NULL, "parse", r);
    if ((r = m3_LoadModule(rt, mod))) return fail(rt, "load", r);

    m3_wasi_argc = argc - i;
    m3_wasi_argv = (const char **)(argv + i);
    if ((r = m3_LinkWASI(mod))) return fail(rt, "link WASI", r);
    if ((r = wasmlab_LinkWasiExtra(mod))) return fail(rt, "link WASI (wasi_extra.c)", r);

    /* Translate every function now, before _start: wasm3 otherwise translates each on its first
     * call, inside the program's own timed region, so kernel_s would carry translation cost that
     * the other runtimes pay before main. */
    if ((r = m3_CompileModule(mod))) return fail(rt, "compile", r);

    IM3Function start;
    if ((r = m3_FindFunction(&start, rt, "_start"))) return fail(rt, "find _start", r);
    r = m3_CallV(start);
    if (r == m3Err_trapExit) return m3_wasi_exit_code;   /* proc_exit ends the run this way */
    if (r) return fail(rt, "trap", r);
    return 0;
}
