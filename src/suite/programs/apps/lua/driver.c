/*
 * wasmlab driver for Lua: runs the stock lua.c interpreter (its main() renamed to wl_app_main
 * by -Dmain=wl_app_main in bench.json) on bench.lua with the size argument as the round count,
 * so the timed region covers interpreter start-up, parsing and the whole script.
 */
#undef main /* bench.json renames every main; ours is the real entry */
#include "wasmlab.h"

int wl_app_main(int argc, char **argv);

int main(int argc, char **argv) {
  char rounds[24];
  snprintf(rounds, sizeof rounds, "%ld", wl_arg_long(argc, argv, 1, 1));
  char *lua_argv[] = {"lua", "bench.lua", rounds, NULL};
  wl_kernel_begin();
  int rc = wl_app_main(3, lua_argv);
  fflush(stdout);
  wl_kernel_end();
  return rc;
}
