/*
 * wasmlab driver for GNU Chess: runs the GNU Chess 6 search engine (src/engine, Fruit-based,
 * a UCI engine) alone on the main thread. Upstream runs it in a thread behind pipes from the
 * frontend and adapter threads, which WASI cannot have; here its pipe ends are files instead:
 * the driver reads FEN positions from stdin, writes a UCI script (a fixed-depth search of
 * each position, depth = the size argument) to commands.uci for the engine's input, and
 * collects the engine's replies in engine.out. The engine ends the program at the end of its
 * input (exit), so the timed region closes in an atexit handler, which then prints the
 * time-independent part of the replies: the principal-variation lines (without their "time"
 * field) and the best moves.
 */
#include <fcntl.h>
#include <unistd.h>

#include "wasmlab.h"
#include "engine/posix.h"

namespace engine {
int main_engine(int argc, char *argv[]);
extern FILE *pipefd_e2a_1_stream;
}

/* The engine's pipe ends (declared in components.h; upstream's components.cc owns them). */
int pipefd_a2e[2] = {-1, -1};
int pipefd_e2a[2] = {-1, -1};

/* Replacements for engine/posix.cpp. input_available() is false, so the engine never reads a
 * command in the middle of a search (upstream polls its pipe with select(); on a file that
 * would take the next position while still searching) and searches run strictly in order. */
namespace engine {
bool input_available() { return false; }
double now_real() { return (double)wl_now_ns() * 1e-9; }
double now_cpu() { return now_real(); } /* only shown in "info" lines, which we drop */
}

/* Print line without its " time <n>" field. */
static void print_without_time(const char *line) {
  const char *t = strstr(line, " time ");
  if (!t) { puts(line); return; }
  const char *rest = t + 6;
  while (*rest >= '0' && *rest <= '9') rest++;
  printf("%.*s%s\n", (int)(t - line), line, rest);
}

static void finish(void) {
  wl_kernel_end();
  fflush(engine::pipefd_e2a_1_stream);
  FILE *f = fopen("engine.out", "r");
  if (!f) { fprintf(stderr, "engine.out missing\n"); _exit(1); }
  char line[8192];
  int moves = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "bestmove ", 9) == 0) { puts(line); moves++; }
    else if (strncmp(line, "info depth ", 11) == 0 && strstr(line, " pv ")) print_without_time(line);
  }
  fclose(f);
  printf("searches: %d\n", moves);
  fflush(stdout);
}

int main(int argc, char **argv) {
  long depth = wl_arg_long(argc, argv, 1, 6);
  FILE *cmd = fopen("commands.uci", "w");
  if (!cmd) { perror("commands.uci"); return 1; }
  fputs("uci\nsetoption name OwnBook value false\nsetoption name Hash value 16\nisready\n", cmd);
  char fen[512];
  while (fgets(fen, sizeof fen, stdin)) {
    fen[strcspn(fen, "\r\n")] = '\0';
    if (fen[0] == '\0' || fen[0] == '#') continue;
    fprintf(cmd, "ucinewgame\nposition fen %s\ngo depth %ld\n", fen, depth);
  }
  fclose(cmd);

  pipefd_a2e[0] = open("commands.uci", O_RDONLY);
  pipefd_e2a[1] = open("engine.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (pipefd_a2e[0] < 0 || pipefd_e2a[1] < 0) { perror("open"); return 1; }
  atexit(finish);
  wl_kernel_begin();
  char name[] = "gnuchess";
  char *engine_argv[] = {name, NULL};
  engine::main_engine(1, engine_argv); /* returns only through exit() at the end of input */
  return 0;
}
