/*
 * wl-launch: run one command and report what it cost, as one JSON line per run.
 *
 * Why a native launcher: Node cannot give a child's own rusage (user/sys CPU, peak RSS), and a
 * timer in Node around a spawned child over-counts by ~1 ms of Node's own spawn work. Here the
 * clock is read right before fork() and right after wait4() returns, in a process that does
 * nothing else, the way hyperfine -N measures. wait4() gives the child's rusage, which includes
 * descendants it reaped (ru_maxrss is then the largest of them).
 *
 *   wl-launch [--cwd DIR] [--stdin F] [--stdout F] [--stderr F] [--timeout SEC] [--runs N]
 *             [--perf] -- PROGRAM ARGS...
 *
 * --perf opens hardware counters for the child with perf_event_open (enable_on_exec, inherit, so
 * only the program after exec, with its threads, is counted). The child waits on a pipe until
 * the counters exist, so none of its work escapes them. Where the kernel refuses (VMs), the
 * JSON says why in "counter_error" and the run still happens.
 *
 * Without --perf the child is started with posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK), no
 * copy of our page tables), the cheapest way to start a process and what hyperfine's Rust std
 * uses; with --perf we fork, because the child must wait until its counters are open.
 *
 * The child gets its own process group: a timeout or a SIGTERM/SIGINT to the launcher kills the
 * whole group (a runtime's helper processes too), so a cancelled sweep leaves nothing behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile pid_t child_pid = 0;
static volatile sig_atomic_t timed_out = 0, stop_requested = 0;

static void on_alarm(int sig) {
  (void)sig;
  timed_out = 1;
  if (child_pid > 0) kill(-child_pid, SIGKILL);
}
static void on_stop(int sig) {
  (void)sig;
  stop_requested = 1;
  if (child_pid > 0) kill(-child_pid, SIGKILL);
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* The counters wasmlab reports; names match RunRecord's columns. */
static const struct { const char *name; uint32_t type; uint64_t config; } COUNTERS[] = {
  {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
  {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
  {"branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
  {"branch_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
  {"cache_references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES},
  {"cache_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
};
#define NCOUNTERS (sizeof COUNTERS / sizeof COUNTERS[0])

static int open_counter(pid_t pid, uint32_t type, uint64_t config) {
  struct perf_event_attr a;
  memset(&a, 0, sizeof a);
  a.size = sizeof a;
  a.type = type;
  a.config = config;
  a.disabled = 1;
  a.enable_on_exec = 1;
  a.inherit = 1;
  a.exclude_kernel = 1; /* allowed at perf_event_paranoid <= 2 */
  a.exclude_hv = 1;
  /* Multiplexing scales counts; report enabled/running so scaling is visible. */
  a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  return (int)syscall(SYS_perf_event_open, &a, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

static void json_str(const char *s) {
  putchar('"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') printf("\\%c", *s);
    else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
    else putchar(*s);
  }
  putchar('"');
}

static void usage(void) {
  fprintf(stderr, "usage: wl-launch [--cwd DIR] [--stdin F] [--stdout F] [--stderr F] "
                  "[--timeout SEC] [--runs N] [--perf] -- PROGRAM ARGS...\n");
  exit(2);
}

static int open_or_die(const char *path, int flags) {
  int fd = open(path, flags, 0644);
  if (fd < 0) {
    printf("{\"error\":");
    json_str(path);
    printf(",\"errno\":");
    json_str(strerror(errno));
    printf("}\n");
    exit(3);
  }
  return fd;
}

int main(int argc, char **argv) {
  const char *cwd = NULL, *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
  double timeout_s = 0;
  long runs = 1;
  int use_perf = 0, i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    if (i + 1 >= argc && strcmp(argv[i], "--perf")) usage();
    if (!strcmp(argv[i], "--cwd")) cwd = argv[++i];
    else if (!strcmp(argv[i], "--stdin")) in = argv[++i];
    else if (!strcmp(argv[i], "--stdout")) out = argv[++i];
    else if (!strcmp(argv[i], "--stderr")) err = argv[++i];
    else if (!strcmp(argv[i], "--timeout")) timeout_s = atof(argv[++i]);
    else if (!strcmp(argv[i], "--runs")) runs = atol(argv[++i]);
    else if (!strcmp(argv[i], "--perf")) use_perf = 1;
    else usage();
  }
  if (i >= argc || runs < 1) usage();
  char **cmd = argv + i;

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART: wait4 returns EINTR and we loop */
  sigaction(SIGALRM, &sa, NULL);
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);

  for (long run = 0; run < runs && !stop_requested; run++) {
    int fin = open_or_die(in, O_RDONLY | O_CLOEXEC);
    int fout = open_or_die(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
    int ferr = open_or_die(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
    int exec_pipe[2], go_pipe[2] = {-1, -1};
    if (pipe2(exec_pipe, O_CLOEXEC) < 0) { perror("pipe2"); return 3; }
    if (use_perf && pipe2(go_pipe, O_CLOEXEC) < 0) { perror("pipe2"); return 3; }

    uint64_t t0 = now_ns();
    pid_t pid;
    if (!use_perf) {
      posix_spawn_file_actions_t fa;
      posix_spawnattr_t at;
      sigset_t defaults;
      posix_spawn_file_actions_init(&fa);
      posix_spawn_file_actions_adddup2(&fa, fin, 0);
      posix_spawn_file_actions_adddup2(&fa, fout, 1);
      posix_spawn_file_actions_adddup2(&fa, ferr, 2);
      if (cwd) posix_spawn_file_actions_addchdir_np(&fa, cwd);
      posix_spawnattr_init(&at);
      sigemptyset(&defaults);
      sigaddset(&defaults, SIGINT); sigaddset(&defaults, SIGTERM);
      sigaddset(&defaults, SIGHUP); sigaddset(&defaults, SIGALRM);
      posix_spawnattr_setsigdefault(&at, &defaults);
      posix_spawnattr_setpgroup(&at, 0);
      posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
      int e = posix_spawnp(&pid, cmd[0], &fa, &at, cmd, environ);
      posix_spawn_file_actions_destroy(&fa);
      posix_spawnattr_destroy(&at);
      if (e) {
        if (write(exec_pipe[1], &e, sizeof e) < 0) {}
        pid = -1;
      }
    } else {
      pid = fork();
      if (pid < 0) { perror("fork"); return 3; }
      if (pid == 0) {
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL); signal(SIGHUP, SIG_DFL);
        signal(SIGALRM, SIG_DFL);
        char c;
        close(go_pipe[1]);
        if (read(go_pipe[0], &c, 1) != 1) _exit(126);
        dup2(fin, 0); dup2(fout, 1); dup2(ferr, 2);
        int e = 0;
        if (cwd && chdir(cwd) < 0) e = errno;
        if (!e) { execvp(cmd[0], cmd); e = errno; }
        if (write(exec_pipe[1], &e, sizeof e) < 0) {}
        _exit(127);
      }
    }
    if (pid < 0) {
      close(exec_pipe[1]);
      int e = 0;
      if (read(exec_pipe[0], &e, sizeof e) < 0) {}
      printf("{\"run\":%ld,\"error\":\"cannot start the program\",\"program\":", run);
      json_str(cmd[0]);
      printf(",\"errno\":");
      json_str(strerror(e));
      printf("}\n");
      return 4;
    }
    child_pid = pid;
    setpgid(pid, pid); /* also here, so kill(-pid) works before the child ran */
    close(exec_pipe[1]);
    close(fin); close(fout); close(ferr);

    int fds[NCOUNTERS];
    const char *counter_error = NULL;
    char counter_error_buf[160];
    if (use_perf) {
      for (size_t k = 0; k < NCOUNTERS; k++) {
        fds[k] = open_counter(pid, COUNTERS[k].type, COUNTERS[k].config);
        if (fds[k] < 0 && !counter_error) {
          snprintf(counter_error_buf, sizeof counter_error_buf, "perf_event_open(%s): %s",
                   COUNTERS[k].name, strerror(errno));
          counter_error = counter_error_buf;
        }
      }
      close(go_pipe[0]);
      if (write(go_pipe[1], "g", 1) < 0) {}
      close(go_pipe[1]);
    }
    if (timeout_s > 0) {
      struct itimerval it;
      memset(&it, 0, sizeof it);
      it.it_value.tv_sec = (time_t)timeout_s;
      it.it_value.tv_usec = (suseconds_t)((timeout_s - (double)(time_t)timeout_s) * 1e6);
      setitimer(ITIMER_REAL, &it, NULL);
    }

    int status = 0;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {}
    uint64_t t1 = now_ns();
    if (timeout_s > 0) {
      struct itimerval off;
      memset(&off, 0, sizeof off);
      setitimer(ITIMER_REAL, &off, NULL);
    }
    child_pid = 0;
    /* Kill leftovers of the group (a runtime's detached helpers), so runs do not overlap. */
    kill(-pid, SIGKILL);

    int exec_errno = 0;
    ssize_t got = read(exec_pipe[0], &exec_errno, sizeof exec_errno);
    close(exec_pipe[0]);

    printf("{\"run\":%ld", run);
    if (got == (ssize_t)sizeof exec_errno) {
      printf(",\"error\":\"cannot start the program\",\"program\":");
      json_str(cmd[0]);
      printf(",\"errno\":");
      json_str(strerror(exec_errno));
      printf("}\n");
      fflush(stdout);
      return 4;
    }
    printf(",\"wall_ns\":%llu,\"user_us\":%lld,\"sys_us\":%lld,\"maxrss_kb\":%ld",
           (unsigned long long)(t1 - t0),
           (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss);
    if (WIFEXITED(status)) printf(",\"exit_code\":%d,\"signal\":null", WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf(",\"exit_code\":null,\"signal\":%d", WTERMSIG(status));
    printf(",\"timed_out\":%s,\"stopped\":%s", timed_out ? "true" : "false",
           stop_requested ? "true" : "false");
    if (use_perf) {
      if (counter_error) {
        printf(",\"counters\":null,\"counter_error\":");
        json_str(counter_error);
      } else {
        printf(",\"counters\":{");
        for (size_t k = 0; k < NCOUNTERS; k++) {
          uint64_t v[3] = {0, 0, 0};
          if (read(fds[k], v, sizeof v) != (ssize_t)sizeof v) v[0] = 0;
          /* Scale for multiplexing (value * enabled / running), the way perf stat does. */
          double scaled = v[2] ? (double)v[0] * ((double)v[1] / (double)v[2]) : 0;
          printf("%s\"%s\":%.0f", k ? "," : "", COUNTERS[k].name, scaled);
        }
        printf("}");
      }
      for (size_t k = 0; k < NCOUNTERS; k++) if (fds[k] >= 0) close(fds[k]);
    }
    printf("}\n");
    fflush(stdout);
  }
  return stop_requested ? 130 : 0;
}
