/*
 * wasmlab: a stand-in <sys/shm.h> for wasm32-wasi, which has no System V shared memory. It
 * declares just what WhiteDB's dbmem.c/dbmpool.c name, and every call fails with ENOSYS, so
 * shared-memory databases report an error while local ones (wg_attach_local_database, malloc'd
 * memory, what the benchmark uses) work. Also getuid/getgid, which dbmem.c calls right after.
 * On the include path of both targets (one set of flags); native builds get the real header.
 */
#ifndef __wasi__
#include_next <sys/shm.h>
#elif !defined(WASMLAB_WASI_SYS_SHM_H)
#define WASMLAB_WASI_SYS_SHM_H
#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

typedef int key_t;

#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_RMID 0
#define IPC_STAT 2

struct ipc_perm { key_t key; int uid, gid, cuid, cgid, mode; };
struct shmid_ds { struct ipc_perm shm_perm; size_t shm_segsz; unsigned long shm_nattch; };

static inline int shmget(key_t key, size_t size, int flags) {
  (void)key; (void)size; (void)flags;
  errno = ENOSYS;
  return -1;
}
static inline void *shmat(int id, const void *addr, int flags) {
  (void)id; (void)addr; (void)flags;
  errno = ENOSYS;
  return (void *)-1;
}
static inline int shmdt(const void *addr) {
  (void)addr;
  errno = ENOSYS;
  return -1;
}
static inline int shmctl(int id, int cmd, struct shmid_ds *buf) {
  (void)id; (void)cmd; (void)buf;
  errno = ENOSYS;
  return -1;
}

/* dbmem.c reports a local database as owned by the caller; WASI has no users: say root. */
static inline int getuid(void) { return 0; }
static inline int getgid(void) { return 0; }
#endif
