/*
 * wl-launch: run one command and report what it cost, as one JSON line per run.
 *
 * Who runs it: setup/steps/launcher.sh builds it into the cache (keyed by this file's hash) and
 * links it as wl-launch; src/measure/launch.ts starts one per sweep (--serve) and measures every
 * run through it, native and wasm alike.
 *
 * Why a native launcher: Node cannot give a child's own rusage (user/sys CPU, peak RSS), and a
 * timer in Node around a spawned child over-counts by ~1 ms of Node's own spawn work. Here the
 * clock is read right before fork() and right after wait4() returns, in a process that does
 * nothing else, the way hyperfine -N measures. wait4() gives the child's rusage, which includes
 * descendants it reaped (ru_maxrss is then the largest of them).
 *
 *   wl-launch [--cwd DIR] [--stdin F] [--stdout F] [--stderr F] [--timeout SEC] [--runs N]
 *             [--env K=V]... [--perf] [--sw] [--mem-limit BYTES] -- PROGRAM ARGS...
 *   wl-launch --serve     requests on stdin, one JSON result line each on stdout
 *
 * --serve keeps one launcher for a whole sweep: a request is the same arguments as above,
 * preceded by their count, every field NUL-terminated ("3\0--\0true\0\0"… i.e. count, then
 * fields). Starting a fresh launcher per run from Node costs milliseconds of Node work that runs
 * on the other core while the measured child runs; a resident launcher leaves Node asleep on a
 * pipe read, so consecutive runs see a machine as quiet as hyperfine's loop does.
 *
 * --perf opens hardware counters for the child with perf_event_open (enable_on_exec, inherit, so
 * only the program after exec, with its threads, is counted). The child waits on a pipe until
 * the counters exist, so none of its work escapes them. Where the kernel refuses (VMs), the
 * JSON says why in "counter_error" and the run still happens.
 *
 * --sw opens the kernel's software events the same way (page faults, major faults, context
 * switches, CPU migrations, task clock). They need no PMU, so this path runs on every machine.
 * Unlike the hardware counters they count kernel-side work too (a context switch happens in the
 * kernel), which perf_event_paranoid >= 2 refuses to a process without CAP_PERFMON: then the
 * JSON's "software" is null and "software_error" says why, naming the paranoid level.
 *
 * --mem-limit sets the child's RLIMIT_DATA (soft and hard): private writable memory — heap,
 * anonymous mappings, a wasm runtime's committed linear memory — but not the large PROT_NONE
 * reservations JIT runtimes make for guard regions, which RLIMIT_AS would count (it breaks them).
 * An allocation past the limit fails (malloc returns NULL, memory.grow returns -1).
 *
 * Without --perf or --mem-limit the child is started with posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK), no
 * copy of our page tables), the cheapest way to start a process and what hyperfine's Rust std
 * uses; with --perf we fork, because the child must wait until its counters are open (--sw needs no
 * gate: see request()).
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

/* Pause before each served request, see serve(). */
#define SETTLE_US 2000

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

/* A perf event by its RunRecord column name: the hardware counters and the software events share it. */
struct perf_event_spec { const char *name; uint32_t type; uint64_t config; };

