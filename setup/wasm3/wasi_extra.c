/*
 * wasmlab's additions to wasm3's WASI layer (m3_api_wasi.c from wasm3-sys, written for the
 * old `wasi_unstable` ABI): the `wasi_snapshot_preview1` functions it leaves out, implemented
 * to the preview1 spec, and three it has that preview1 modules got wrong (fd_seek, path_open,
 * fd_close; see each).
 *
 * Why each one: the suite's modules import them (apps/bzip2, zstd, lua, espeak: unlink, stat,
 * rename, mkdir, rmdir, readdir…), and wasm3 only reports a missing import when the guest first
 * calls it, which made whole runs trap midway.
 *
 * Like the layer it extends, guest fds are host fds (the preopened "./" is host fd 3) and
 * paths are resolved with the *at() calls relative to the given directory fd. Only preview1
 * names are linked: wasi_unstable's filestat has another layout, and our toolchain emits
 * preview1 only.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>      /* renameat */
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasm3.h"

#define NS "wasi_snapshot_preview1"

/* preview1 errno values (the witx `errno` enum). */
enum {
    E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_AGAIN = 6, E_BADF = 8, E_BUSY = 10, E_EXIST = 20,
    E_FAULT = 21, E_FBIG = 22, E_INTR = 27, E_INVAL = 28, E_IO = 29, E_ISDIR = 31, E_LOOP = 32,
    E_MFILE = 33, E_MLINK = 34, E_NAMETOOLONG = 37, E_NFILE = 41, E_NODEV = 43, E_NOENT = 44,
    E_NOMEM = 48, E_NOSPC = 51, E_NOSYS = 52, E_NOTDIR = 54, E_NOTEMPTY = 55, E_NOTSUP = 58,
    E_NOTTY = 59, E_NXIO = 60, E_PERM = 63, E_PIPE = 64, E_ROFS = 69, E_SPIPE = 70, E_TXTBSY = 74,
    E_XDEV = 75, E_NOTCAPABLE = 76,
};

/* preview1 filetype, whence, lookupflags and fstflags values. */
enum { FT_UNKNOWN, FT_BLOCK, FT_CHAR, FT_DIR, FT_REG, FT_SOCK_DGRAM, FT_SOCK_STREAM, FT_SYMLINK };
enum { WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2 };
enum { LOOKUP_SYMLINK_FOLLOW = 1 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };

static uint32_t wasi_errno(int e) {
    switch (e) {
    case E2BIG: return E_2BIG;           case EACCES: return E_ACCES;
    case EAGAIN: return E_AGAIN;         case EBADF: return E_BADF;
    case EBUSY: return E_BUSY;           case EEXIST: return E_EXIST;
    case EFAULT: return E_FAULT;         case EFBIG: return E_FBIG;
    case EINTR: return E_INTR;           case EINVAL: return E_INVAL;
    case EIO: return E_IO;               case EISDIR: return E_ISDIR;
    case ELOOP: return E_LOOP;           case EMFILE: return E_MFILE;
    case EMLINK: return E_MLINK;         case ENAMETOOLONG: return E_NAMETOOLONG;
    case ENFILE: return E_NFILE;         case ENODEV: return E_NODEV;
    case ENOENT: return E_NOENT;         case ENOMEM: return E_NOMEM;
    case ENOSPC: return E_NOSPC;         case ENOSYS: return E_NOSYS;
    case ENOTDIR: return E_NOTDIR;       case ENOTEMPTY: return E_NOTEMPTY;
    case EOPNOTSUPP: return E_NOTSUP;    case ENOTTY: return E_NOTTY;
    case ENXIO: return E_NXIO;           case EPERM: return E_PERM;
    case EPIPE: return E_PIPE;           case EROFS: return E_ROFS;
    case ESPIPE: return E_SPIPE;         case ETXTBSY: return E_TXTBSY;
    case EXDEV: return E_XDEV;
    default: return E_IO;
    }
}

#define RETURN_ERRNO() m3ApiReturn(wasi_errno(errno))
#define RETURN_RESULT(ok) { if (ok) m3ApiReturn(E_SUCCESS); RETURN_ERRNO(); }

/* Bounds-check a guest buffer; a bad pointer is the guest's fault, reported as EFAULT
   rather than a host crash. */
