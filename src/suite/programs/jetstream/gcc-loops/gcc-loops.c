/* gcc-loops: a collection of small loops of the kinds the GCC auto-vectorizer examples cover
 * (contiguous arithmetic, splats, pointer loops, misaligned and offset accesses, conditionals,
 * reductions, strided complex arithmetic, widening, induction, 2-D loops), run over fixed-size
 * int/short/float arrays (JetStream2 gcc-loops, written here). Argument: iterations of the whole
 * set. Floating point uses only +, ×, comparisons and in-order reductions, so results are exact
 * and identical everywhere. Every loop is noinline so each is timed as written. */
#include "wasmlab.h"

#define N 1024
#define M 32
#define NOINLINE __attribute__((noinline))

static int ia[N + 8], ib[N + 8], ic[N + 8], id[N + 8];
static short sa[N], sb[N], sc[N];
static unsigned short ua[N], ub[N], uc[N];
static float fa[N], fb[N], fc[N], fd[N];
static unsigned int uia[N];
static int G[M][N / M], H[M][N / M], out2[M];

NOINLINE static void add_arrays(int n) { for (int i = 0; i < n; i++) ia[i] = ib[i] + ic[i]; }
NOINLINE static void splat(int n, int x) { for (int i = 0; i < n; i++) id[i] = x; }
NOINLINE static void pointer_and(int n, int *restrict a, const int *restrict b, const int *restrict c) {
  while (n--) *a++ = *b++ & *c++;
}
NOINLINE static void pointer_copy(int n, int *restrict p, const int *restrict q) { for (int i = 0; i < n; i++) p[i] = q[i]; }
NOINLINE static void add_const(int n) { for (int i = 0; i < n; i++) ia[i] = ib[i] + 5; }
NOINLINE static void misaligned(int n) { for (int i = 0; i < n; i++) ia[i] = ib[i + 1] + ic[i + 3]; }
NOINLINE static void cond_clamp(int n, int max) { for (int i = 0; i < n; i++) ia[i] = ib[i] > max ? max : 0; }
NOINLINE static void offset_copy(int n, int x) { for (int i = 0; i < n; i++) ia[i] = ib[i + x]; }
NOINLINE static void fill_2d(int x) { for (int i = 0; i < M; i++) for (int j = 0; j < N / M; j++) G[i][j] = x + i - j; }
NOINLINE static unsigned udiff_sum(int n) {
  unsigned s = 0;
  for (int i = 0; i < n; i++) s += (unsigned)ub[i] - (unsigned)uc[i];
  return s;
}
NOINLINE static void short_int_mix(int n) {
  for (int i = 0; i < n; i++) { sa[i] = (short)(sb[i] + sc[i]); ia[i] = ib[i] + ic[i]; ua[i] = (unsigned short)(ub[i] + uc[i]); }
}
NOINLINE static void widen(int n) { for (int i = 0; i < n; i++) ia[i] = (int)sb[i]; }
NOINLINE static void strided_complex(int n) {
  for (int i = 0; i < n / 2; i++) {
    ia[i] = ib[2 * i + 1] * ic[2 * i + 1] - ib[2 * i] * ic[2 * i];
    id[i] = ib[2 * i] * ic[2 * i + 1] + ib[2 * i + 1] * ic[2 * i];
  }
}
NOINLINE static void induction(int n) { for (int i = 0; i < n; i++) ia[i] = i; }
NOINLINE static void diff_rows(void) {
  for (int i = 0; i < M; i++) {
    int s = 0;
    for (int j = 0; j < N / M; j++) s += G[i][j] - H[i][j];
    out2[i] = s;
  }
}
NOINLINE static void column_acc(void) {
  for (int j = 0; j < N / M; j++) {
    int s = 0;
    for (int i = 0; i < M; i++) s += G[i][j] * H[i][j];
    id[j] = s;
  }
}
NOINLINE static int reverse_sum(int n) { int s = 0; for (int i = n - 1; i >= 0; i--) s += ib[i]; return s; }
NOINLINE static void widen_shift(int n) { for (int i = 0; i < n; i++) uia[i] = (unsigned)ua[i] << 7; }
NOINLINE static void float_select(int n, int x, int y) { for (int i = 0; i < n; i++) ic[i] = fa[i] < fb[i] ? x : y; }
NOINLINE static void float_and(int n) { for (int i = 0; i < n; i++) id[i] = (fa[i] < fb[i]) & (fc[i] < fd[i]); }
NOINLINE static void saxpy(int n, float a) { for (int i = 0; i < n; i++) fa[i] = a * fb[i] + fc[i]; }
NOINLINE static float dot(int n) { float s = 0; for (int i = 0; i < n; i++) s += fa[i] * fd[i]; return s; }

