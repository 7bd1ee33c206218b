/* facedetect: a small convolutional network run as a sliding-window face detector over generated
 * grey images (in the spirit of WABench's face-detection application; written here).
 * Network, for a 24×24 window: conv 5×5 ×4 (hand-made filters: two edge directions, a dark-blob
 * detector, a local mean) → ReLU → 2×2 max-pool → conv 3×3 4→8 (deterministic pseudo-random
 * weights) → ReLU → 2×2 max-pool → 4×4×8 features → fully connected 128→16 ReLU → 16→1 → sigmoid.
 * The convolutions run once over the whole image (as CNN detectors do), and every window at a
 * 4-pixel stride reads its 4×4×8 block of the final feature map. The 16 hidden units are
 * template matchers: their weights are the normalised features of 16 rendered prototype faces,
 * so the score is high on face-like windows. Each frame is an image with faces (bright
 * ellipses with dark eyes and mouth) on a textured background, searched at two scales (full and
 * half). Arguments: width, height, frames. Floats use only +, −, ×, ÷, sqrt and det_exp, so
 * results are identical everywhere. */
#include "wasmlab.h"
#include "detexp.h"

#define WIN 24
#define NF1 4
#define NF2 8
#define NH 16

static float k1[NF1][5][5], b1[NF1], k2[NF2][NF1][3][3], b2[NF2], wf[NH][4][4][NF2], bf[NH], wo[NH], bo;

/* one face of size s at (cx, cy); intensity added onto img */
static void draw_face(float *img, int w, int h, float cx, float cy, float s, float tone) {
  int x0 = (int)(cx - s), x1 = (int)(cx + s), y0 = (int)(cy - s), y1 = (int)(cy + s);
  for (int y = y0 < 0 ? 0 : y0; y <= y1 && y < h; y++)
    for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < w; x++) {
      float u = (x - cx) / (0.42f * s), v = (y - cy) / (0.5f * s);
      if (u * u + v * v > 1) continue;
      float val = tone;
      float eu = (u < 0 ? u + 0.4f : u - 0.4f), ev = v + 0.25f; /* eyes */
      if (eu * eu * 16 + ev * ev * 36 < 1) val = 0.1f;
      float mv = v - 0.45f; /* mouth */
      if (u > -0.4f && u < 0.4f && mv * mv * 100 < 1) val = 0.15f;
      img[y * w + x] = val;
    }
}
static void make_frame(float *img, int w, int h, int nfaces) {
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) /* gradient, blocky texture, noise */
      img[y * w + x] = 0.3f + 0.2f * (float)x / (float)w + 0.1f * (float)(((x >> 3) ^ (y >> 3)) & 1) +
                       0.1f * (float)wl_rand_f64();
  for (int f = 0; f < nfaces; f++) {
    float s = 10.0f + 16.0f * (float)wl_rand_f64(); /* faces of 20..52 pixels: found at one of two scales */
    draw_face(img, w, h, s + (float)wl_rand_f64() * (float)(w - 2 * s), s + (float)wl_rand_f64() * (float)(h - 2 * s),
              s, 0.7f + 0.25f * (float)wl_rand_f64());
  }
}

/* conv(5×5, valid) + ReLU + pool(2) then conv(3×3, valid) + ReLU + pool(2); feat is fw×fh×NF2 */
static void features(const float *img, int w, int h, float *tmp1, float *tmp2, float *feat, int *fw, int *fh) {
  int w1 = (w - 4) / 2, h1 = (h - 4) / 2; /* pooled conv1 size */
  for (int f = 0; f < NF1; f++)
    for (int y = 0; y < h1; y++)
      for (int x = 0; x < w1; x++) {
        float best = 0; /* ReLU then max == max of (0, conv values) */
        for (int dy = 0; dy < 2; dy++)
          for (int dx = 0; dx < 2; dx++) {
            const float *p = img + (size_t)(2 * y + dy) * w + 2 * x + dx;
            float s = b1[f];
            for (int i = 0; i < 5; i++)
              for (int j = 0; j < 5; j++) s += k1[f][i][j] * p[i * w + j];
            if (s > best) best = s;
          }
        tmp1[((size_t)f * h1 + y) * w1 + x] = best;
      }
  int w2 = w1 - 2, h2 = h1 - 2;
  for (int g = 0; g < NF2; g++)
    for (int y = 0; y < h2; y++)
      for (int x = 0; x < w2; x++) {
        float s = b2[g];
        for (int f = 0; f < NF1; f++) {
          const float *p = tmp1 + ((size_t)f * h1 + y) * w1 + x;
          for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) s += k2[g][f][i][j] * p[i * w1 + j];
        }
        tmp2[((size_t)g * h2 + y) * w2 + x] = s > 0 ? s : 0;
      }
  *fw = w2 / 2; *fh = h2 / 2;
  for (int y = 0; y < *fh; y++)
    for (int x = 0; x < *fw; x++)
      for (int g = 0; g < NF2; g++) {
        const float *p = tmp2 + ((size_t)g * h2 + 2 * y) * w2 + 2 * x;
        float m = p[0];
        if (p[1] > m) m = p[1];
        if (p[w2] > m) m = p[w2];
        if (p[w2 + 1] > m) m = p[w2 + 1];
        feat[((size_t)y * *fw + x) * NF2 + g] = m;
      }
}
static float window_score(const float *feat, int fw, int x, int y) {
  float out = bo;
  for (int k = 0; k < NH; k++) {
    float s = bf[k];
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < 4; j++) {
        const float *p = feat + ((size_t)(y + i) * fw + x + j) * NF2;
        for (int g = 0; g < NF2; g++) s += wf[k][i][j][g] * p[g];
      }
    if (s > 0) out += wo[k] * s;
  }
  return (float)(1.0 / (1.0 + det_exp(-(double)out)));
}

