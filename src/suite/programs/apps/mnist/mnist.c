/* mnist: a small multilayer perceptron (784 → 64 ReLU → 10 softmax) trained by stochastic
 * gradient descent on a generated, MNIST-like data set, then evaluated on a held-out set (in
 * the spirit of the MNIST benchmark of WABench's application group; written here). Each 28×28
 * "digit" is drawn from a stroke template of its class (line segments in a unit box) with a
 * random shift, scale, slant and stroke width plus pixel noise, so the classes are learnable
 * but not trivial. Arguments: training samples, epochs (test set = a quarter of the training
 * size). Floats use only +, −, ×, ÷ and det_exp, so results are identical everywhere. */
#include "wasmlab.h"
#include "detexp.h"

#define SIDE 28
#define IN (SIDE * SIDE)
#define HID 64
#define OUT 10

/* strokes per digit in a 0..1 box (x right, y down): up to 6 segments x0,y0,x1,y1 */
static const float strokes[10][6][4] = {
  { {.2f,.1f,.8f,.1f}, {.8f,.1f,.8f,.9f}, {.8f,.9f,.2f,.9f}, {.2f,.9f,.2f,.1f} },
  { {.5f,.1f,.5f,.9f}, {.3f,.25f,.5f,.1f} },
  { {.2f,.1f,.8f,.1f}, {.8f,.1f,.8f,.5f}, {.8f,.5f,.2f,.9f}, {.2f,.9f,.8f,.9f} },
  { {.2f,.1f,.8f,.1f}, {.8f,.1f,.8f,.9f}, {.3f,.5f,.8f,.5f}, {.2f,.9f,.8f,.9f} },
  { {.2f,.1f,.2f,.5f}, {.2f,.5f,.8f,.5f}, {.7f,.1f,.7f,.9f} },
  { {.8f,.1f,.2f,.1f}, {.2f,.1f,.2f,.5f}, {.2f,.5f,.8f,.5f}, {.8f,.5f,.8f,.9f}, {.8f,.9f,.2f,.9f} },
  { {.8f,.1f,.2f,.1f}, {.2f,.1f,.2f,.9f}, {.2f,.9f,.8f,.9f}, {.8f,.9f,.8f,.5f}, {.8f,.5f,.2f,.5f} },
  { {.2f,.1f,.8f,.1f}, {.8f,.1f,.4f,.9f} },
  { {.2f,.1f,.8f,.1f}, {.8f,.1f,.8f,.9f}, {.8f,.9f,.2f,.9f}, {.2f,.9f,.2f,.1f}, {.2f,.5f,.8f,.5f} },
  { {.8f,.5f,.2f,.5f}, {.2f,.5f,.2f,.1f}, {.2f,.1f,.8f,.1f}, {.8f,.1f,.8f,.9f}, {.8f,.9f,.3f,.9f} },
};

