//===- Conv.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Conv.h"

#include <cstdlib>

using namespace mil::kernels;

bool mil::kernels::parsePadType(const std::string &name, PadType &padType) {
  std::abort();
}

bool mil::kernels::computeSpatialPads(PadType padType, const Shape &inSpatial,
                                      const Shape &kernel, const Shape &strides,
                                      const Shape &dilations,
                                      const Shape &customPad, bool ceilMode,
                                      Shape &padBefore, Shape &padAfter,
                                      Shape &outSpatial, std::string &error) {
  std::abort();
}

bool mil::kernels::convShape(const Shape &xShape, const Shape &weightShape,
                             const ConvParams &params, Shape &outShape,
                             std::string &error) {
  std::abort();
}

void mil::kernels::conv(const float *x, const Shape &xShape,
                        const float *weight, const Shape &weightShape,
                        const float *bias, const ConvParams &params, float *out,
                        const Shape &outShape) {
  std::abort();
}

bool mil::kernels::computeConvTransposePads(
    PadType padType, const Shape &inSpatial, const Shape &kernel,
    const Shape &strides, const Shape &dilations, const Shape &customPad,
    const Shape &outputSpatial, Shape &padBefore, Shape &padAfter,
    Shape &outSpatial, std::string &error) {
  std::abort();
}

bool mil::kernels::convTransposeShape(const Shape &xShape,
                                      const Shape &weightShape,
                                      const ConvParams &params, Shape &outShape,
                                      std::string &error) {
  std::abort();
}

void mil::kernels::convTranspose(const float *x, const Shape &xShape,
                                 const float *weight, const Shape &weightShape,
                                 const float *bias, const ConvParams &params,
                                 float *out, const Shape &outShape) {
  std::abort();
}