static int in_memory(IM3Runtime runtime, const void *mem, const void *p, uint64_t len) {
    uint64_t lo = (uint64_t)(uintptr_t)mem, a = (uint64_t)(uintptr_t)p;
    return a >= lo && a + len <= lo + m3_GetMemorySize(runtime);
}
#define CHECK_MEM(p, len) { if (!in_memory(runtime, _mem, (p), (len))) m3ApiReturn(E_FAULT); }

/* Does a path stay under the directory it is relative to? Not when absolute, nor when its ".."
   components climb above it (lexically, as cap-std checks for Wasmtime). The layer passed guest
   paths to openat() as they were, so "../x" reached the run folder's parent and
   "../../../../etc/passwd" was readable: a preopen must be the guest's whole world. */
static int stays_inside(const char *p) {
    if (p[0] == '/') return 0;
    long depth = 0;
    for (const char *c = p; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.') { if (--depth < 0) return 0; }
        else if (n > 0 && !(n == 1 && c[0] == '.')) depth++;
        c += n;
        while (*c == '/') c++;
    }
    return 1;
}

/* Guest paths are (ptr, len) without a terminator: copy into a C string. An embedded NUL
   would make the host see a shorter path than the guest meant. A path leaving its directory
   is refused with NOTCAPABLE, as other runtimes refuse it. */
static uint32_t host_path(IM3Runtime runtime, void *_mem, const char *p, uint32_t len, char out[PATH_MAX]) {
    if (!in_memory(runtime, _mem, p, len)) return E_FAULT;
    if (len >= PATH_MAX) return E_NAMETOOLONG;
    if (memchr(p, 0, len)) return E_INVAL;
    memcpy(out, p, len);
    out[len] = 0;
    if (!stays_inside(out)) return E_NOTCAPABLE;
    return E_SUCCESS;
}
#define GET_PATH(var, p, len) char var[PATH_MAX]; \
    { uint32_t e_ = host_path(runtime, _mem, (p), (len), var); if (e_) m3ApiReturn(e_); }

static uint8_t filetype_of(mode_t m) {
    return S_ISREG(m) ? FT_REG : S_ISDIR(m) ? FT_DIR : S_ISLNK(m) ? FT_SYMLINK : S_ISCHR(m) ? FT_CHAR
         : S_ISBLK(m) ? FT_BLOCK : S_ISSOCK(m) ? FT_SOCK_STREAM : FT_UNKNOWN;
}

static uint64_t ns_of(struct timespec t) { return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec; }

/* preview1 `filestat`: dev u64 @0, ino u64 @8, filetype u8 @16, nlink u64 @24, size u64 @32,
   atim @40, mtim @48, ctim @56 (64 bytes). Written field by field: the guest's layout is fixed,
   the host's struct stat is not. */
static void write_filestat(uint8_t *out, const struct stat *st) {
    uint64_t v[8] = { st->st_dev, st->st_ino, filetype_of(st->st_mode), st->st_nlink, (uint64_t)st->st_size,
                      ns_of(st->st_atim), ns_of(st->st_mtim), ns_of(st->st_ctim) };
    memcpy(out, v, sizeof v);   /* wasm is little-endian, like x86-64; filetype's padding is 0 */
}

/* fstflags → the timespec pair of futimens/utimensat. */
static int to_times(uint64_t atim, uint64_t mtim, uint32_t flags, struct timespec ts[2]) {
    if (((flags & FST_ATIM) && (flags & FST_ATIM_NOW)) || ((flags & FST_MTIM) && (flags & FST_MTIM_NOW)) ||
        (flags & ~0xfu))
        return 0;
    uint64_t t[2] = { atim, mtim };
    for (int i = 0; i < 2; i++) {
        uint32_t set = i ? FST_MTIM : FST_ATIM, now = i ? FST_MTIM_NOW : FST_ATIM_NOW;
        if (flags & set) { ts[i].tv_sec = (time_t)(t[i] / 1000000000u); ts[i].tv_nsec = (long)(t[i] % 1000000000u); }
        else ts[i].tv_nsec = (flags & now) ? UTIME_NOW : UTIME_OMIT;
    }
    return 1;
}

/* --- fd_* ---------------------------------------------------------------------------------- */

/* Replaces the layer's fd_seek for preview1: it took whence from the wasi_unstable header
   (cur=0, end=1, set=2), while preview1 has set=0, cur=1, end=2 — so rewind() seeked nowhere
   and fseek(SEEK_END) went to offset 0. */
