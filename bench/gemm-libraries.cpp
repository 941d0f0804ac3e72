//===- gemm-libraries.cpp - OpenBLAS vs oneDNN sgemm ----------------------===//
//
// Part of mil-mlir. Chooses the GEMM library of the interpreter kernels
// (lib/Interpreter/Kernels) by measured speed: the GEMMs of a 224x224
// ResNet-18 (convolutions as im2col GEMMs, M = C_out, N = H_out * W_out,
// K = C_in * k * k, batch 1) and of a BERT-base-sized transformer layer
// (sequence 128), row-major, on both libraries at the same thread count.
//
//   mil-bench-gemm [THREADS]      (default: every core)
//
// Prints the median time of each shape and the totals.
//
//===----------------------------------------------------------------------===//

#include <cblas.h>
#include <oneapi/dnnl/dnnl.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <thread>
#include <time.h>
#include <utility>
#include <vector>

namespace {
struct GemmShape {
  const char *name;
  int m, n, k;
  bool transB;
  int count; // how many times the network runs it
};

double cpuNowMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/// Median wall and process CPU time of fn in ms: on a shared machine the
/// CPU time of a 1-thread run is the stable measure of a library's work.
std::pair<double, double> medianMs(const std::function<void()> &fn) {
  fn(); // warm up
  std::vector<double> wall, cpu;
  auto start = std::chrono::steady_clock::now();
  while (wall.size() < 5 ||
         (wall.size() < 50 &&
          std::chrono::steady_clock::now() - start < std::chrono::seconds(1))) {
    double c0 = cpuNowMs();
    auto t0 = std::chrono::steady_clock::now();
    fn();
    auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(cpuNowMs() - c0);
    wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}
} // namespace

int main(int argc, char **argv) {
  int threads = argc > 1
                    ? std::atoi(argv[1])
                    : static_cast<int>(std::thread::hardware_concurrency());
  openblas_set_num_threads(threads);
  omp_set_num_threads(threads);

  const GemmShape shapes[] = {
      {"resnet conv1 7x7/2", 64, 12544, 147, false, 1},
      {"resnet layer1 3x3", 64, 3136, 576, false, 4},
      {"resnet layer2 3x3/2", 128, 784, 576, false, 1},
      {"resnet layer2 3x3", 128, 784, 1152, false, 3},
      {"resnet layer2 1x1/2", 128, 784, 64, false, 1},
      {"resnet layer3 3x3/2", 256, 196, 1152, false, 1},
      {"resnet layer3 3x3", 256, 196, 2304, false, 3},
      {"resnet layer3 1x1/2", 256, 196, 128, false, 1},
      {"resnet layer4 3x3/2", 512, 49, 2304, false, 1},
      {"resnet layer4 3x3", 512, 49, 4608, false, 3},
      {"resnet layer4 1x1/2", 512, 49, 256, false, 1},
      {"resnet fc", 1, 1000, 512, true, 1},
      {"transformer qkv 128x768x2304", 128, 2304, 768, true, 1},
      {"transformer proj 128x768x768", 128, 768, 768, true, 1},
      {"transformer ffn1 128x768x3072", 128, 3072, 768, true, 1},
      {"transformer ffn2 128x3072x768", 128, 768, 3072, true, 1},
      {"transformer q.k^T (per head)", 128, 128, 64, true, 12},
      {"transformer attn.v (per head)", 128, 64, 128, false, 12},
  };

  std::mt19937 rng(0);
  std::normal_distribution<float> normal;
  double total[4] = {0, 0, 0, 0}, resnet[4] = {0, 0, 0, 0};
  std::printf("threads %d (ms: wall / process cpu)\n%-32s %19s %19s\n", threads,
              "shape (M x N x K)", "openblas", "onednn");
  for (const GemmShape &s : shapes) {
    std::vector<float> a(size_t(s.m) * s.k), b(size_t(s.k) * s.n),
        c(size_t(s.m) * s.n);
    for (float &v : a)
      v = normal(rng);
    for (float &v : b)
      v = normal(rng);
    int ldb = s.transB ? s.k : s.n;
    auto blas = medianMs([&] {
      cblas_sgemm(CblasRowMajor, CblasNoTrans,
                  s.transB ? CblasTrans : CblasNoTrans, s.m, s.n, s.k, 1.0f,
                  a.data(), s.k, b.data(), ldb, 0.0f, c.data(), s.n);
    });
    auto dnnl = medianMs([&] {
      dnnl_sgemm('N', s.transB ? 'T' : 'N', s.m, s.n, s.k, 1.0f, a.data(), s.k,
                 b.data(), ldb, 0.0f, c.data(), s.n);
    });
    std::printf("%-32s %9.3f/%9.3f %9.3f/%9.3f  (x%d)\n", s.name, blas.first,
                blas.second, dnnl.first, dnnl.second, s.count);
    double v[4] = {blas.first, blas.second, dnnl.first, dnnl.second};
    for (int i = 0; i < 4; ++i) {
      total[i] += v[i] * s.count;
      if (s.name[0] == 'r')
        resnet[i] += v[i] * s.count;
    }
  }
  std::printf("%-32s %9.3f/%9.3f %9.3f/%9.3f\n", "resnet-18 GEMMs total",
              resnet[0], resnet[1], resnet[2], resnet[3]);
  std::printf("%-32s %9.3f/%9.3f %9.3f/%9.3f\n", "all", total[0], total[1],
              total[2], total[3]);
  return 0;
}
