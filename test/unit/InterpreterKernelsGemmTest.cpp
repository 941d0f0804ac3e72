//===- InterpreterKernelsGemmTest.cpp - gemm, matmul, linear, einsum ------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Gemm.h"

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
/// C = op(A) op(B) by the definition.
std::vector<float> naiveGemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k,
                             const std::vector<float> &a,
                             const std::vector<float> &b) {
  std::vector<float> c(m * n, 0.0f);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double s = 0;
      for (int64_t p = 0; p < k; ++p)
        s += double(ta ? a[p * m + i] : a[i * k + p]) *
             (tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = float(s);
    }
  return c;
}

/// Einsum by enumerating every assignment of the letters.
std::vector<float> naiveEinsum(const std::string &lhs, const Shape &as,
                               const std::vector<float> &a,
                               const std::string &rhs, const Shape &bs,
                               const std::vector<float> &b,
                               const std::string &out) {
  std::string letters;
  Shape sizes;
  auto add = [&](const std::string &s, const Shape &shape) {
    for (size_t i = 0; i < s.size(); ++i) {
      size_t p = letters.find(s[i]);
      if (p == std::string::npos) {
        letters += s[i];
        sizes.push_back(shape[i]);
      } else {
        sizes[p] = std::max(sizes[p], shape[i]);
      }
    }
  };
  add(lhs, as);
  add(rhs, bs);
  Shape outShape;
  for (char c : out)
    outShape.push_back(sizes[letters.find(c)]);
  std::vector<double> acc(numElements(outShape), 0.0);
  Shape idx(letters.size(), 0);
  auto pick = [&](const std::string &s, const Shape &shape) {
    Shape sub;
    for (size_t i = 0; i < s.size(); ++i)
      sub.push_back(shape[i] == 1 ? 0 : idx[letters.find(s[i])]);
    return flatIndex(shape, sub);
  };
  do {
    acc[pick(out, outShape)] += double(a[pick(lhs, as)]) * b[pick(rhs, bs)];
  } while (nextIndex(sizes, idx));
  return std::vector<float>(acc.begin(), acc.end());
}
} // namespace

TEST(InterpreterKernelsGemm, AllTransposesMatchDefinition) {
  int64_t m = 37, n = 29, k = 53;
  auto a = randomValues(m * k, 1), b = randomValues(k * n, 2);
  for (bool ta : {false, true})
    for (bool tb : {false, true}) {
      std::vector<float> c(m * n, 123.0f);
      gemm(ta, tb, m, n, k, 1.0f, a.data(), ta ? m : k, b.data(), tb ? k : n,
           0.0f, c.data(), n);
      expectClose(c, naiveGemm(ta, tb, m, n, k, a, b));
    }
}

TEST(InterpreterKernelsGemm, AlphaBetaAndEmptyK) {
  std::vector<float> a{1, 2}, b{3, 4}, c{10};
  gemm(false, false, 1, 1, 2, 2.0f, a.data(), 2, b.data(), 1, 0.5f, c.data(),
       1);
  EXPECT_FLOAT_EQ(c[0], 2.0f * 11.0f + 5.0f);
  std::vector<float> z{std::nanf("")};
  gemm(false, false, 1, 1, 0, 1.0f, a.data(), 1, b.data(), 1, 0.0f, z.data(),
       1);
  EXPECT_EQ(z[0], 0.0f);
}

TEST(InterpreterKernelsGemm, MatmulShapes) {
  Shape out;
  std::string err;
  ASSERT_TRUE(matmulShape({2, 1, 4, 6}, {3, 6, 5}, false, false, out, err));
  EXPECT_EQ(out, (Shape{2, 3, 4, 5}));
  ASSERT_TRUE(matmulShape({6}, {2, 6, 5}, false, false, out, err));
  EXPECT_EQ(out, (Shape{2, 5}));
  ASSERT_TRUE(matmulShape({2, 4, 6}, {6}, false, false, out, err));
  EXPECT_EQ(out, (Shape{2, 4}));
  ASSERT_TRUE(matmulShape({6, 4}, {5, 6}, true, true, out, err));
  EXPECT_EQ(out, (Shape{4, 5}));
  EXPECT_FALSE(matmulShape({2, 4, 6}, {3, 5, 6}, false, false, out, err));
  EXPECT_FALSE(matmulShape({2, 4, 6}, {3, 6, 5}, false, false, out, err));
  EXPECT_NE(err.find("broadcast"), std::string::npos);
  EXPECT_FALSE(matmulShape({}, {3}, false, false, out, err));
}

TEST(InterpreterKernelsGemm, MatmulBroadcastBatchesAndTransposes) {
  // x [2, 1, 4, 6] transposed as [2, 1, 6, 4]^T; y [3, 5, 6] transposed.
  Shape xs{2, 1, 6, 4}, ys{3, 5, 6};
  auto x = randomValues(numElements(xs), 3),
       y = randomValues(numElements(ys), 4);
  Shape os;
  std::string err;
  ASSERT_TRUE(matmulShape(xs, ys, true, true, os, err));
  ASSERT_EQ(os, (Shape{2, 3, 4, 5}));
  std::vector<float> out(numElements(os));
  matmul(x.data(), xs, true, y.data(), ys, true, out.data());
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      std::vector<float> xa(x.begin() + i * 24, x.begin() + (i + 1) * 24);
      std::vector<float> yb(y.begin() + j * 30, y.begin() + (j + 1) * 30);
      auto ref = naiveGemm(true, true, 4, 5, 6, xa, yb);
      std::vector<float> got(out.begin() + (i * 3 + j) * 20,
                             out.begin() + (i * 3 + j + 1) * 20);
      expectClose(got, ref);
    }
}