/* The counters wasmlab reports; names match RunRecord's columns. */
static const struct perf_event_spec COUNTERS[] = {
  {"cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
  {"instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
  {"branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
  {"branch_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
  {"cache_references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES},
  {"cache_misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
};
#define NCOUNTERS (sizeof COUNTERS / sizeof COUNTERS[0])

/* Software events (no PMU needed); names match RunRecord's columns, task_clock_ns aside. */
static const struct perf_event_spec SW_COUNTERS[] = {
  {"page_faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
  {"major_faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ},
  {"context_switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
  {"cpu_migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS},
  {"task_clock_ns", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
};
#define NSW (sizeof SW_COUNTERS / sizeof SW_COUNTERS[0])

/* exclude_kernel: hardware counters count user space only (allowed at perf_event_paranoid <= 2);
 * software events must see the kernel, where faults are served and switches happen. */
static int open_counter(pid_t pid, uint32_t type, uint64_t config, int exclude_kernel) {
  struct perf_event_attr a;
  memset(&a, 0, sizeof a);
  a.size = sizeof a;
  a.type = type;
  a.config = config;
  a.disabled = 1;
  a.enable_on_exec = 1;
  a.inherit = 1;
  a.exclude_kernel = (uint64_t)exclude_kernel;
  a.exclude_hv = 1;
  /* Multiplexing scales counts; report enabled/running so scaling is visible. */
  a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  return (int)syscall(SYS_perf_event_open, &a, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

static void json_str(const char *s);

/* Why a set of counters could not be opened: errno's text, plus the paranoid level on EACCES. */
static void open_error(char *buf, size_t n, const char *name) {
  int e = errno;
  int len = snprintf(buf, n, "perf_event_open(%s): %s", name, strerror(e));
  if ((e == EACCES || e == EPERM) && len > 0 && (size_t)len < n) {
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    int level;
    if (f && fscanf(f, "%d", &level) == 1)
      snprintf(buf + len, n - (size_t)len, " (perf_event_paranoid=%d; root or CAP_PERFMON needed)", level);
    if (f) fclose(f);
  }
}

/* A counter set as JSON: "key":{..} with null for unread counters, or "key":null,"error_key":why. */
static void print_counters(const char *key, const char *error_key, const char *error, const int *fds,
                           size_t n, const char *const *names) {
  if (error) {
    printf(",\"%s\":null,\"%s\":", key, error_key);
    json_str(error);
    return;
  }
  /* A counter that could not be read is null, not 0, which would be a measured count of nothing. */
  printf(",\"%s\":{", key);
  for (size_t k = 0; k < n; k++) {
    uint64_t v[3] = {0, 0, 0};
    printf("%s\"%s\":", k ? "," : "", names[k]);
    /* Unreadable, or never ran (time running 0: the PMU had no slot for it): null. */
    if (fds[k] < 0 || read(fds[k], v, sizeof v) != (ssize_t)sizeof v || v[2] == 0) { printf("null"); continue; }
    /* Scale for multiplexing (value * enabled / running), the way perf stat does. */
    printf("%.0f", (double)v[0] * ((double)v[1] / (double)v[2]));
  }
  printf("}");
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

static const char USAGE[] = "usage: wl-launch [--cwd DIR] [--stdin F] [--stdout F] [--stderr F] "
                            "[--timeout SEC] [--runs N] [--env K=V]... [--perf] [--sw] [--mem-limit BYTES] -- PROGRAM ARGS... "
                            "| wl-launch --serve";

/* A request we cannot carry out: one JSON line saying why (the caller reads only stdout). */
static int report_error(const char *what, const char *detail, int code) {
  printf("{\"error\":");
  json_str(what);
  printf(",\"errno\":");
  json_str(detail);
  printf("}\n");
  fflush(stdout);
  return code;
}

/* The child's environment: ours with --env overrides replacing or adding variables. */
static char **child_env(char **overrides, int n) {
  size_t count = 0;
  while (environ[count]) count++;
  char **env = calloc(count + (size_t)n + 1, sizeof *env);
  size_t k = 0;
  for (size_t e = 0; e < count; e++) {
    int replaced = 0;
    for (int o = 0; o < n && !replaced; o++) {
      size_t len = strcspn(overrides[o], "=");
      replaced = !strncmp(environ[e], overrides[o], len) && environ[e][len] == '=';
    }
    if (!replaced) env[k++] = environ[e];
  }
  for (int o = 0; o < n; o++) env[k++] = overrides[o];
  env[k] = NULL;
  return env;
}

/* One request: parse its arguments, run the command `runs` times, print a JSON line per run.
 * argv[0] is not looked at (it is the program name in one-shot mode). */
static int request(int argc, char **argv) {
  const char *cwd = NULL, *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
  double timeout_s = 0;
  long runs = 1;
  unsigned long long mem_limit = 0;
  int use_perf = 0, use_sw = 0, i = 1, nenv = 0;
  char *envs[64];
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    if (!strcmp(argv[i], "--perf")) { use_perf = 1; continue; }
    if (!strcmp(argv[i], "--sw")) { use_sw = 1; continue; }
    if (i + 1 >= argc) return report_error("bad request", USAGE, 2);
    if (!strcmp(argv[i], "--cwd")) cwd = argv[++i];
    else if (!strcmp(argv[i], "--stdin")) in = argv[++i];
    else if (!strcmp(argv[i], "--stdout")) out = argv[++i];
    else if (!strcmp(argv[i], "--stderr")) err = argv[++i];
    else if (!strcmp(argv[i], "--timeout")) timeout_s = atof(argv[++i]);
    else if (!strcmp(argv[i], "--runs")) runs = atol(argv[++i]);
    else if (!strcmp(argv[i], "--mem-limit")) mem_limit = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--env") && nenv < 64 && strchr(argv[i + 1], '=')) envs[nenv++] = argv[++i];
    else return report_error("bad request", USAGE, 2);
  }
  if (i >= argc || runs < 1) return report_error("bad request", USAGE, 2);
  char **cmd = argv + i;
  char **envp = nenv ? child_env(envs, nenv) : environ;
  /* The child waits on a pipe until its hardware counters are open. */
  int gated = use_perf;

  for (long run = 0; run < runs && !stop_requested; run++) {
    timed_out = 0;
    int fin = open(in, O_RDONLY | O_CLOEXEC);
    if (fin < 0) return report_error(in, strerror(errno), 3);
    int fout = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fout < 0) { close(fin); return report_error(out, strerror(errno), 3); }
    int ferr = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (ferr < 0) { close(fin); close(fout); return report_error(err, strerror(errno), 3); }
    int exec_pipe[2], go_pipe[2] = {-1, -1};
    if (pipe2(exec_pipe, O_CLOEXEC) < 0 || (gated && pipe2(go_pipe, O_CLOEXEC) < 0)) {
      close(fin); close(fout); close(ferr);
      return report_error("pipe2", strerror(errno), 3);
    }

    /* Software events are opened on ourselves, disabled, inherited by the child and enabled by
     * its exec: we never exec, so only the program counts, and the child needs no gate (it can
     * be posix_spawned). Its counts join ours when it exits, before wait4 returns. */
    int sw_fds[NSW];
    const char *sw_error = NULL;
    char sw_error_buf[200];
    for (size_t k = 0; k < NSW; k++) sw_fds[k] = -1;
    for (size_t k = 0; use_sw && k < NSW && !sw_error; k++) {
      sw_fds[k] = open_counter(0, SW_COUNTERS[k].type, SW_COUNTERS[k].config, 0);
      if (sw_fds[k] < 0) {
        open_error(sw_error_buf, sizeof sw_error_buf, SW_COUNTERS[k].name);
        sw_error = sw_error_buf;
      }
    }

    uint64_t t0 = now_ns();
    pid_t pid;
    /* posix_spawn cannot set a limit in the child only: fork when one is asked for. */
    if (!gated && !mem_limit) {
      posix_spawn_file_actions_t fa;
      posix_spawnattr_t at;
      posix_spawn_file_actions_init(&fa);
      posix_spawn_file_actions_adddup2(&fa, fin, 0);
      posix_spawn_file_actions_adddup2(&fa, fout, 1);
      posix_spawn_file_actions_adddup2(&fa, ferr, 2);
      if (cwd) posix_spawn_file_actions_addchdir_np(&fa, cwd);
      posix_spawnattr_init(&at);
      /* No POSIX_SPAWN_SETSIGDEF: our signals have handlers, and exec resets handled signals
       * to their defaults anyway; only ignored ones would survive, and we ignore none. */
      posix_spawnattr_setpgroup(&at, 0);
      posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
      int e = posix_spawnp(&pid, cmd[0], &fa, &at, cmd, envp);
      posix_spawn_file_actions_destroy(&fa);
      posix_spawnattr_destroy(&at);
      if (e) {
        if (write(exec_pipe[1], &e, sizeof e) < 0) {}
        pid = -1;
      }
    } else {
      pid = fork();
      if (pid < 0) return report_error("fork", strerror(errno), 3);
      if (pid == 0) {
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL); signal(SIGHUP, SIG_DFL);
        signal(SIGALRM, SIG_DFL);
        char c;
        if (gated) {
          close(go_pipe[1]);
          if (read(go_pipe[0], &c, 1) != 1) _exit(126);
        }
        dup2(fin, 0); dup2(fout, 1); dup2(ferr, 2);
        int e = 0;
        if (mem_limit) {
          struct rlimit rl = {(rlim_t)mem_limit, (rlim_t)mem_limit};
          if (setrlimit(RLIMIT_DATA, &rl) < 0) e = errno;
        }
        if (!e && cwd && chdir(cwd) < 0) e = errno;
        if (!e) { execvpe(cmd[0], cmd, envp); e = errno; }
        if (write(exec_pipe[1], &e, sizeof e) < 0) {}
        _exit(127);
      }
    }
    if (pid < 0) {
      close(fin); close(fout); close(ferr); close(exec_pipe[1]);
      int e = 0;
      if (read(exec_pipe[0], &e, sizeof e) < 0) {}
      printf("{\"run\":%ld,\"error\":\"cannot start the program\",\"program\":", run);
      json_str(cmd[0]);
      printf(",\"errno\":");
      json_str(strerror(e));
      printf("}\n");
      fflush(stdout);
      close(exec_pipe[0]);
      if (envp != environ) free(envp);
      return 4;
    }
    child_pid = pid;
    setpgid(pid, pid); /* also here, so kill(-pid) works before the child ran */
    close(exec_pipe[1]);
    close(fin); close(fout); close(ferr);

    int fds[NCOUNTERS];
    const char *counter_error = NULL;
    char counter_error_buf[200];
    for (size_t k = 0; k < NCOUNTERS; k++) fds[k] = -1;
    if (use_perf) {
      for (size_t k = 0; k < NCOUNTERS; k++) {
        fds[k] = open_counter(pid, COUNTERS[k].type, COUNTERS[k].config, 1);
        if (fds[k] < 0 && !counter_error) {
          open_error(counter_error_buf, sizeof counter_error_buf, COUNTERS[k].name);
          counter_error = counter_error_buf;
        }
      }
    }
    if (gated) {
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
      if (envp != environ) free(envp);
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
      const char *names[NCOUNTERS];
      for (size_t k = 0; k < NCOUNTERS; k++) names[k] = COUNTERS[k].name;
      print_counters("counters", "counter_error", counter_error, fds, NCOUNTERS, names);
    }
    if (use_sw) {
      const char *names[NSW];
      for (size_t k = 0; k < NSW; k++) names[k] = SW_COUNTERS[k].name;
      print_counters("software", "software_error", sw_error, sw_fds, NSW, names);
    }
    for (size_t k = 0; k < NCOUNTERS; k++) if (fds[k] >= 0) close(fds[k]);
    for (size_t k = 0; k < NSW; k++) if (sw_fds[k] >= 0) close(sw_fds[k]);
    printf("}\n");
    fflush(stdout);
  }
  if (envp != environ) free(envp);
  return stop_requested ? 130 : 0;
}

/* Read one NUL-terminated field; 0 at end of input. */
static int read_field(char **buf, size_t *cap) {
  return getdelim(buf, cap, '\0', stdin) > 0;
}

static int serve(void) {
  char *field = NULL;
  size_t cap = 0;
  while (!stop_requested && read_field(&field, &cap)) {
    long n = atol(field);
    if (n < 1 || n > 100000) { report_error("bad request", "field count", 2); continue; }
    char **args = calloc((size_t)n + 2, sizeof *args);
    args[0] = "wl-launch";
    long got = 0;
    while (got < n && read_field(&field, &cap)) args[1 + got++] = strdup(field);
    /* Let Node finish what it does after sending a request (promise bookkeeping, V8's
     * background GC) before the clock starts: the two cores of a small VM may be hyperthreads
     * of one physical core, so Node's activity would slow the measured child. */
    if (got == n) { usleep(SETTLE_US); request((int)n + 1, args); }
    for (long k = 0; k < got; k++) free(args[1 + k]);
    free(args);
  }
  free(field);
  return stop_requested ? 130 : 0;
}

int main(int argc, char **argv) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART: wait4 returns EINTR and we loop */
  sigaction(SIGALRM, &sa, NULL);
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  if (argc == 2 && !strcmp(argv[1], "--serve")) return serve();
  if (argc < 2) { fprintf(stderr, "%s\n", USAGE); return 2; }
  return request(argc, argv);
}
