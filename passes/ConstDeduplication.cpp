//===- ConstDeduplication.cpp - share equal weights once --------*- C++ -*-===//
//
// Part of mil-mlir. coremltools' common::const_deduplication: within each
// block, consts of at least `const-threshold` elements with equal type and
// contents become one (the first in program order); so do the parameters of
// iOS16 constexpr ops, which coremltools holds as consts too; then constexpr
// ops of the same type whose parameters are then the same are merged. Block
// outputs are never replaced. Contents are compared by a hash of their bytes
// and then byte for byte (coremltools' np.allclose with an atol below the
// smallest fp16 step amounts to the same, up to -0.0 == 0.0).
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/FileBackedMemory.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/Passes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/xxhash.h"

#include <optional>

namespace mil {
#define GEN_PASS_DEF_CONSTDEDUPLICATION
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

/// The bytes of a const's value (no copy for resources).
struct Contents {
  std::vector<uint8_t> storage;
  ArrayRef<uint8_t> bytes;
};

FailureOr<Contents> contentsOf(ElementsAttr attr, Location loc) {
  Contents c;
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, c.storage, loc);
  if (failed(bytes))
    return failure();
  c.bytes = *bytes;
  return c;
}

/// Contents are read piece by piece through a compression::ReadBuffer:
/// those a file holds (an input weight.bin, the scratch file of new weights)
/// with pread, as the first touch of a mapped page costs more than its copy.
constexpr size_t kReadPiece = 64 << 10;

/// `bytes[offset, offset + n)`, through `buffer`.
ArrayRef<uint8_t> readPiece(compression::ReadBuffer &buffer,
                            ArrayRef<uint8_t> bytes, size_t offset, size_t n) {
  return ArrayRef<uint8_t>(buffer.read(bytes.data() + offset, n), n);
}

/// The lookup key of contents: a hash of their size and of a few spread
/// out pieces. Equal contents have equal keys, which is all the lookup
/// needs: consts under one key are told apart by a hash of all their bytes,
/// computed only then, and compared byte for byte. A weight thus costs a
/// few KiB of reads instead of a pass over all of it.
uint64_t sampleKey(ArrayRef<uint8_t> bytes) {
  constexpr size_t kWhole = 16 << 10, kPiece = 256, kPieces = 32;
  compression::ReadBuffer buffer;
  if (bytes.size() <= kWhole)
    return llvm::xxh3_64bits(readPiece(buffer, bytes, 0, bytes.size()));
  uint64_t key = bytes.size();
  size_t step = (bytes.size() - kPiece) / (kPieces - 1);
  for (size_t i = 0; i < kPieces; ++i)
    key = key * 0x9E3779B97F4A7C15ull ^
          llvm::xxh3_64bits(readPiece(buffer, bytes, i * step, kPiece));
  return key;
}

/// A hash of all of `bytes`, piece by piece.
uint64_t fullHash(ArrayRef<uint8_t> bytes) {
  compression::ReadBuffer buffer;
  uint64_t hash = bytes.size();
  for (size_t offset = 0; offset < bytes.size(); offset += kReadPiece) {
    size_t n = std::min(kReadPiece, bytes.size() - offset);
    hash = hash * 0x9E3779B97F4A7C15ull ^
           llvm::xxh3_64bits(readPiece(buffer, bytes, offset, n));
  }
  return hash;
}

/// Whether `a` and `b` hold the same bytes. Pieces grow from 4 KiB, so that
/// contents that differ early cost little.
bool equalBytes(ArrayRef<uint8_t> a, ArrayRef<uint8_t> b) {
  if (a.size() != b.size())
    return false;
  if (a.data() == b.data())
    return true;
  compression::ReadBuffer bufferA, bufferB;
  for (size_t offset = 0, n = 4096; offset < a.size();
       offset += n, n = std::min(2 * n, kReadPiece)) {
    n = std::min(n, a.size() - offset);
    if (readPiece(bufferA, a, offset, n) != readPiece(bufferB, b, offset, n))
      return false;
  }
  return true;
}

/// Whether contents `a` and `b` are equal, through their full hashes
/// (computed once, cached in `hashA` / `hashB`) first.
bool sameContents(ArrayRef<uint8_t> a, std::optional<uint64_t> &hashA,
                  ArrayRef<uint8_t> b, std::optional<uint64_t> &hashB) {
  if (a.size() != b.size())
    return false;
  if (!hashA)
    hashA = fullHash(a);
  if (!hashB)
    hashB = fullHash(b);
  return *hashA == *hashB && equalBytes(a, b);
}

/// Replaces the uses of `from` by `to`, except as a block output.
bool replaceNonOutputUses(Value from, Value to) {
  bool any = false;
  from.replaceUsesWithIf(to, [&](OpOperand &use) {
    bool replace = !use.getOwner()->hasTrait<OpTrait::IsTerminator>();
    any |= replace;
    return replace;
  });
  return any;
}

