//===- Quantize.h - block-wise linear weight quantization -------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The parameter computation of coremltools' `linear_quantize_weights`
// (spec/compression.md 3.1, 3.2): per block, a scale (and a zero point) from
// the block's min/max, then q = clip(round(w / scale) + z, qmin, qmax).
//
// The results are byte-identical to coremltools, which computes in the
// weight's own float type as numpy does: for an fp16 weight every step
// (hi - lo, the scale division, w / scale, the zero point terms) is done in
// float32 and rounded to fp16 before the next one; for fp32 everything is
// float32. Rounding is half to even.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_QUANTIZE_H
#define MIL_COMPRESSION_QUANTIZE_H

#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace mil::compression {

/// `mode` of OpLinearQuantizerConfig.
enum class QuantMode { Linear, LinearSymmetric };

/// Target dtype and mode: int4/uint4/int8/uint8 is (isSigned, bits 4 or 8).
struct QuantSpec {
  QuantMode mode = QuantMode::LinearSymmetric;
  bool isSigned = true;
  unsigned bits = 8;
  /// Leave a weight holding +inf or -inf alone (QuantParams::hasInf), as the
  /// passes do; the check then costs nothing beyond the min/max pass.
  bool rejectInf = false;
  /// Measure the error of the result against the weight while it is in
  /// cache (QuantParams::error), where that gives blockwiseShiftScaleError's
  /// figures bit for bit: an fp16 weight without an offset, quantized in
  /// one pass, with the AVX2 stats kernel. The bytes do not change.
  bool measureError = false;
};

/// [qmin, qmax] per spec 3.1: unsigned [0, 2^n - 1], signed
/// [-2^(n-1), 2^(n-1) - 1]; LINEAR_SYMMETRIC drops the top value (unsigned)
/// or the bottom value (signed), e.g. int8 [-127, 127], uint8 [0, 254].
std::pair<int, int> quantRange(const QuantSpec &spec);

/// The instruction sets of the quantization kernels, in increasing order.
/// Every level gives the same bytes; lower ones exist to test that.
enum class QuantKernel { Scalar, SSE2, AVX2 };

/// The best level this build and CPU support (AVX2 and F16C are detected at
/// run time).
QuantKernel bestQuantKernel();

/// Makes linearQuantize use `kernel` (or the best supported level below it)
/// from now on, in the whole process; returns the level in effect. For tests
/// and benchmarks.
QuantKernel setQuantKernel(QuantKernel kernel);

/// The output of linearQuantize (coremltools' QuantParams).
struct QuantParams {
  /// Same rank as the weight: dim / B, or 1 where B is 0 (whole axis).
  std::vector<int64_t> paramShape;
  /// One byte per weight element: the int8/uint8 bit pattern (int4/uint4
  /// unpacked, one per byte; int4 sign-extended as int8).
  std::vector<uint8_t> data;
  /// numElements(paramShape) elements of the weight's float type, raw
  /// little-endian bytes (fp16 bits or fp32).
  std::vector<uint8_t> scale;
  /// numElements(paramShape) bytes in the quantized dtype; empty when absent
  /// (LINEAR_SYMMETRIC with a signed dtype).
  std::vector<uint8_t> offset;
  /// With QuantSpec::rejectInf: the weight holds +inf or -inf, and nothing
  /// else was computed.
  bool hasInf = false;
  /// With QuantSpec::measureError, when it could be measured: the error of
  /// the dequantized result (data times scale, in fp16) against the weight,
  /// equal to ios18::blockwiseShiftScaleError's.
  std::optional<ErrorStats> error;
};

/// Block-wise linear quantization (spec 3.2) of a Float16 or Float32
/// `weight`. `blockSizes` has one entry per axis; an entry <= 0 means the
/// whole axis. A block length that does not divide its axis fails with the
/// spec's "Invalid block_sizes; ..." text (coremltools warns and skips the
/// weight); a non-float weight fails with "Only floating numpy arrays are
/// supported.". A block whose values are all zero gets scale 0, offset 0 and
/// data 0 (numpy's NaN-to-integer cast), so it dequantizes to 0 exactly.
/// `weight.data` must be aligned for its element type. Large tensors are
/// processed on several threads; the result does not depend on the thread
/// count.
Status linearQuantize(const TensorRef &weight, const QuantSpec &spec,
                      llvm::ArrayRef<int64_t> blockSizes, QuantParams &out);

/// The same, but the quantized elements go to `packedData`, caller-owned
/// storage of packedSizeInBytes(numElements(weight.shape), spec.bits) bytes,
/// in MIL's encoding (int4/uint4 packed LSB first); `out.data` stays empty.
/// Lets a pass write straight into a resource blob.
Status linearQuantize(const TensorRef &weight, const QuantSpec &spec,
                      llvm::ArrayRef<int64_t> blockSizes, QuantParams &out,
                      uint8_t *packedData);

/// linearQuantize in two steps, for callers that want the quantized
/// elements piece by piece (into small buffers in cache, written out as
/// they come) rather than in one large output: computeParams, then
/// quantizeRange on any pieces, in any order, on any threads. The bytes
/// are those of linearQuantize.
class LinearQuantizer {
public:
  LinearQuantizer();
  ~LinearQuantizer();

  /// Everything of linearQuantize's `out` but the elements, with its
  /// errors and hasInf. quantizeRange may follow when this succeeds without
  /// hasInf; `weight.data` must then stay valid.
  Status computeParams(const TensorRef &weight, const QuantSpec &spec,
                       llvm::ArrayRef<int64_t> blockSizes, QuantParams &out);

  /// Elements [begin, begin + count) into `packed`, in MIL's encoding as
  /// linearQuantize's `packedData` (packedSizeInBytes(count, spec.bits)
  /// bytes); for 4 bits `begin` must be even.
  void quantizeRange(uint64_t begin, uint64_t count, uint8_t *packed) const;

  /// The one-pass route, for layouts whose blocks form small contiguous
  /// units (per channel, or per block along the last axis): checks as
  /// computeParams does and sizes `out`'s parameters, but computes none.
  /// Sets `unitBytes` to the packed size of one unit, or to 0 when the
  /// layout has no such unit (then use computeParams).
  Status prepareUnits(const TensorRef &weight, const QuantSpec &spec,
                      llvm::ArrayRef<int64_t> blockSizes, QuantParams &out,
                      uint64_t &unitBytes);

  /// After prepareUnits: the whole units in packed bytes [offset, offset +
  /// size) (multiples of unitBytes): their parameters into `out` at their
  /// indices and their elements into `packed`, reading each from memory
  /// once. Calls on disjoint ranges may run on any threads. Returns false
  /// when spec.rejectInf and the units hold an infinity or a NaN (which
  /// may hide one); the caller then starts over with computeParams.
  bool quantizeUnits(uint64_t offset, uint64_t size, uint8_t *packed);

  /// After quantizeUnits has covered the whole weight: the error measured
  /// as QuantParams::error is, if it could be.
  std::optional<ErrorStats> measuredError() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace mil::compression

#endif // MIL_COMPRESSION_QUANTIZE_H
