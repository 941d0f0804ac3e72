//===- Gemm.cpp - GEMM, MIL matmul, linear and einsum ---------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// oneDNN's dnnl_sgemm does the products. bench/gemm-libraries.cpp
// (mil-bench-gemm 1) measured it against OpenBLAS' cblas_sgemm on the GEMMs
// of ResNet-18 at 224x224 and a BERT-base layer on the 2-core AVX-512 build
// machine: one thread, process CPU time, ResNet-18's GEMMs 22.5 ms against
// 45.2 ms, all shapes 34.2 ms against 66.8 ms; oneDNN was faster on every
// shape (Debian's OpenBLAS 0.3.21 does not know the CPU and runs its
// Haswell kernels).
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Gemm.h"

#include <omp.h>
#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <array>

using namespace mil::kernels;

namespace {
/// oneDNN's sgemm threads with OpenMP. Under load, OpenMP's spinning team
/// next to our pool collapses (the 2-thread runs of mil-bench-gemm on a busy
/// 2-core machine took up to 8x the 1-thread time), so every thread that
/// calls it asks for one OpenMP thread and large products are split over
/// our own pool instead, whose idle workers sleep.
void sgemmSingleThreaded(bool transA, bool transB, int64_t m, int64_t n,
                         int64_t k, float alpha, const float *a, int64_t lda,
                         const float *b, int64_t ldb, float beta, float *c,
                         int64_t ldc) {
  thread_local bool configured = false;
  if (!configured) {
    omp_set_num_threads(1);
    configured = true;
  }
  dnnl_sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, alpha, a,
             std::max<int64_t>(lda, 1), b, std::max<int64_t>(ldb, 1), beta, c,
             std::max<int64_t>(ldc, 1));
}
} // namespace

void mil::kernels::gemm(bool transA, bool transB, int64_t m, int64_t n,
                        int64_t k, float alpha, const float *a, int64_t lda,
                        const float *b, int64_t ldb, float beta, float *c,
                        int64_t ldc) {
  if (m <= 0 || n <= 0)
    return;
  if (k <= 0 || alpha == 0.0f) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    return;
  }
  int64_t threads = getNumThreads();
  if (threads == 1 || m * n * k < (int64_t(1) << 20)) {
    sgemmSingleThreaded(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c,
                        ldc);
    return;
  }
  // Split C into one block of rows or of columns (multiples of 16) per
  // thread, along its larger side.
  bool byRows = m >= n;
  int64_t extent = byRows ? m : n;
  int64_t parts = std::min<int64_t>(threads, (extent + 15) / 16);
  int64_t chunk = ((extent + parts - 1) / parts + 15) / 16 * 16;
  parts = (extent + chunk - 1) / chunk;
  parallelFor(parts, 1, [&](int64_t begin, int64_t end) {
    for (int64_t part = begin; part < end; ++part) {
      int64_t lo = part * chunk, len = std::min(chunk, extent - lo);
      if (byRows)
        sgemmSingleThreaded(transA, transB, len, n, k, alpha,
                            transA ? a + lo : a + lo * lda, lda, b, ldb, beta,
                            c + lo * ldc, ldc);
      else
        sgemmSingleThreaded(transA, transB, m, len, k, alpha, a, lda,
                            transB ? b + lo * ldb : b + lo, ldb, beta, c + lo,
                            ldc);
    }
  });
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

namespace {
/// x and y seen as batches of matrices, after MIL's rank-1 promotion.
struct MatmulPlan {
  Shape xBatch, yBatch, outBatch;
  int64_t m = 0, k = 0, n = 0;
  bool xVector = false, yVector = false;
};

bool planMatmul(const Shape &xShape, const Shape &yShape, bool transposeX,
                bool transposeY, MatmulPlan &plan, std::string &error) {
  if (xShape.empty() || yShape.empty()) {
    error = "matmul operands must have rank >= 1";
    return false;
  }
  plan.xVector = xShape.size() == 1;
  plan.yVector = yShape.size() == 1;
  int64_t xr = static_cast<int64_t>(xShape.size());
  int64_t yr = static_cast<int64_t>(yShape.size());
  int64_t xm, xk, yk, yn;
  if (plan.xVector) {
    xm = 1;
    xk = xShape[0];
  } else {
    xm = xShape[xr - 2];
    xk = xShape[xr - 1];
    if (transposeX)
      std::swap(xm, xk);
    plan.xBatch.assign(xShape.begin(), xShape.end() - 2);
  }
  if (plan.yVector) {
    yk = yShape[0];
    yn = 1;
  } else {
    yk = yShape[yr - 2];
    yn = yShape[yr - 1];
    if (transposeY)
      std::swap(yk, yn);
    plan.yBatch.assign(yShape.begin(), yShape.end() - 2);
  }
  if (xk != yk) {
    error = "matmul inner dimensions differ: " + std::to_string(xk) + " vs " +
            std::to_string(yk);
    return false;
  }
  size_t rank = std::max(plan.xBatch.size(), plan.yBatch.size());
  plan.outBatch.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t xd = i + plan.xBatch.size() >= rank
                     ? plan.xBatch[i + plan.xBatch.size() - rank]
                     : 1;
    int64_t yd = i + plan.yBatch.size() >= rank
                     ? plan.yBatch[i + plan.yBatch.size() - rank]
                     : 1;
    if (xd != yd && xd != 1 && yd != 1) {
      error =
          "matmul batch dimensions do not broadcast: " + std::to_string(xd) +
          " vs " + std::to_string(yd);
      return false;
    }
    plan.outBatch[i] = xd == 1 ? yd : xd;
  }
  plan.m = xm;
  plan.k = xk;
  plan.n = yn;
  return true;
}

