//===- Resample.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Resample.h"

#include <cstdlib>

using namespace mil::kernels;

void mil::kernels::upsampleBilinear(const float *x, const Shape &xShape,
                                    float scaleH, float scaleW,
                                    bool alignCorners, bool halfPixelCenters,
                                    float *out, const Shape &outShape) {
  std::abort();
}

void mil::kernels::upsampleNearestNeighbor(const float *x, const Shape &xShape,
                                           float scaleH, float scaleW,
                                           float *out, const Shape &outShape) {
  std::abort();
}

bool mil::kernels::parseResizeSamplingMode(const std::string &name,
                                           ResizeSamplingMode &mode) {
  std::abort();
}

void mil::kernels::resizeBilinear(const float *x, const Shape &xShape,
                                  ResizeSamplingMode mode, float *out,
                                  const Shape &outShape) {
  std::abort();
}

void mil::kernels::resizeNearestNeighbor(const float *x, const Shape &xShape,
                                         float *out, const Shape &outShape) {
  std::abort();
}
