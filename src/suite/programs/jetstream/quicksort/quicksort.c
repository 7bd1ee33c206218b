/* quicksort: sorts pseudo-random int arrays with a hand-written quicksort (median-of-three
 * pivot, Hoare partition, insertion sort for short ranges, recursion on the smaller side) and
 * checks the result is sorted (JetStream2 quicksort, written here). Arguments: array length,
 * rounds (each round refills the array with new numbers). */
#include "wasmlab.h"

static void insertion(int32_t *a, long n) {
  for (long i = 1; i < n; i++) {
    int32_t v = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}
static inline void swap(int32_t *a, int32_t *b) { int32_t t = *a; *a = *b; *b = t; }

static void quicksort(int32_t *a, long n) {
  while (n > 16) {
    long m = n / 2;
    if (a[m] < a[0]) swap(&a[m], &a[0]);
    if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
    if (a[n - 1] < a[m]) swap(&a[n - 1], &a[m]);
    int32_t pivot = a[m];
    long i = -1, j = n;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap(&a[i], &a[j]);
    }
    /* a[0..j] <= pivot <= a[j+1..n): recurse on the smaller part, loop on the larger */
    long left = j + 1;
    if (left < n - left) { quicksort(a, left); a += left; n -= left; }
    else { quicksort(a + left, n - left); n = left; }
  }
  insertion(a, n);
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 100000), rounds = wl_arg_long(argc, argv, 2, 1);
  int32_t *a = malloc(sizeof *a * (size_t)n);
  if (!a) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(77);
  uint64_t fold = WL_FNV_INIT;
  long unsorted = 0;
  wl_kernel_begin();
  for (long r = 0; r < rounds; r++) {
    /* values from a range smaller than n in odd rounds, so duplicates get exercised too */
    uint32_t range = (r & 1) ? (uint32_t)(n / 4 + 1) : 0;
    for (long i = 0; i < n; i++) a[i] = range ? (int32_t)(wl_rand_u32() % range) : (int32_t)wl_rand_u32();
    quicksort(a, n);
    for (long i = 1; i < n; i++) unsorted += a[i - 1] > a[i];
    int32_t probe[3] = { a[0], a[n / 2], a[n - 1] };
    fold = wl_fnv1a(fold, probe, sizeof probe);
  }
  wl_kernel_end();
  wl_checksum_bytes("last round", a, sizeof *a * (size_t)n);
  printf("probes: %016llx unsorted pairs: %ld\n", (unsigned long long)fold, unsorted);
  free(a);
  return unsorted != 0;
}