m3ApiRawFunction(wx_fd_seek) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(int64_t, offset)
    m3ApiGetArg(uint32_t, whence)
    m3ApiGetArgMem(uint8_t *, result)
    CHECK_MEM(result, 8);
    int w = whence == WHENCE_SET ? SEEK_SET : whence == WHENCE_CUR ? SEEK_CUR : whence == WHENCE_END ? SEEK_END : -1;
    if (w < 0) m3ApiReturn(E_INVAL);
    off_t pos = lseek((int)fd, (off_t)offset, w);
    if (pos < 0) RETURN_ERRNO();
    uint64_t p = (uint64_t)pos;
    memcpy(result, &p, 8);
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_fd_tell) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(uint8_t *, result)
    CHECK_MEM(result, 8);
    off_t pos = lseek((int)fd, 0, SEEK_CUR);
    if (pos < 0) RETURN_ERRNO();
    uint64_t p = (uint64_t)pos;
    memcpy(result, &p, 8);
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_fd_filestat_get) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(uint8_t *, out)
    CHECK_MEM(out, 64);
    struct stat st;
    if (fstat((int)fd, &st) != 0) RETURN_ERRNO();
    write_filestat(out, &st);
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_fd_filestat_set_size) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint64_t, size)
    if (size > (uint64_t)INT64_MAX) m3ApiReturn(E_FBIG);
    RETURN_RESULT(ftruncate((int)fd, (off_t)size) == 0);
}

m3ApiRawFunction(wx_fd_filestat_set_times) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint64_t, atim)
    m3ApiGetArg(uint64_t, mtim)
    m3ApiGetArg(uint32_t, flags)
    struct timespec ts[2];
    if (!to_times(atim, mtim, flags, ts)) m3ApiReturn(E_INVAL);
    RETURN_RESULT(futimens((int)fd, ts) == 0);
}

m3ApiRawFunction(wx_fd_sync) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    RETURN_RESULT(fsync((int)fd) == 0);
}

m3ApiRawFunction(wx_fd_advise) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint64_t, offset)
    m3ApiGetArg(uint64_t, len)
    m3ApiGetArg(uint32_t, advice)
    /* preview1 advice: normal, sequential, random, willneed, dontneed, noreuse (0..5). */
    static const int map[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
    if (advice > 5) m3ApiReturn(E_INVAL);
    int e = posix_fadvise((int)fd, (off_t)offset, (off_t)len, map[advice]);
    m3ApiReturn(e ? wasi_errno(e) : E_SUCCESS);
}

m3ApiRawFunction(wx_fd_allocate) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint64_t, offset)
    m3ApiGetArg(uint64_t, len)
    int e = posix_fallocate((int)fd, (off_t)offset, (off_t)len);
    m3ApiReturn(e ? wasi_errno(e) : E_SUCCESS);
}

/* iovecs: (buf u32, len u32) pairs in guest memory → host iovecs. */
static uint32_t host_iovs(IM3Runtime runtime, void *_mem, const uint32_t *iovs, uint32_t n, struct iovec *out) {
    if (!in_memory(runtime, _mem, iovs, (uint64_t)n * 8)) return E_FAULT;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t buf = iovs[2 * i], len = iovs[2 * i + 1];
        out[i].iov_base = (uint8_t *)_mem + buf;
        out[i].iov_len = len;
        if (!in_memory(runtime, _mem, out[i].iov_base, len)) return E_FAULT;
    }
    return E_SUCCESS;
}

#define MAX_IOVS 1024   /* IOV_MAX on Linux; keeps the host array on the stack bounded */

/* fd_pread and fd_pwrite: the same scatter/gather at an offset, one direction each. */
static uint32_t positioned_io(IM3Runtime runtime, void *_mem, uint32_t fd, const uint32_t *iovs, uint32_t n,
                              uint64_t offset, uint32_t *done, int writing) {
    if (n > MAX_IOVS) return E_INVAL;
    if (!in_memory(runtime, _mem, done, 4)) return E_FAULT;
    struct iovec host[MAX_IOVS];
    uint32_t e = host_iovs(runtime, _mem, iovs, n, host);
    if (e) return e;
    ssize_t r = writing ? pwritev((int)fd, host, (int)n, (off_t)offset) : preadv((int)fd, host, (int)n, (off_t)offset);
    if (r < 0) return wasi_errno(errno);
    *done = (uint32_t)r;
    return E_SUCCESS;
}