/// Offset (in matrices) into a batch of shape `batch` (right-aligned with
/// `outBatch`, size-1 dimensions broadcast) of output batch index `index`.
int64_t broadcastOffset(const Shape &batch, const Shape &outBatch,
                        int64_t index) {
  int64_t offset = 0, stride = 1;
  size_t lead = outBatch.size() - batch.size();
  for (size_t i = outBatch.size(); i-- > 0;) {
    int64_t coord = index % outBatch[i];
    index /= outBatch[i];
    if (i >= lead) {
      int64_t d = batch[i - lead];
      if (d != 1)
        offset += coord * stride;
      stride *= d;
    }
  }
  return offset;
}
} // namespace

bool mil::kernels::matmulShape(const Shape &xShape, const Shape &yShape,
                               bool transposeX, bool transposeY,
                               Shape &outShape, std::string &error) {
  MatmulPlan plan;
  if (!planMatmul(xShape, yShape, transposeX, transposeY, plan, error))
    return false;
  outShape = plan.outBatch;
  if (!plan.xVector)
    outShape.push_back(plan.m);
  if (!plan.yVector)
    outShape.push_back(plan.n);
  return true;
}

void mil::kernels::matmul(const float *x, const Shape &xShape, bool transposeX,
                          const float *y, const Shape &yShape, bool transposeY,
                          float *out) {
  MatmulPlan plan;
  std::string error;
  if (!planMatmul(xShape, yShape, transposeX, transposeY, plan, error))
    return;
  bool tx = transposeX && !plan.xVector;
  bool ty = transposeY && !plan.yVector;
  int64_t m = plan.m, n = plan.n, k = plan.k;
  int64_t lda = tx ? m : k, ldb = ty ? k : n;
  int64_t batches = numElements(plan.outBatch);
  int64_t yBatches = numElements(plan.yBatch);
  // A shared y under a batch of untransposed x is one tall GEMM.
  if (yBatches == 1 && !tx && numElements(plan.xBatch) == batches) {
    gemm(false, ty, batches * m, n, k, 1.0f, x, lda, y, ldb, 0.0f, out, n);
    return;
  }
  auto run = [&](int64_t begin, int64_t end) {
    for (int64_t bi = begin; bi < end; ++bi) {
      const float *xb =
          x + broadcastOffset(plan.xBatch, plan.outBatch, bi) * m * k;
      const float *yb =
          y + broadcastOffset(plan.yBatch, plan.outBatch, bi) * k * n;
      gemm(tx, ty, m, n, k, 1.0f, xb, lda, yb, ldb, 0.0f, out + bi * m * n, n);
    }
  };
  // Small products (attention heads) go one per thread; big ones use the
  // BLAS threads.
  if (batches > 1 && m * n * k < (1 << 18))
    parallelFor(batches, 1, run);
  else
    run(0, batches);
}

void mil::kernels::linear(const float *x, int64_t rows, int64_t dIn,
                          const float *weight, int64_t dOut, const float *bias,
                          float *out) {
  if (rows <= 0 || dOut <= 0)
    return;
  float beta = 0.0f;
  if (bias) {
    for (int64_t r = 0; r < rows; ++r)
      std::copy(bias, bias + dOut, out + r * dOut);
    beta = 1.0f;
  }
  gemm(false, true, rows, dOut, dIn, 1.0f, x, dIn, weight, dIn, beta, out,
       dOut);
}

//===----------------------------------------------------------------------===//
// einsum
//===----------------------------------------------------------------------===//