static void init_network(void) {
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++) {
      int di = i - 2, dj = j - 2;
      k1[0][i][j] = (float)dj / 10; /* vertical edges */
      k1[1][i][j] = (float)di / 10; /* horizontal edges */
      k1[2][i][j] = (di * di + dj * dj <= 2) ? -1.0f / 9 : 9.0f / 16 / 16; /* dark centre, bright ring */
      k1[3][i][j] = 1.0f / 25; /* local mean */
    }
  b1[0] = b1[1] = 0; b1[2] = -0.02f; b1[3] = -0.4f;
  wl_rand_seed(31337);
  for (int g = 0; g < NF2; g++) {
    b2[g] = -0.01f;
    for (int f = 0; f < NF1; f++)
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) k2[g][f][i][j] = (float)(wl_rand_f64() - 0.3) * 0.5f;
  }
  /* prototypes: faces of size 10..12 centred in a 24×24 window, features normalised */
  float img[WIN * WIN], t1[NF1 * 10 * 10], t2[NF2 * 8 * 8], feat[4 * 4 * NF2];
  for (int k = 0; k < NH; k++) {
    for (int i = 0; i < WIN * WIN; i++) img[i] = 0.35f + 0.1f * (float)wl_rand_f64();
    draw_face(img, WIN, WIN, 11.5f + (float)(k % 3 - 1) * 0.5f, 11.5f + (float)(k / 3 % 3 - 1) * 0.5f,
              10.0f + (float)(k % 4) * 0.6f, 0.7f + 0.05f * (float)(k % 5));
    int fw, fh;
    features(img, WIN, WIN, t1, t2, feat, &fw, &fh);
    double norm = 0;
    for (int i = 0; i < 4 * 4 * NF2; i++) norm += (double)feat[i] * feat[i];
    norm = sqrt(norm) + 1e-6;
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < 4; j++)
        for (int g = 0; g < NF2; g++) wf[k][i][j][g] = (float)(feat[(i * 4 + j) * NF2 + g] / norm);
    bf[k] = (float)(-0.85 * norm); /* fires when the window's features align with the prototype */
    wo[k] = 4.0f / (float)norm;
  }
  bo = -2.0f;
}

int main(int argc, char **argv) {
  int w = (int)wl_arg_long(argc, argv, 1, 160), h = (int)wl_arg_long(argc, argv, 2, 120);
  long frames = wl_arg_long(argc, argv, 3, 1);
  if (w < 2 * WIN + 8 || h < 2 * WIN + 8) { fprintf(stderr, "image too small\n"); return 2; }
  init_network();
  size_t npix = (size_t)w * h;
  float *img = malloc(sizeof(float) * npix), *half = malloc(sizeof(float) * npix / 4 + 16),
        *t1 = malloc(sizeof(float) * npix), *t2 = malloc(sizeof(float) * npix * 2), *feat = malloc(sizeof(float) * npix);
  if (!img || !half || !t1 || !t2 || !feat) { fprintf(stderr, "out of memory\n"); return 1; }
  long detections = 0, windows = 0;
  double scoresum = 0;
  uint64_t where = WL_FNV_INIT;
  wl_rand_seed(4242);
  wl_kernel_begin();
  for (long fr = 0; fr < frames; fr++) {
    make_frame(img, w, h, 2 + (int)(fr % 4));
    for (int scale = 0; scale < 2; scale++) {
      const float *src = img;
      int sw = w, sh = h;
      if (scale) { /* half size: 2×2 box filter */
        sw = w / 2; sh = h / 2;
        for (int y = 0; y < sh; y++)
          for (int x = 0; x < sw; x++)
            half[y * sw + x] = 0.25f * (img[2 * y * w + 2 * x] + img[2 * y * w + 2 * x + 1] +
                                        img[(2 * y + 1) * w + 2 * x] + img[(2 * y + 1) * w + 2 * x + 1]);
        src = half;
      }
      int fw, fh;
      features(src, sw, sh, t1, t2, feat, &fw, &fh);
      for (int y = 0; y + 4 <= fh; y++)
        for (int x = 0; x + 4 <= fw; x++) {
          float s = window_score(feat, fw, x, y);
          windows++;
          scoresum += s;
          if (s > 0.5f) {
            int pos[4] = { (int)fr, scale, x * 4 << scale, y * 4 << scale };
            detections++;
            where = wl_fnv1a(where, pos, sizeof pos);
          }
        }
    }
  }
  wl_kernel_end();
  printf("frames %ld, windows %ld, detections %ld, positions %016llx, mean score %.5e\n", frames, windows, detections,
         (unsigned long long)where, wl_round(scoresum / (double)windows));
  free(img); free(half); free(t1); free(t2); free(feat);
  return 0;
}
