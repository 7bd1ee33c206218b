/*
 * wasmlab driver for eSpeak: runs the stock `speak` program (speak.cpp, its main() renamed to
 * wl_app_main by -Dmain=wl_app_main in bench.json) on the generated text.txt, writing
 * speech.wav with the default English voice at 300 words/minute, inside the timed region (this includes loading
 * espeak-data, which bench.json copies into the run folder). Prints the WAV's size and hash.
 */
#undef main /* bench.json renames every main; ours is the real entry */
#include "wasmlab.h"

int wl_app_main(int argc, char **argv);

int main(void) {
  /* -s 300 words per minute (default 175): less audio per word, so more text per second */
  char a0[] = "speak", a1[] = "--path=.", a2[] = "-s", a3[] = "300", a4[] = "-w", a5[] = "speech.wav",
       a6[] = "-f", a7[] = "text.txt";
  char *argv[] = {a0, a1, a2, a3, a4, a5, a6, a7, NULL};
  remove("speech.wav");
  wl_kernel_begin();
  int rc = wl_app_main(8, argv);
  wl_kernel_end();
  if (rc != 0) return rc;

  FILE *f = fopen("speech.wav", "rb");
  if (!f) { fprintf(stderr, "speech.wav missing\n"); return 1; }
  uint64_t h = WL_FNV_INIT;
  size_t total = 0, n;
  unsigned char buf[65536];
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) { h = wl_fnv1a(h, buf, n); total += n; }
  fclose(f);
  printf("speech.wav: %zu %016llx\n", total, (unsigned long long)h);
  return 0;
}
