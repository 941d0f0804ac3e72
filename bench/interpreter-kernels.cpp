//===- interpreter-kernels.cpp - speed of the interpreter's kernels -------===//
//
// Part of mil-mlir. Times the kernels of lib/Interpreter/Kernels on the
// layers of a 224x224 ResNet-18 (every convolution with its bias, the max
// pool, the classifier), a MobileNet-style depthwise layer and a
// BERT-base-sized transformer layer's matmuls and softmax, batch 1.
//
//   mil-bench-interpreter-kernels [THREADS]   (default: every core)
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <time.h>

using namespace mil::kernels;

namespace {
std::vector<float> randomValues(int64_t n) {
  static std::mt19937 rng(0);
  std::normal_distribution<float> normal;
  std::vector<float> v(n);
  for (float &x : v)
    x = normal(rng);
  return v;
}

/// Median wall time and median process CPU time (all threads) of fn, in
/// ms. On a shared machine the CPU time of a 1-thread run is the stable
/// measure of the work; wall time shows the threading.
struct Timing {
  double wall, cpu;
};

double cpuNowMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

Timing medianMs(const std::function<void()> &fn, int reps) {
  fn();
  std::vector<double> wall, cpu;
  for (int i = 0; i < reps; ++i) {
    double c0 = cpuNowMs();
    auto t0 = std::chrono::steady_clock::now();
    fn();
    wall.push_back(std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - t0)
                       .count());
    cpu.push_back(cpuNowMs() - c0);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

struct ConvLayer {
  int64_t cIn, cOut, size, k, stride, pad;
};
} // namespace

int main(int argc, char **argv) {
  if (argc > 1)
    setNumThreads(std::atoi(argv[1]));
  std::printf("threads %d\n", getNumThreads());

  // ResNet-18: stem, 4 stages of 2 basic blocks, 1x1 downsamples.
  std::vector<ConvLayer> layers = {{3, 64, 224, 7, 2, 3}};
  int64_t c = 64, s = 56;
  for (int stage = 0; stage < 4; ++stage) {
    int64_t cOut = 64 << stage;
    for (int block = 0; block < 2; ++block) {
      int64_t stride = stage > 0 && block == 0 ? 2 : 1;
      layers.push_back({c, cOut, s, 3, stride, 1});
      if (stride == 2)
        layers.push_back({c, cOut, s, 1, 2, 0});
      s /= stride;
      layers.push_back({cOut, cOut, s, 3, 1, 1});
      c = cOut;
    }
  }
  struct Prepared {
    Shape xs, ws, os;
    ConvParams p;
    std::vector<float> x, w, b, out;
  };
  std::vector<Prepared> convs;
  for (const ConvLayer &l : layers) {
    Prepared p;
    p.xs = {1, l.cIn, l.size, l.size};
    p.ws = {l.cOut, l.cIn, l.k, l.k};
    p.p = {{l.stride, l.stride}, {1, 1}, {l.pad, l.pad}, {l.pad, l.pad}, 1};
    std::string err;
    convShape(p.xs, p.ws, p.p, p.os, err);
    p.x = randomValues(numElements(p.xs));
    p.w = randomValues(numElements(p.ws));
    p.b = randomValues(l.cOut);
    p.out.resize(numElements(p.os));
    convs.push_back(std::move(p));
  }
  Timing convMs = medianMs(
      [&] {
        for (Prepared &p : convs)
          conv(p.x.data(), p.xs, p.w.data(), p.ws, p.b.data(), p.p,
               p.out.data(), p.os);
      },
      10);
  std::vector<float> pin = randomValues(64 * 112 * 112), pout(64 * 56 * 56);
  PoolParams pp{{3, 3}, {2, 2}, {1, 1}, {1, 1}, false};
  Timing poolMs = medianMs(
      [&] {
        maxPool(pin.data(), {1, 64, 112, 112}, pp, pout.data(),
                {1, 64, 56, 56});
      },
      10);
  std::vector<float> fx = randomValues(512), fw = randomValues(1000 * 512),
                     fb = randomValues(1000), fo(1000);
  Timing fcMs = medianMs(
      [&] { linear(fx.data(), 1, 512, fw.data(), 1000, fb.data(), fo.data()); },
      20);
  std::printf("%-44s %10s %10s\n", "ms (median)", "wall", "cpu");
  auto row = [](const char *name, Timing t) {
    std::printf("%-44s %10.3f %10.3f\n", name, t.wall, t.cpu);
  };
  row("resnet-18 224x224: 20 convs", convMs);
  row("resnet-18 224x224: max pool", poolMs);
  row("resnet-18 224x224: fc", fcMs);
  row("resnet-18 224x224: total", {convMs.wall + poolMs.wall + fcMs.wall,
                                   convMs.cpu + poolMs.cpu + fcMs.cpu});

  // MobileNet-style depthwise 3x3 on 96 channels at 56x56.
  Shape dxs{1, 96, 56, 56}, dws{96, 1, 3, 3}, dos{1, 96, 56, 56};
  std::vector<float> dx = randomValues(numElements(dxs)),
                     dw = randomValues(numElements(dws)),
                     dout(numElements(dos));
  ConvParams dp{{1, 1}, {1, 1}, {1, 1}, {1, 1}, 96};
  Timing dwMs = medianMs(
      [&] {
        conv(dx.data(), dxs, dw.data(), dws, nullptr, dp, dout.data(), dos);
      },
      20);
  row("depthwise 3x3 96x56x56", dwMs);

  // Transformer layer, sequence 128, d 768, 12 heads.
  std::vector<float> tx = randomValues(128 * 768),
                     wqkv = randomValues(2304 * 768), qkv(128 * 2304),
                     q = randomValues(12 * 128 * 64),
                     k = randomValues(12 * 128 * 64), att(12 * 128 * 128),
                     ctx(12 * 128 * 64), w1 = randomValues(3072 * 768),
                     f1(128 * 3072);
  Timing tMs = medianMs(
      [&] {
        linear(tx.data(), 128, 768, wqkv.data(), 2304, nullptr, qkv.data());
        matmul(q.data(), {1, 12, 128, 64}, false, k.data(), {1, 12, 128, 64},
               true, att.data());
        softmax(att.data(), {1, 12, 128, 128}, 3, att.data());
        matmul(att.data(), {1, 12, 128, 128}, false, k.data(), {1, 12, 128, 64},
               false, ctx.data());
        linear(tx.data(), 128, 768, w1.data(), 3072, nullptr, f1.data());
      },
      10);
  row("transformer 128x768 (qkv, attention, ffn1)", tMs);
  return 0;
}
