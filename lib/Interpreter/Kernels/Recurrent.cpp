//===- Recurrent.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Recurrent.h"

#include <cstdlib>

using namespace mil::kernels;

bool mil::kernels::parseActivation(const std::string &name, ActivationFn &fn) {
  std::abort();
}

void mil::kernels::applyActivation(const ActivationFn &fn, float *values,
                                   int64_t n) {
  std::abort();
}

bool mil::kernels::parseRnnDirection(const std::string &name,
                                     RnnDirection &direction) {
  std::abort();
}

void mil::kernels::lstm(const float *x, const RnnDims &dims,
                        const float *initialH, const float *initialC,
                        const LstmWeights &forward, const LstmWeights &backward,
                        const LstmOptions &options, float *output, float *hOut,
                        float *cOut) {
  std::abort();
}

void mil::kernels::gru(const float *x, const RnnDims &dims,
                       const float *initialH, const GruWeights &weights,
                       const GruOptions &options, float *output, float *hOut) {
  std::abort();
}

void mil::kernels::rnn(const float *x, const RnnDims &dims,
                       const float *initialH, const float *weightIh,
                       const float *weightHh, const float *bias, bool reverse,
                       bool outputSequence, const ActivationFn &activation,
                       float *output, float *hOut) {
  std::abort();
}
