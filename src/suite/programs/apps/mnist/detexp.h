/* detexp.h — exp() from +, ×, ÷ only: range reduction x = k·ln2 + r, a degree-12 Taylor
 * polynomial for e^r, then the exponent bits set directly. libm's exp differs in the last bit
 * between glibc and wasi-libc; a network trained through thousands of steps would amplify that,
 * so the apps use this one and get bit-identical results on every platform and -O level.
 * Relative error ~1e-16 for |x| < 700. Shared by apps/mnist and apps/facedetect. */
#ifndef DETEXP_H
#define DETEXP_H
#include <stdint.h>
#include <string.h>

static inline double det_exp(double x) {
  if (x > 700.0) x = 700.0;
  if (x < -700.0) return 0.0;
  const double ln2 = 0.6931471805599453094;
  double kf = x / ln2;
  int k = (int)(kf < 0 ? kf - 0.5 : kf + 0.5);
  double r = x - k * ln2;
  double t = 1.0;
  for (int i = 12; i >= 1; i--) t = 1.0 + t * r / i;
  uint64_t bits = (uint64_t)(k + 1023) << 52;
  double scale;
  memcpy(&scale, &bits, 8);
  return t * scale;
}
#endif