int main(int argc, char **argv) {
  long iters = wl_arg_long(argc, argv, 1, 100);
  wl_rand_seed(99);
  for (int i = 0; i < N + 8; i++) { ib[i] = (int)(wl_rand_u32() % 2001) - 1000; ic[i] = (int)(wl_rand_u32() % 2001) - 1000; }
  for (int i = 0; i < N; i++) {
    sb[i] = (short)(wl_rand_u32() % 20001 - 10000); sc[i] = (short)(wl_rand_u32() % 20001 - 10000);
    ub[i] = (unsigned short)wl_rand_u32(); uc[i] = (unsigned short)wl_rand_u32();
    fb[i] = (float)(wl_rand_u32() % 1000) / 64.0f; fc[i] = (float)(wl_rand_u32() % 1000) / 128.0f;
    fd[i] = (float)(wl_rand_u32() % 1000) / 256.0f;
  }
  for (int i = 0; i < M; i++) for (int j = 0; j < N / M; j++) H[i][j] = (i * 7 + j * 3) % 11 - 5;
  uint64_t acc = 0;
  double facc = 0;
  wl_kernel_begin();
  for (long it = 0; it < iters; it++) {
    int k = (int)(it & 7);
    add_arrays(N); acc += (unsigned)ia[k];
    splat(N, k); acc += (unsigned)id[N - 1 - k];
    pointer_and(N, ia, ib, ic); acc += (unsigned)ia[k];
    pointer_copy(N, id, ib); acc += (unsigned)id[k];
    add_const(N); acc += (unsigned)ia[k];
    misaligned(N); acc += (unsigned)ia[k];
    cond_clamp(N, 100 + k); acc += (unsigned)ia[k];
    offset_copy(N, k); acc += (unsigned)ia[k];
    fill_2d(k); acc += (unsigned)G[k][k];
    acc += udiff_sum(N);
    short_int_mix(N); acc += (unsigned)sa[k] + ua[k];
    widen(N); acc += (unsigned)ia[k];
    strided_complex(N); acc += (unsigned)ia[k] + (unsigned)id[k];
    induction(N); acc += (unsigned)ia[N - 1 - k];
    diff_rows(); acc += (unsigned)out2[k];
    column_acc(); acc += (unsigned)id[k];
    acc += (unsigned)reverse_sum(N);
    widen_shift(N); acc += uia[k];
    saxpy(N, 0.5f + (float)k / 8.0f); facc += fa[k];
    float_select(N, k, -k); acc += (unsigned)ic[k];
    float_and(N); acc += (unsigned)id[k];
    facc += dot(N);
    /* perturb an input so no iteration repeats the previous one exactly */
    ib[it % N] += 1; fc[it % N] += 1.0f;
  }
  wl_kernel_end();
  printf("acc: %016llx\n", (unsigned long long)acc);
  /* floats printed rounded: exact today, but robust if someone builds with FMA contraction */
  double fsum = 0;
  for (int i = 0; i < N; i++) fsum += fa[i];
  printf("facc: %.5e fa: %.5e\n", wl_round(facc), wl_round(fsum));
  uint64_t h = WL_FNV_INIT;
  h = wl_fnv1a(h, ia, sizeof ia); h = wl_fnv1a(h, id, sizeof id); h = wl_fnv1a(h, sa, sizeof sa);
  h = wl_fnv1a(h, ua, sizeof ua); h = wl_fnv1a(h, uia, sizeof uia);
  h = wl_fnv1a(h, G, sizeof G); h = wl_fnv1a(h, out2, sizeof out2);
  printf("arrays: %016llx\n", (unsigned long long)h);
  return 0;
}