m3ApiRawFunction(wx_fd_pread) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const uint32_t *, iovs)
    m3ApiGetArg(uint32_t, n)
    m3ApiGetArg(uint64_t, offset)
    m3ApiGetArgMem(uint32_t *, nread)
    m3ApiReturn(positioned_io(runtime, _mem, fd, iovs, n, offset, nread, 0));
}

m3ApiRawFunction(wx_fd_pwrite) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const uint32_t *, iovs)
    m3ApiGetArg(uint32_t, n)
    m3ApiGetArg(uint64_t, offset)
    m3ApiGetArgMem(uint32_t *, nwritten)
    m3ApiReturn(positioned_io(runtime, _mem, fd, iovs, n, offset, nwritten, 1));
}

/* Guest fds are host fds, so renumbering is dup2 + close (the spec: `to` is closed first). */
m3ApiRawFunction(wx_fd_renumber) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, from)
    m3ApiGetArg(uint32_t, to)
    if (fcntl((int)from, F_GETFD) < 0 || fcntl((int)to, F_GETFD) < 0) m3ApiReturn(E_BADF);
    if (from == to) m3ApiReturn(E_SUCCESS);
    if (dup2((int)from, (int)to) < 0) RETURN_ERRNO();
    close((int)from);
    m3ApiReturn(E_SUCCESS);
}

/*
 * fd_readdir(fd, buf, buf_len, cookie, *bufused): entries from position `cookie` on, each a
 * 24-byte dirent (d_next u64, d_ino u64, d_namlen u32, d_type u8) followed by the name. The
 * cookie is the entry's index in the directory stream: the host's telldir values are not
 * stable across opens. Each call reads the directory afresh through a duplicate of the fd
 * (closedir closes its fd; the guest's stays open), skipping `cookie` entries — quadratic,
 * but guest directories here are small. When the last entry does not fit, the buffer is
 * filled to the brim: bufused == buf_len tells the guest to retry with a larger buffer.
 */
m3ApiRawFunction(wx_fd_readdir) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(uint8_t *, buf)
    m3ApiGetArg(uint32_t, buf_len)
    m3ApiGetArg(uint64_t, cookie)
    m3ApiGetArgMem(uint32_t *, bufused)
    CHECK_MEM(buf, buf_len);
    CHECK_MEM(bufused, 4);
    int dfd = openat((int)fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) RETURN_ERRNO();
    DIR *d = fdopendir(dfd);
    if (!d) { int e = errno; close(dfd); m3ApiReturn(wasi_errno(e)); }
    uint32_t used = 0;
    uint64_t index = 0;
    struct dirent *ent;
    errno = 0;
    while (used < buf_len && (ent = readdir(d)) != NULL) {
        if (index++ < cookie) continue;
        uint32_t namlen = (uint32_t)strlen(ent->d_name);
        uint8_t head[24] = { 0 }, type;
        uint64_t next = index, ino = ent->d_ino;
        switch (ent->d_type) {
        case DT_REG: type = FT_REG; break;       case DT_DIR: type = FT_DIR; break;
        case DT_LNK: type = FT_SYMLINK; break;   case DT_CHR: type = FT_CHAR; break;
        case DT_BLK: type = FT_BLOCK; break;     case DT_SOCK: type = FT_SOCK_STREAM; break;
        default: type = FT_UNKNOWN;
        }
        memcpy(head, &next, 8);
        memcpy(head + 8, &ino, 8);
        memcpy(head + 16, &namlen, 4);
        head[20] = type;
        uint32_t n = buf_len - used < 24 ? buf_len - used : 24;
        memcpy(buf + used, head, n);
        used += n;
        n = buf_len - used < namlen ? buf_len - used : namlen;
        memcpy(buf + used, ent->d_name, n);
        used += n;
    }
    int e = errno;
    closedir(d);
    if (used < buf_len && e) m3ApiReturn(wasi_errno(e));
    *bufused = used;
    m3ApiReturn(E_SUCCESS);
}

/* The layer's fd_close returned -1 itself as the errno on failure. */
m3ApiRawFunction(wx_fd_close) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    RETURN_RESULT(close((int)fd) == 0);
}

/* --- path_* -------------------------------------------------------------------------------- */

/* Replaces the layer's path_open, which ignored oflags DIRECTORY (opendir() of a regular file
   succeeded) and lookupflags (symlinks were always followed). */