static void draw_digit(float *img, int label) {
  float sx = 16.0f + 6.0f * (float)wl_rand_f64(), sy = 18.0f + 6.0f * (float)wl_rand_f64();
  float ox = 2.0f + (float)wl_rand_f64() * (26.0f - sx), oy = 1.0f + (float)wl_rand_f64() * (26.0f - sy);
  float slant = 0.3f * ((float)wl_rand_f64() - 0.5f), width = 1.0f + 1.2f * (float)wl_rand_f64();
  float seg[6][4];
  int ns = 0;
  for (; ns < 6 && (strokes[label][ns][0] != 0 || strokes[label][ns][2] != 0); ns++)
    for (int e = 0; e < 2; e++) {
      float x = strokes[label][ns][2 * e], y = strokes[label][ns][2 * e + 1];
      seg[ns][2 * e] = ox + sx * (x + slant * (0.5f - y));
      seg[ns][2 * e + 1] = oy + sy * y;
    }
  for (int py = 0; py < SIDE; py++)
    for (int px = 0; px < SIDE; px++) {
      float best = 1e9f;
      for (int s = 0; s < ns; s++) { /* squared distance to the segment */
        float ax = seg[s][0], ay = seg[s][1], dx = seg[s][2] - ax, dy = seg[s][3] - ay;
        float t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        float ex = px - ax - t * dx, ey = py - ay - t * dy, d2 = ex * ex + ey * ey;
        if (d2 < best) best = d2;
      }
      float v = best < width * width ? 1.0f : best < (width + 1) * (width + 1) ? 0.5f : 0.0f;
      v += 0.2f * (float)wl_rand_f64() - 0.05f;
      img[py * SIDE + px] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
}

typedef struct { float w1[HID][IN], b1[HID], w2[OUT][HID], b2[OUT]; } net;

/* forward pass; returns the loss for `label` and fills the softmax in p */
static float forward(const net *n, const float *x, float *h, float *p, int label) {
  for (int j = 0; j < HID; j++) {
    float s = n->b1[j];
    for (int i = 0; i < IN; i++) s += n->w1[j][i] * x[i];
    h[j] = s > 0 ? s : 0;
  }
  float z[OUT], zmax = -1e30f;
  for (int k = 0; k < OUT; k++) {
    float s = n->b2[k];
    for (int j = 0; j < HID; j++) s += n->w2[k][j] * h[j];
    z[k] = s; if (s > zmax) zmax = s;
  }
  double sum = 0;
  for (int k = 0; k < OUT; k++) { p[k] = (float)det_exp(z[k] - zmax); sum += p[k]; }
  for (int k = 0; k < OUT; k++) p[k] = (float)(p[k] / sum);
  double pl = p[label] > 1e-30f ? p[label] : 1e-30f;
  /* -log(pl) without libm: log via atanh series on the mantissa */
  int e = 0;
  while (pl < 0.5) { pl *= 2; e--; }
  double y = (pl - 1) / (pl + 1), y2 = y * y, t = 0;
  for (int i = 15; i >= 1; i -= 2) t = t * y2 + 1.0 / i;
  return (float)-(2 * y * t + e * 0.6931471805599453);
}
static void train_step(net *n, const float *x, int label, float lr) {
  float h[HID], p[OUT], dh[HID];
  forward(n, x, h, p, label);
  for (int j = 0; j < HID; j++) dh[j] = 0;
  for (int k = 0; k < OUT; k++) {
    float g = p[k] - (k == label ? 1.0f : 0.0f);
    for (int j = 0; j < HID; j++) { dh[j] += g * n->w2[k][j]; n->w2[k][j] -= lr * g * h[j]; }
    n->b2[k] -= lr * g;
  }
  for (int j = 0; j < HID; j++) {
    if (h[j] <= 0) continue;
    float g = lr * dh[j];
    for (int i = 0; i < IN; i++) n->w1[j][i] -= g * x[i];
    n->b1[j] -= g;
  }
}

int main(int argc, char **argv) {
  long ntrain = wl_arg_long(argc, argv, 1, 1000), epochs = wl_arg_long(argc, argv, 2, 1), ntest = ntrain / 4 + 1;
  float *xs = malloc(sizeof(float) * IN * (size_t)(ntrain + ntest));
  int *ys = malloc(sizeof(int) * (size_t)(ntrain + ntest));
  static net n;
  if (!xs || !ys) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(2718);
  for (long i = 0; i < ntrain + ntest; i++) { ys[i] = (int)(wl_rand_u32() % 10); draw_digit(xs + IN * i, ys[i]); }
  for (int j = 0; j < HID; j++) for (int i = 0; i < IN; i++) n.w1[j][i] = (float)(wl_rand_f64() - 0.5) * 0.1f;
  for (int k = 0; k < OUT; k++) for (int j = 0; j < HID; j++) n.w2[k][j] = (float)(wl_rand_f64() - 0.5) * 0.5f;
  double loss = 0;
  long correct = 0;
  wl_kernel_begin();
  for (long e = 0; e < epochs; e++) {
    float lr = 0.02f / (float)(1 + e);
    for (long i = 0; i < ntrain; i++) train_step(&n, xs + IN * i, ys[i], lr);
  }
  for (long i = ntrain; i < ntrain + ntest; i++) {
    float h[HID], p[OUT];
    loss += forward(&n, xs + IN * i, h, p, ys[i]);
    int best = 0;
    for (int k = 1; k < OUT; k++) if (p[k] > p[best]) best = k;
    correct += best == ys[i];
  }
  wl_kernel_end();
  printf("train %ld x %ld epochs, test %ld: accuracy %ld/%ld, mean loss %.5e\n", ntrain, epochs, ntest, correct,
         ntest, wl_round(loss / (double)ntest));
  double w[4] = { 0, 0, 0, 0 };
  for (int j = 0; j < HID; j++) for (int i = 0; i < IN; i++) w[0] += n.w1[j][i];
  for (int j = 0; j < HID; j++) w[1] += n.b1[j];
  for (int k = 0; k < OUT; k++) { w[3] += n.b2[k]; for (int j = 0; j < HID; j++) w[2] += n.w2[k][j]; }
  wl_checksum_f64("weights", w, 4);
  free(xs); free(ys);
  return 0;
}