TEST(InterpreterKernelsGemm, MatmulSharedWeightAndVectors) {
  Shape xs{3, 4, 6}, ys{6, 5};
  auto x = randomValues(72, 5), y = randomValues(30, 6);
  std::vector<float> out(60);
  matmul(x.data(), xs, false, y.data(), ys, false, out.data());
  expectClose(out, naiveGemm(false, false, 12, 5, 6, x, y));
  // Vector times matrix and matrix times vector.
  std::vector<float> v{1, 2}, mtx{1, 2, 3, 4, 5, 6}; // [2, 3]
  std::vector<float> r(3);
  matmul(v.data(), {2}, false, mtx.data(), {2, 3}, false, r.data());
  EXPECT_EQ(r, (std::vector<float>{9, 12, 15}));
  std::vector<float> w{1, 0, -1}, r2(2);
  matmul(mtx.data(), {2, 3}, false, w.data(), {3}, false, r2.data());
  EXPECT_EQ(r2, (std::vector<float>{-2, -2}));
}

TEST(InterpreterKernelsGemm, MatmulManySmallBatches) {
  Shape xs{24, 8, 16}, ys{24, 16, 8};
  auto x = randomValues(numElements(xs), 7),
       y = randomValues(numElements(ys), 8);
  std::vector<float> out(24 * 64);
  matmul(x.data(), xs, false, y.data(), ys, false, out.data());
  for (int b = 0; b < 24; ++b) {
    std::vector<float> xa(x.begin() + b * 128, x.begin() + (b + 1) * 128);
    std::vector<float> yb(y.begin() + b * 128, y.begin() + (b + 1) * 128);
    std::vector<float> got(out.begin() + b * 64, out.begin() + (b + 1) * 64);
    expectClose(got, naiveGemm(false, false, 8, 8, 16, xa, yb));
  }
}

TEST(InterpreterKernelsGemm, LinearAddsBias) {
  std::vector<float> x{1, 2, 3, 4};       // [2, 2]
  std::vector<float> w{1, 0, 0, 1, 1, 1}; // [3, 2]
  std::vector<float> bias{10, 20, 30}, out(6);
  linear(x.data(), 2, 2, w.data(), 3, bias.data(), out.data());
  EXPECT_EQ(out, (std::vector<float>{11, 22, 33, 13, 24, 37}));
  linear(x.data(), 2, 2, w.data(), 3, nullptr, out.data());
  EXPECT_EQ(out, (std::vector<float>{1, 2, 3, 3, 4, 7}));
}

TEST(InterpreterKernelsGemm, EinsumMatchesEnumeration) {
  struct Case {
    std::string eq;
    Shape a, b;
  };
  const Case cases[] = {
      {"ab,bc->ac", {4, 5}, {5, 3}},
      {"nchw,nwhu->nchu", {2, 3, 4, 5}, {2, 5, 4, 6}},
      {"bij,bjk->bik", {2, 4, 6}, {2, 6, 5}},
      {"bhqd,bhkd->bhqk", {1, 2, 4, 8}, {1, 2, 5, 8}},
      {"ij,j->i", {3, 4}, {4}},
      {"i,j->ij", {3}, {4}},             // outer product
      {"abc,cd->bd", {2, 3, 4}, {4, 5}}, // a summed in one operand
      {"bij,jk->bki", {3, 2, 4}, {4, 5}},
      {"ij,ij->j", {3, 4}, {1, 4}}, // broadcast size 1
  };
  for (const Case &c : cases) {
    Shape os;
    std::string err;
    ASSERT_TRUE(einsumShape(c.eq, c.a, c.b, os, err)) << c.eq << ": " << err;
    auto a = randomValues(numElements(c.a), 9),
         b = randomValues(numElements(c.b), 10);
    std::vector<float> out(numElements(os));
    einsum(c.eq, a.data(), c.a, b.data(), c.b, out.data());
    size_t comma = c.eq.find(','), arrow = c.eq.find("->");
    auto ref = naiveEinsum(c.eq.substr(0, comma), c.a, a,
                           c.eq.substr(comma + 1, arrow - comma - 1), c.b, b,
                           c.eq.substr(arrow + 2));
    SCOPED_TRACE(c.eq);
    expectClose(out, ref);
  }
}

TEST(InterpreterKernelsGemm, EinsumRejectsBadEquations) {
  Shape os;
  std::string err;
  EXPECT_FALSE(einsumShape("ab->b", {2, 3}, {3}, os, err));
  EXPECT_FALSE(einsumShape("ab,bc->ad", {2, 3}, {3, 4}, os, err));
  EXPECT_FALSE(einsumShape("ab,bc->ac", {2, 3}, {4, 4}, os, err));
  EXPECT_FALSE(einsumShape("aa,ab->b", {2, 2}, {2, 3}, os, err));
  EXPECT_FALSE(einsumShape("...a,ab->b", {2}, {2, 3}, os, err));
  EXPECT_FALSE(einsumShape("abc,bc->a", {2, 3}, {3, 4}, os, err));
}