m3ApiRawFunction(wx_path_open) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint32_t, lookup)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    m3ApiGetArg(uint32_t, oflags)
    m3ApiGetArg(uint64_t, rights)
    m3ApiGetArg(uint64_t, rights_inheriting)
    m3ApiGetArg(uint32_t, fdflags)
    m3ApiGetArgMem(uint32_t *, opened)
    (void)rights_inheriting;   /* rights are not enforced: guest fds are plain host fds */
    GET_PATH(p, path, path_len);
    CHECK_MEM(opened, 4);
    enum { O_CREAT_ = 1, O_DIRECTORY_ = 2, O_EXCL_ = 4, O_TRUNC_ = 8 };             /* oflags */
    enum { F_APPEND = 1, F_DSYNC = 2, F_NONBLOCK = 4, F_RSYNC = 8, F_SYNC = 16 };    /* fdflags */
    const uint64_t R_FD_READ = 1u << 1, R_FD_WRITE = 1u << 6;                       /* rights */
    int rd = (rights & R_FD_READ) != 0, wr = (rights & R_FD_WRITE) != 0;
    int fl = (rd && wr) ? O_RDWR : wr ? O_WRONLY : O_RDONLY;
    if (oflags & O_DIRECTORY_) fl = O_RDONLY | O_DIRECTORY;   /* a directory opens read-only */
    if (oflags & O_CREAT_) fl |= O_CREAT;
    if (oflags & O_EXCL_) fl |= O_EXCL;
    if (oflags & O_TRUNC_) fl |= O_TRUNC;
    if (fdflags & F_APPEND) fl |= O_APPEND;
    if (fdflags & F_DSYNC) fl |= O_DSYNC;
    if (fdflags & F_NONBLOCK) fl |= O_NONBLOCK;
    if (fdflags & F_RSYNC) fl |= O_RSYNC;
    if (fdflags & F_SYNC) fl |= O_SYNC;
    if (!(lookup & LOOKUP_SYMLINK_FOLLOW)) fl |= O_NOFOLLOW;
    int host = openat((int)fd, p, fl, 0666);   /* 0666 & ~umask, like a native open() */
    if (host < 0) RETURN_ERRNO();
    *opened = (uint32_t)host;
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_path_filestat_get) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint32_t, lookup)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    m3ApiGetArgMem(uint8_t *, out)
    GET_PATH(p, path, path_len);
    CHECK_MEM(out, 64);
    struct stat st;
    int fl = (lookup & LOOKUP_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW;
    if (fstatat((int)fd, p, &st, fl) != 0) RETURN_ERRNO();
    write_filestat(out, &st);
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_path_filestat_set_times) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint32_t, lookup)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    m3ApiGetArg(uint64_t, atim)
    m3ApiGetArg(uint64_t, mtim)
    m3ApiGetArg(uint32_t, flags)
    GET_PATH(p, path, path_len);
    struct timespec ts[2];
    if (!to_times(atim, mtim, flags, ts)) m3ApiReturn(E_INVAL);
    int fl = (lookup & LOOKUP_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW;
    RETURN_RESULT(utimensat((int)fd, p, ts, fl) == 0);
}

m3ApiRawFunction(wx_path_create_directory) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    GET_PATH(p, path, path_len);
    RETURN_RESULT(mkdirat((int)fd, p, 0777) == 0);
}

m3ApiRawFunction(wx_path_remove_directory) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    GET_PATH(p, path, path_len);
    RETURN_RESULT(unlinkat((int)fd, p, AT_REMOVEDIR) == 0);
}

m3ApiRawFunction(wx_path_unlink_file) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    GET_PATH(p, path, path_len);
    /* unlink(2) of a directory is EISDIR on Linux, as preview1 wants. */
    RETURN_RESULT(unlinkat((int)fd, p, 0) == 0);
}

m3ApiRawFunction(wx_path_rename) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, old_path)
    m3ApiGetArg(uint32_t, old_len)
    m3ApiGetArg(uint32_t, new_fd)
    m3ApiGetArgMem(const char *, new_path)
    m3ApiGetArg(uint32_t, new_len)
    GET_PATH(from, old_path, old_len);
    GET_PATH(to, new_path, new_len);
    RETURN_RESULT(renameat((int)fd, from, (int)new_fd, to) == 0);
}

