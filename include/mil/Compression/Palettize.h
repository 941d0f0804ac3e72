//===- Palettize.h - weight palettization -----------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// coremltools' palettize_weights numerics (spec/compression.md 3.3):
// grouped channel-wise LUTs for KMEANS, UNIFORM, UNIQUE and CUSTOM modes,
// scalar or vector (cluster_dim > 1), plus the per-channel scale of
// enable_per_channel_scale. UNIFORM and UNIQUE reproduce coremltools byte for
// byte, including numpy's fp16 arithmetic; KMEANS is the exact 1-D optimum
// (scalar) or a seeded restarted Lloyd (vector), never worse than
// coremltools' k-means and deterministic regardless of the thread count.
//
// The result is the iOS18 constexpr_lut_to_dense parameters (1.6): one LUT per
// channel group, unpacked indices (one byte each).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_PALETTIZE_H
#define MIL_COMPRESSION_PALETTIZE_H

#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mil::compression {

enum class PalettizeMode { KMeans, Uniform, Unique, Custom };

/// A custom LUT function (coremltools' lut_function, spec 3.3.5): given one
/// group's data as float values (channel axis swapped with axis 0, as numpy's
/// swapaxes does, row-major, `shape` its shape), returns a LUT of 2^k rows of
/// clusterDim floats (k in {1,2,3,4,6,8}) and one index per element (per
/// vector along axis 0), in row-major order of the group.
using LutFunction = std::function<Status(
    llvm::ArrayRef<float> group, llvm::ArrayRef<int64_t> shape,
    unsigned clusterDim, std::vector<float> &lut,
    std::vector<uint32_t> &indices)>;

struct PalettizeSpec {
  PalettizeMode mode = PalettizeMode::KMeans;
  /// 0 = automatic (UNIQUE/CUSTOM). For UNIQUE a given value is a minimum,
  /// as in coremltools (the largest per-group need wins).
  unsigned nbits = 0;
  /// Grouping axis and vector axis (already normalised, >= 0).
  int64_t channelAxis = 0;
  /// Channels per group; 0 = one group (per-tensor).
  int64_t groupSize = 0;
  int64_t clusterDim = 1;
  /// CUSTOM only.
  LutFunction lutFunction;
};

struct PalettizeResult {
  unsigned nbits = 0;
  /// [1,..,G at channelAxis,..,1, 2^nbits, clusterDim] (rank + 2).
  std::vector<int64_t> lutShape;
  /// Raw bytes of the weight's ElemType (fp16 bits / fp32 / int8 / uint8).
  std::vector<uint8_t> lut;
  /// The weight shape with channelAxis divided by clusterDim.
  std::vector<int64_t> indicesShape;
  /// One byte per index, row-major.
  std::vector<uint8_t> indices;
  /// channelAxis when clusterDim > 1.
  std::optional<int64_t> vectorAxis;
  /// coremltools warns and returns None (channels not divisible, more than
  /// 256 unique values, ...); `reason` is that warning's text.
  bool skipped = false;
  std::string reason;
};

/// Palettizes `weight` (Float16, Float32; Int8/UInt8 too for joint
/// compression: clustered as integers, the LUT cast back to the integer
/// type). Hard errors (where coremltools raises) return Status::error with the
/// spec's message; skips set result.skipped / result.reason and return
/// success. NaN weights are refused (numpy/scikit-learn would produce NaN
/// LUTs or raise); KMEANS and UNIFORM also refuse infinities.
Status palettize(const TensorRef &weight, const PalettizeSpec &spec,
                 PalettizeResult &result);

/// enable_per_channel_scale (3.3.7): s = max(|W|, axis=channelAxis, keepdims)
/// with zeros -> 1; writes W / s (weight's type) and s (weight's type, shape =
/// weight shape with channelAxis set to 1). Float16 / Float32 only (numpy's
/// in-place division fails on integer weights).
Status perChannelScale(const TensorRef &weight, int64_t channelAxis,
                       std::vector<uint8_t> &scaled,
                       std::vector<int64_t> &scaleShape,
                       std::vector<uint8_t> &scale);

/// fp64 -> fp16 bits with a single round-to-nearest-even (numpy's
/// float64.astype(float16)); going through fp32 could round twice.
uint16_t doubleToHalf(double value);

} // namespace mil::compression

#endif // MIL_COMPRESSION_PALETTIZE_H
