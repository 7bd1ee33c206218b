/* basicmath: cubic equations solved in closed form (trigonometric / Cardano), integer square
 * roots bit by bit, and degree/radian conversions (MiBench automotive/basicmath, written here).
 * Argument: n; n cubics, 4n integer square roots, n angle conversions. Uses libm (acos, cos,
 * cbrt, sqrt) on purpose; sums are printed rounded (wl_round) so libm's last-bit differences
 * between platforms do not matter. Whether a cubic has one or three real roots depends only on
 * +,−,×,÷, which are exact IEEE operations everywhere, so the root counts match exactly. */
#include "wasmlab.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* a·x³ + b·x² + c·x + d = 0; returns the number of real roots written to x */
static int solve_cubic(double a, double b, double c, double d, double x[3]) {
  double a1 = b / a, a2 = c / a, a3 = d / a;
  double q = (a1 * a1 - 3.0 * a2) / 9.0;
  double r = (2.0 * a1 * a1 * a1 - 9.0 * a1 * a2 + 27.0 * a3) / 54.0;
  double q3 = q * q * q;
  if (r * r < q3) {
    double theta = acos(r / sqrt(q3)), sq = -2.0 * sqrt(q);
    x[0] = sq * cos(theta / 3.0) - a1 / 3.0;
    x[1] = sq * cos((theta + 2.0 * M_PI) / 3.0) - a1 / 3.0;
    x[2] = sq * cos((theta + 4.0 * M_PI) / 3.0) - a1 / 3.0;
    return 3;
  }
  double e = cbrt(sqrt(r * r - q3) + fabs(r));
  if (r > 0) e = -e;
  x[0] = e + (e != 0.0 ? q / e : 0.0) - a1 / 3.0;
  return 1;
}
/* integer square root, one result bit per step */
static uint32_t isqrt(uint64_t v) {
  uint64_t root = 0, bit = 1ull << 62;
  while (bit > v) bit >>= 2;
  while (bit) {
    if (v >= root + bit) { v -= root + bit; root = (root >> 1) + bit; } else root >>= 1;
    bit >>= 2;
  }
  return (uint32_t)root;
}
static double deg2rad(double d) { return d * M_PI / 180.0; }
static double rad2deg(double r) { return r * 180.0 / M_PI; }

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 10000);
  long one = 0, three = 0;
  double rootsum = 0, rootabs = 0, angsum = 0;
  uint64_t isum = 0, ierr = 0;
  wl_rand_seed(5);
  wl_kernel_begin();
  for (long i = 0; i < n; i++) {
    double x[3];
    double a = 1.0 + 9.0 * wl_rand_f64(), b = 40.0 * wl_rand_f64() - 20.0,
           c = 40.0 * wl_rand_f64() - 20.0, d = 40.0 * wl_rand_f64() - 20.0;
    int k = solve_cubic(a, b, c, d, x);
    if (k == 1) one++; else three++;
    for (int j = 0; j < k; j++) { rootsum += x[j]; rootabs += fabs(x[j]); }
  }
  for (long i = 0; i < 4 * n; i++) {
    uint64_t v = (i & 1) ? (uint64_t)i * (uint64_t)i + (uint64_t)i : wl_rand_u64() >> 2;
    uint32_t s = isqrt(v);
    isum += s;
    ierr += (uint64_t)s * s > v || ((uint64_t)s + 1) * ((uint64_t)s + 1) <= v; /* must stay 0 */
  }
  for (long i = 0; i < n; i++) {
    double deg = (double)(i % 3600) / 10.0;
    angsum += rad2deg(deg2rad(deg)) - deg + deg2rad(deg);
  }
  wl_kernel_end();
  printf("cubics: %ld one-root, %ld three-root; root sum %.5e abs %.5e\n", one, three,
         wl_round(rootsum), wl_round(rootabs));
  printf("isqrt: sum %llu errors %llu\n", (unsigned long long)isum, (unsigned long long)ierr);
  printf("angles: %.5e\n", wl_round(angsum));
  return 0;
}