struct ConstDeduplication
    : public mil::impl::ConstDeduplicationBase<ConstDeduplication> {
  using ConstDeduplicationBase::ConstDeduplicationBase;

  void runOnOperation() override {
    unsigned merged = 0;
    getOperation().walk([&](Block *block) {
      merged += dedupConsts(*block);
      merged += shareConstexprParameters(*block);
      merged += dedupConstexprs(*block);
    });
    numMerged = merged;
  }

  unsigned dedupConsts(Block &block) {
    // (type, sampleKey) -> the consts seen with it, in program order, and
    // the full hash of their contents once computed.
    struct Seen {
      ConstOp op;
      std::optional<uint64_t> hash;
    };
    DenseMap<std::pair<Type, uint64_t>, SmallVector<Seen, 1>> seen;
    unsigned merged = 0;
    for (ConstOp op : llvm::make_early_inc_range(block.getOps<ConstOp>())) {
      auto attr = dyn_cast<ElementsAttr>(op.getVal());
      if (!attr || attr.getNumElements() < constThreshold)
        continue;
      FailureOr<Contents> mine = contentsOf(attr, op.getLoc());
      if (failed(mine))
        continue;
      auto &candidates = seen[{op.getType(), sampleKey(mine->bytes)}];
      std::optional<uint64_t> hash;
      ConstOp same;
      for (Seen &other : candidates) {
        FailureOr<Contents> theirs = contentsOf(
            cast<ElementsAttr>(other.op.getVal()), other.op.getLoc());
        if (succeeded(theirs) &&
            sameContents(mine->bytes, hash, theirs->bytes, other.hash)) {
          same = other.op;
          break;
        }
      }
      if (!same) {
        candidates.push_back({op, hash});
        continue;
      }
      if (replaceNonOutputUses(op.getResult(), same.getResult()))
        ++merged;
      if (op.use_empty())
        op.erase();
    }
    return merged;
  }

  /// The iOS16 constexpr ops hold their parameters as attributes, which
  /// coremltools builds as const ops: equal ones of at least `constThreshold`
  /// elements become one value there, written to weight.bin once. Here the
  /// later ones take the first one's attribute, a resource, which export
  /// writes once.
  unsigned shareConstexprParameters(Block &block) {
    struct First {
      Operation *op;
      StringAttr name;
      ElementsAttr attr;
      std::optional<uint64_t> hash;
    };
    DenseMap<std::pair<Type, uint64_t>, SmallVector<First, 1>> seen;
    unsigned shared = 0;
    for (Operation &op : block) {
      if (!isConstexprOp(&op))
        continue;
      auto props =
          dyn_cast_or_null<DictionaryAttr>(op.getPropertiesAsAttribute());
      if (!props)
        continue;
      for (NamedAttribute param : props) {
        auto attr = dyn_cast<ElementsAttr>(param.getValue());
        if (!attr || attr.getNumElements() < constThreshold)
          continue;
        FailureOr<Contents> mine = contentsOf(attr, op.getLoc());
        if (failed(mine))
          continue;
        auto &candidates = seen[{attr.getType(), sampleKey(mine->bytes)}];
        std::optional<uint64_t> hash;
        First *same = nullptr;
        for (First &other : candidates) {
          if (other.attr == attr) {
            same = &other;
            break;
          }
          FailureOr<Contents> theirs = contentsOf(other.attr, op.getLoc());
          if (succeeded(theirs) &&
              sameContents(mine->bytes, hash, theirs->bytes, other.hash)) {
            same = &other;
            break;
          }
        }
        if (!same) {
          candidates.push_back({&op, param.getName(), attr, hash});
          continue;
        }
        // Equal dense attributes are one attribute already, but export
        // writes only resources once: share through a resource.
        if (!isa<DenseResourceElementsAttr>(same->attr)) {
          same->attr =
              makeResourceFromPackedBytes(cast<ShapedType>(attr.getType()),
                                          same->name.strref(), mine->bytes);
          same->op->setInherentAttr(same->name, same->attr);
        }
        op.setInherentAttr(param.getName(), same->attr);
        ++shared;
      }
    }
    return shared;
  }

  unsigned dedupConstexprs(Block &block) {
    SmallVector<Operation *> kept;
    unsigned merged = 0;
    for (Operation &op : llvm::make_early_inc_range(block)) {
      if (!isConstexprOp(&op))
        continue;
      Operation *same = nullptr;
      for (Operation *other : kept)
        if (equivalent(&op, other)) {
          same = other;
          break;
        }
      if (!same) {
        kept.push_back(&op);
        continue;
      }
      bool any = false;
      for (auto [mine, theirs] : llvm::zip(op.getResults(), same->getResults()))
        any |= replaceNonOutputUses(mine, theirs);
      merged += any;
      if (op.use_empty())
        op.erase();
    }
    return merged;
  }

  /// Same op type, same operands, and inherent attributes (the iOS16
  /// parameters) with the same type and bytes.
  static bool equivalent(Operation *a, Operation *b) {
    if (a->getName() != b->getName() || a->getOperands() != b->getOperands() ||
        a->getResultTypes() != b->getResultTypes())
      return false;
    auto pa = dyn_cast_or_null<DictionaryAttr>(a->getPropertiesAsAttribute());
    auto pb = dyn_cast_or_null<DictionaryAttr>(b->getPropertiesAsAttribute());
    if (!pa || !pb)
      return pa == pb;
    if (pa.size() != pb.size())
      return false;
    for (NamedAttribute attr : pa) {
      Attribute other = pb.get(attr.getName());
      if (!other)
        return false;
      if (attr.getValue() == other)
        continue;
      auto ea = dyn_cast<ElementsAttr>(attr.getValue());
      auto eb = dyn_cast<ElementsAttr>(other);
      if (!ea || !eb || ea.getType() != eb.getType())
        return false;
      FailureOr<Contents> ca = contentsOf(ea, a->getLoc()),
                          cb = contentsOf(eb, b->getLoc());
      if (failed(ca) || failed(cb) || !equalBytes(ca->bytes, cb->bytes))
        return false;
    }
    return true;
  }
};

} // namespace