m3ApiRawFunction(wx_path_link) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArg(uint32_t, lookup)
    m3ApiGetArgMem(const char *, old_path)
    m3ApiGetArg(uint32_t, old_len)
    m3ApiGetArg(uint32_t, new_fd)
    m3ApiGetArgMem(const char *, new_path)
    m3ApiGetArg(uint32_t, new_len)
    GET_PATH(from, old_path, old_len);
    GET_PATH(to, new_path, new_len);
    int fl = (lookup & LOOKUP_SYMLINK_FOLLOW) ? AT_SYMLINK_FOLLOW : 0;
    RETURN_RESULT(linkat((int)fd, from, (int)new_fd, to, fl) == 0);
}

m3ApiRawFunction(wx_path_symlink) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArgMem(const char *, old_path)
    m3ApiGetArg(uint32_t, old_len)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, new_path)
    m3ApiGetArg(uint32_t, new_len)
    GET_PATH(target, old_path, old_len);
    GET_PATH(link, new_path, new_len);
    RETURN_RESULT(symlinkat(target, (int)fd, link) == 0);
}

m3ApiRawFunction(wx_path_readlink) {
    m3ApiReturnType(uint32_t)
    m3ApiGetArg(uint32_t, fd)
    m3ApiGetArgMem(const char *, path)
    m3ApiGetArg(uint32_t, path_len)
    m3ApiGetArgMem(char *, buf)
    m3ApiGetArg(uint32_t, buf_len)
    m3ApiGetArgMem(uint32_t *, bufused)
    GET_PATH(p, path, path_len);
    CHECK_MEM(buf, buf_len);
    CHECK_MEM(bufused, 4);
    ssize_t n = readlinkat((int)fd, p, buf, buf_len);   /* truncates silently, like the spec */
    if (n < 0) RETURN_ERRNO();
    *bufused = (uint32_t)n;
    m3ApiReturn(E_SUCCESS);
}

m3ApiRawFunction(wx_sched_yield) {
    m3ApiReturnType(uint32_t)
    sched_yield();
    m3ApiReturn(E_SUCCESS);
}

/* --- linking --------------------------------------------------------------------------------- */

static const struct { const char *name, *sig; M3RawCall fn; } extra[] = {
    { "fd_seek",                 "i(iIi*)",      wx_fd_seek },
    { "fd_close",                "i(i)",         wx_fd_close },
    { "path_open",               "i(ii*iiIIi*)", wx_path_open },
    { "fd_tell",                 "i(i*)",        wx_fd_tell },
    { "fd_filestat_get",         "i(i*)",        wx_fd_filestat_get },
    { "fd_filestat_set_size",    "i(iI)",        wx_fd_filestat_set_size },
    { "fd_filestat_set_times",   "i(iIIi)",      wx_fd_filestat_set_times },
    { "fd_sync",                 "i(i)",         wx_fd_sync },
    { "fd_advise",               "i(iIIi)",      wx_fd_advise },
    { "fd_allocate",             "i(iII)",       wx_fd_allocate },
    { "fd_pread",                "i(i*iI*)",     wx_fd_pread },
    { "fd_pwrite",               "i(i*iI*)",     wx_fd_pwrite },
    { "fd_renumber",             "i(ii)",        wx_fd_renumber },
    { "fd_readdir",              "i(i*iI*)",     wx_fd_readdir },
    { "path_filestat_get",       "i(ii*i*)",     wx_path_filestat_get },
    { "path_filestat_set_times", "i(ii*iIIi)",   wx_path_filestat_set_times },
    { "path_create_directory",   "i(i*i)",       wx_path_create_directory },
    { "path_remove_directory",   "i(i*i)",       wx_path_remove_directory },
    { "path_unlink_file",        "i(i*i)",       wx_path_unlink_file },
    { "path_rename",             "i(i*ii*i)",    wx_path_rename },
    { "path_link",               "i(ii*ii*i)",   wx_path_link },
    { "path_symlink",            "i(*ii*i)",     wx_path_symlink },
    { "path_readlink",           "i(i*i*i*)",    wx_path_readlink },
    { "sched_yield",             "i()",          wx_sched_yield },
};

M3Result wasmlab_LinkWasiExtra(IM3Module module) {
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        M3Result r = m3_LinkRawFunction(module, NS, extra[i].name, extra[i].sig, extra[i].fn);
        if (r && r != m3Err_functionLookupFailed) return r;   /* not imported: fine */
    }
    return m3Err_none;
}