namespace {
/// Letters of a two-operand equation, each classified for one batched GEMM:
/// batch (both operands and the output), m (x and output), n (y and output)
/// and k (not in the output: contracted, or summed when in one operand
/// only, the other operand broadcasting along it).
struct EinsumPlan {
  std::string a, b, out;
  std::array<int64_t, 128> size{};
  std::string batch, m, n, k;
};

bool planEinsum(const std::string &equation, const Shape &aShape,
                const Shape &bShape, EinsumPlan &plan, std::string &error) {
  std::string eq;
  for (char c : equation)
    if (c != ' ')
      eq.push_back(c);
  size_t comma = eq.find(',');
  size_t arrow = eq.find("->");
  if (comma == std::string::npos || arrow == std::string::npos ||
      arrow < comma) {
    error = "einsum equation '" + equation + "' is not of the form 'ab,bc->ac'";
    return false;
  }
  plan.a = eq.substr(0, comma);
  plan.b = eq.substr(comma + 1, arrow - comma - 1);
  plan.out = eq.substr(arrow + 2);
  auto validLetters = [&](const std::string &s) {
    std::array<bool, 128> seen{};
    for (char c : s) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ||
          seen[static_cast<unsigned char>(c)])
        return false;
      seen[static_cast<unsigned char>(c)] = true;
    }
    return true;
  };
  if (!validLetters(plan.a) || !validLetters(plan.b) ||
      !validLetters(plan.out)) {
    error = "einsum equation '" + equation +
            "': only letters, each at most once per operand, are supported";
    return false;
  }
  if (plan.a.size() != aShape.size() || plan.b.size() != bShape.size()) {
    error =
        "einsum equation '" + equation + "' does not match the operand ranks";
    return false;
  }
  plan.size.fill(-1);
  auto record = [&](const std::string &letters, const Shape &shape) {
    for (size_t i = 0; i < letters.size(); ++i) {
      int64_t &s = plan.size[static_cast<unsigned char>(letters[i])];
      if (s == -1 || s == 1)
        s = shape[i];
      else if (shape[i] != s && shape[i] != 1) {
        error = std::string("einsum dimension '") + letters[i] +
                "' has sizes " + std::to_string(s) + " and " +
                std::to_string(shape[i]);
        return false;
      }
    }
    return true;
  };
  if (!record(plan.a, aShape) || !record(plan.b, bShape))
    return false;
  for (char c : plan.out) {
    bool inA = plan.a.find(c) != std::string::npos;
    bool inB = plan.b.find(c) != std::string::npos;
    if (!inA && !inB) {
      error =
          std::string("einsum output dimension '") + c + "' is in no operand";
      return false;
    }
    (inA && inB ? plan.batch : inA ? plan.m : plan.n).push_back(c);
  }
  for (const std::string *s : {&plan.a, &plan.b})
    for (char c : *s)
      if (plan.out.find(c) == std::string::npos &&
          plan.k.find(c) == std::string::npos)
        plan.k.push_back(c);
  return true;
}

/// out = x laid out as `target` letters (sizes from the plan): a transpose
/// that also broadcasts size-1 and missing dimensions.
void gatherLetters(const float *x, const std::string &letters,
                   const Shape &shape, const std::string &target,
                   const EinsumPlan &plan, float *out) {
  Shape xStrides = stridesOf(shape);
  size_t rank = target.size();
  Shape tShape(rank), tStride(rank);
  for (size_t i = 0; i < rank; ++i) {
    tShape[i] = plan.size[static_cast<unsigned char>(target[i])];
    size_t pos = letters.find(target[i]);
    tStride[i] =
        pos == std::string::npos || shape[pos] == 1 ? 0 : xStrides[pos];
  }
  int64_t total = numElements(tShape);
  Shape idx(rank, 0);
  int64_t src = 0;
  for (int64_t i = 0; i < total; ++i) {
    out[i] = x[src];
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < tShape[d]) {
        src += tStride[d];
        break;
      }
      src -= (tShape[d] - 1) * tStride[d];
      idx[d] = 0;
    }
  }
}
} // namespace

bool mil::kernels::einsumShape(const std::string &equation, const Shape &aShape,
                               const Shape &bShape, Shape &outShape,
                               std::string &error) {
  EinsumPlan plan;
  if (!planEinsum(equation, aShape, bShape, plan, error))
    return false;
  outShape.clear();
  for (char c : plan.out)
    outShape.push_back(plan.size[static_cast<unsigned char>(c)]);
  return true;
}

void mil::kernels::einsum(const std::string &equation, const float *a,
                          const Shape &aShape, const float *b,
                          const Shape &bShape, float *out) {
  EinsumPlan plan;
  std::string error;
  if (!planEinsum(equation, aShape, bShape, plan, error))
    return;
  auto sizeOf = [&](const std::string &letters) {
    int64_t s = 1;
    for (char c : letters)
      s *= plan.size[static_cast<unsigned char>(c)];
    return s;
  };
  int64_t batches = sizeOf(plan.batch), m = sizeOf(plan.m), n = sizeOf(plan.n),
          k = sizeOf(plan.k);
  std::vector<float> lhs(batches * m * k), rhs(batches * k * n),
      prod(batches * m * n);
  gatherLetters(a, plan.a, aShape, plan.batch + plan.m + plan.k, plan,
                lhs.data());
  gatherLetters(b, plan.b, bShape, plan.batch + plan.k + plan.n, plan,
                rhs.data());
  for (int64_t i = 0; i < batches; ++i)
    gemm(false, false, m, n, k, 1.0f, lhs.data() + i * m * k, k,
         rhs.data() + i * k * n, n, 0.0f, prod.data() + i * m * n, n);
  std::string prodLetters = plan.batch + plan.m + plan.n;
  Shape prodShape;
  for (char c : prodLetters)
    prodShape.push_back(plan.size[static_cast<unsigned char>(c)]);
  gatherLetters(prod.data(), prodLetters, prodShape, plan.out, plan, out);
}
