// wasmlab: eSpeak draws noise samples (breath, frication) from rand(). glibc's and wasi-libc's
// rand() are different generators, so the two targets would write different WAV files; our
// patch makes klatt.cpp and wavegen.cpp call this instead, the same generator everywhere.
// A 64-bit LCG (Knuth's MMIX constants), top 31 bits: rand()'s range.
#include <stdint.h>

static uint64_t wasmlab_rand_state = 1;

extern "C" int wasmlab_rand(void) {
  wasmlab_rand_state = wasmlab_rand_state * 6364136223846793005ull + 1442695040888963407ull;
  return (int)(wasmlab_rand_state >> 33);
}
