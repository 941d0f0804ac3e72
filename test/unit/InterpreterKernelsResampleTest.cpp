//===- InterpreterKernelsResampleTest.cpp - upsample and resize -----------===//
//
// Part of mil-mlir.
//
// Interpolating the input [0, 1] gives the sampling grid itself, so the
// grids coremltools documents for each mode are the expected outputs.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Resample.h"

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
std::vector<float> resizeRow(ResizeSamplingMode mode, int64_t m) {
  std::vector<float> x{0, 1}, out(m);
  resizeBilinear(x.data(), {1, 1, 2}, mode, out.data(), {1, 1, m});
  return out;
}
} // namespace

TEST(InterpreterKernelsResample, ResizeBilinearDocumentedGrids) {
  using M = ResizeSamplingMode;
  expectClose(resizeRow(M::UnalignCorners, 5), {0, 0.1f, 0.5f, 0.9f, 1}, 1e-6f);
  expectClose(resizeRow(M::StrictAlignCorners, 5), {0, 0.25f, 0.5f, 0.75f, 1},
              1e-6f);
  expectClose(resizeRow(M::AlignCorners, 5), {0, 0.25f, 0.5f, 0.75f, 1}, 1e-6f);
  expectClose(resizeRow(M::Default, 5), {0, 0.4f, 0.8f, 1, 1}, 1e-6f);
  expectClose(resizeRow(M::OffsetCorners, 5), {0.1f, 0.3f, 0.5f, 0.7f, 0.9f},
              1e-6f);
  expectClose(resizeRow(M::UnalignCorners, 6), {0, 0, 1.0f / 3, 2.0f / 3, 1, 1},
              1e-6f);
  expectClose(resizeRow(M::StrictAlignCorners, 6),
              {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, 1e-6f);
  expectClose(resizeRow(M::Default, 6), {0, 1.0f / 3, 2.0f / 3, 1, 1, 1},
              1e-6f);
  expectClose(resizeRow(M::OffsetCorners, 6),
              {1.0f / 12, 0.25f, 5.0f / 12, 7.0f / 12, 0.75f, 11.0f / 12},
              1e-6f);
  // One output: ALIGN_CORNERS samples the middle, STRICT the start.
  expectClose(resizeRow(M::AlignCorners, 1), {0.5f}, 1e-6f);
  expectClose(resizeRow(M::StrictAlignCorners, 1), {0.0f}, 1e-6f);
  ResizeSamplingMode mode;
  EXPECT_TRUE(parseResizeSamplingMode("OFFSET_CORNERS", mode));
  EXPECT_EQ(mode, M::OffsetCorners);
  EXPECT_FALSE(parseResizeSamplingMode("offset_corners", mode));
}

TEST(InterpreterKernelsResample, UpsampleBilinearModes) {
  std::vector<float> x{0, 1}, out(5);
  // align_corners false (half-pixel): UNALIGN_CORNERS' grid.
  upsampleBilinear(x.data(), {1, 1, 2}, 1.0f, 2.5f, false, true, out.data(),
                   {1, 1, 5});
  expectClose(out, {0, 0.1f, 0.5f, 0.9f, 1}, 1e-6f);
  upsampleBilinear(x.data(), {1, 1, 2}, 1.0f, 2.5f, true, false, out.data(),
                   {1, 1, 5});
  expectClose(out, {0, 0.25f, 0.5f, 0.75f, 1}, 1e-6f);
  upsampleBilinear(x.data(), {1, 1, 2}, 1.0f, 2.5f, false, false, out.data(),
                   {1, 1, 5});
  expectClose(out, {0, 0.4f, 0.8f, 1, 1}, 1e-6f);
  // 2-d, PyTorch interpolate(scale_factor=2, bilinear,
  // align_corners=False) of [[1, 2], [3, 4]]: first row
  // [1, 1.25, 1.75, 2], second [1.5, 1.75, 2.25, 2.5].
  std::vector<float> y{1, 2, 3, 4}, big(16);
  upsampleBilinear(y.data(), {1, 1, 2, 2}, 2.0f, 2.0f, false, true, big.data(),
                   {1, 1, 4, 4});
  expectClose(std::vector<float>(big.begin(), big.begin() + 8),
              {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f}, 1e-6f);
  expectClose(std::vector<float>(big.begin() + 12, big.end()),
              {3, 3.25f, 3.75f, 4}, 1e-6f);
}

TEST(InterpreterKernelsResample, NearestNeighbor) {
  std::vector<float> x{1, 2, 3, 4, 5, 6}; // [1, 2, 3]
  std::vector<float> out(24);
  upsampleNearestNeighbor(x.data(), {1, 2, 3}, 2.0f, 2.0f, out.data(),
                          {1, 4, 6});
  EXPECT_EQ(std::vector<float>(out.begin(), out.begin() + 6),
            (std::vector<float>{1, 1, 2, 2, 3, 3}));
  EXPECT_EQ(std::vector<float>(out.begin() + 12, out.begin() + 18),
            (std::vector<float>{4, 4, 5, 5, 6, 6}));
  // Downsizing [1, 2, 3] -> 2 columns picks floor(o * 3 / 2) = 0, 1.
  std::vector<float> small(4);
  resizeNearestNeighbor(x.data(), {1, 2, 3}, small.data(), {1, 2, 2});
  EXPECT_EQ(small, (std::vector<float>{1, 2, 4, 5}));
  // Fractional scale 1.5 on 2 columns: 3 outputs from floor(o / 1.5) =
  // 0, 0, 1.
  std::vector<float> z{7, 8}, frac(3);
  upsampleNearestNeighbor(z.data(), {1, 1, 2}, 1.0f, 1.5f, frac.data(),
                          {1, 1, 3});
  EXPECT_EQ(frac, (std::vector<float>{7, 7, 8}));
}

TEST(InterpreterKernelsResample, CropResize) {
  // x [1, 1, 3, 3] = 0..8 (value = 3 h + w): bilinear samples reproduce
  // 3 y + x exactly.
  std::vector<float> x{0, 1, 2, 3, 4, 5, 6, 7, 8};
  CropResizeParams p;
  p.targetHeight = 2;
  p.targetWidth = 3;
  p.samplingMode = ResizeSamplingMode::AlignCorners;
  // Box rows [0.5, 1.5], columns [0, 2] (CORNERS_HEIGHT_FIRST).
  std::vector<float> roi{0.5f, 0, 1.5f, 2}, out(6);
  cropResize(x.data(), {1, 1, 3, 3}, roi.data(), 1, 4, p, out.data());
  expectClose(out, {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f}, 1e-6f);
  // The same box normalized, width first, with a batch index.
  p.normalizedCoordinates = true;
  p.boxMode = BoxCoordinateMode::CornersWidthFirst;
  std::vector<float> roi5{0, 0, 0.25f, 1, 0.75f};
  cropResize(x.data(), {1, 1, 3, 3}, roi5.data(), 1, 5, p, out.data());
  expectClose(out, {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f}, 1e-6f);
  // Center-size, one sample: the center (ALIGN_CORNERS).
  p.normalizedCoordinates = false;
  p.boxMode = BoxCoordinateMode::CenterSizeHeightFirst;
  p.targetHeight = p.targetWidth = 1;
  std::vector<float> roiC{1, 1, 2, 2}, one(1);
  cropResize(x.data(), {1, 1, 3, 3}, roiC.data(), 1, 4, p, one.data());
  EXPECT_FLOAT_EQ(one[0], 4.0f);
  // Outside the image and a bad batch index give pad_value.
  p.padValue = -7;
  p.boxMode = BoxCoordinateMode::CornersHeightFirst;
  std::vector<float> far{5, 5, 6, 6}, bad{3, 0, 0, 1, 1};
  cropResize(x.data(), {1, 1, 3, 3}, far.data(), 1, 4, p, one.data());
  EXPECT_EQ(one[0], -7.0f);
  cropResize(x.data(), {1, 1, 3, 3}, bad.data(), 1, 5, p, one.data());
  EXPECT_EQ(one[0], -7.0f);
  BoxCoordinateMode m;
  EXPECT_TRUE(parseBoxCoordinateMode("CENTER_SIZE_WIDTH_FIRST", m));
  EXPECT_FALSE(parseBoxCoordinateMode("CORNERS", m));
}
