//===- ConvPlan.cpp - convolutions prepared once on oneDNN ----------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Threads: oneDNN threads with OpenMP, whose spinning team collapses next to
// other work on a loaded machine (median call times of 100x the minimum
// were measured with it). So every primitive is made and run with one
// OpenMP thread, and a plan is split into parts, one per kernel thread, run
// on our own pool: ranges of output channels (of groups for grouped
// convolutions). Each part has its own stream and user-managed scratchpad,
// so that parts never share oneDNN state.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/ConvPlan.h"

#include <omp.h>
#include <oneapi/dnnl/dnnl.h>

#include <cstring>
#include <vector>

using namespace mil::kernels;

namespace {
dnnl_engine_t getEngine() {
  static dnnl_engine_t engine = [] {
    dnnl_engine_t e = nullptr;
    if (dnnl_engine_create(&e, dnnl_cpu, 0) != dnnl_success)
      e = nullptr;
    return e;
  }();
  return engine;
}

/// oneDNN's work split follows the OpenMP thread count at creation and at
/// execution: one, on every thread that touches a primitive.
void useOneOmpThread() {
  thread_local bool configured = false;
  if (!configured) {
    omp_set_num_threads(1);
    configured = true;
  }
}

/// The row-major format tag of `rank` dimensions.
dnnl_format_tag_t plainTag(size_t rank) {
  static const dnnl_format_tag_t tags[] = {dnnl_a,    dnnl_ab,    dnnl_abc,
                                           dnnl_abcd, dnnl_abcde, dnnl_abcdef};
  return tags[rank - 1];
}

bool initMd(dnnl_memory_desc_t &md, const Shape &dims, dnnl_format_tag_t tag) {
  return dnnl_memory_desc_init_by_tag(&md, static_cast<int>(dims.size()),
                                      dims.data(), dnnl_f32,
                                      tag) == dnnl_success;
}

/// A channel range [c0, c0 + dims[1]) of a row-major tensor with `channels`
/// channels: the same strides as the whole tensor.
bool initSliceMd(dnnl_memory_desc_t &md, const Shape &dims, int64_t channels) {
  Shape strides(dims.size(), 1);
  for (size_t i = dims.size() - 1; i-- > 0;)
    strides[i] = strides[i + 1] * dims[i + 1];
  strides[0] = strides[1] * channels;
  return dnnl_memory_desc_init_by_strides(&md, static_cast<int>(dims.size()),
                                          dims.data(), dnnl_f32,
                                          strides.data()) == dnnl_success;
}

/// One primitive with its own scratchpad.
struct Prim {
  dnnl_primitive_t prim = nullptr;
  dnnl_memory_t scratch = nullptr;

  ~Prim() {
    if (prim)
      dnnl_primitive_destroy(prim);
    if (scratch)
      dnnl_memory_destroy(scratch);
  }
  bool create(const_dnnl_primitive_desc_t pd) {
    const dnnl_memory_desc_t *md =
        dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
    if (md && dnnl_memory_desc_get_size(md) > 0 &&
        dnnl_memory_create(&scratch, md, getEngine(), DNNL_MEMORY_ALLOCATE) !=
            dnnl_success)
      return false;
    return dnnl_primitive_create(&prim, pd) == dnnl_success;
  }
  bool run(dnnl_stream_t stream, std::vector<dnnl_exec_arg_t> args) const {
    if (scratch)
      args.push_back({DNNL_ARG_SCRATCHPAD, scratch});
    return dnnl_primitive_execute(prim, stream, static_cast<int>(args.size()),
                                  args.data()) == dnnl_success;
  }
};

dnnl_primitive_attr_t userScratchpadAttr() {
  dnnl_primitive_attr_t attr = nullptr;
  if (dnnl_primitive_attr_create(&attr) != dnnl_success)
    return nullptr;
  dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
  return attr;
}

bool createReorder(Prim &p, const dnnl_memory_desc_t *from,
                   const dnnl_memory_desc_t *to) {
  dnnl_primitive_attr_t attr = userScratchpadAttr();
  dnnl_primitive_desc_t pd;
  bool ok = attr && dnnl_reorder_primitive_desc_create(&pd, from, getEngine(),
                                                       to, getEngine(),
                                                       attr) == dnnl_success;
  if (attr)
    dnnl_primitive_attr_destroy(attr);
  if (!ok)
    return false;
  ok = p.create(pd);
  dnnl_primitive_desc_destroy(pd);
  return ok;
}

/// A memory of `md`, on `handle` or allocated when null.
bool makeMemory(dnnl_memory_t &m, const dnnl_memory_desc_t *md, void *handle) {
  return dnnl_memory_create(&m, md, getEngine(),
                            handle ? handle : DNNL_MEMORY_ALLOCATE) ==
         dnnl_success;
}
} // namespace

/// A convolution over a range of output channels (and, for grouped ones,
/// the matching input channels).
struct Part {
  int64_t srcOffset = 0, dstOffset = 0; // elements into x and out
  dnnl_stream_t stream = nullptr;
  Prim conv, srcReorder, dstReorder;
  // userSrc/userDst view the caller's buffers; src/dst are the
  // primitive's layouts (the same memories when equal).
  dnnl_memory_t userSrc = nullptr, src = nullptr, weights = nullptr,
                bias = nullptr, dst = nullptr, userDst = nullptr;

  ~Part() {
    for (dnnl_memory_t m : {userSrc, weights, bias, userDst})
      if (m)
        dnnl_memory_destroy(m);
    if (src && src != userSrc)
      dnnl_memory_destroy(src);
    if (dst && dst != userDst)
      dnnl_memory_destroy(dst);
    if (stream)
      dnnl_stream_destroy(stream);
  }

  bool create(const Shape &xDims, int64_t xChannels, const float *weight,
              const Shape &wDims, const float *bias, const Shape &outDims,
              int64_t outChannels, const ConvParams &params);
  bool run(const float *x, float *out);
};

bool Part::create(const Shape &xDims, int64_t xChannels, const float *weight,
                  const Shape &wDims, const float *biasData,
                  const Shape &outDims, int64_t outChannels,
                  const ConvParams &params) {
  dnnl_engine_t engine = getEngine();
  size_t spatial = xDims.size() - 2;
  dnnl_memory_desc_t srcAny, wAny, dstAny, biasMd, srcUser, wUser, dstUser;
  if (!initMd(srcAny, xDims, dnnl_format_tag_any) ||
      !initMd(wAny, wDims, dnnl_format_tag_any) ||
      !initMd(dstAny, outDims, dnnl_format_tag_any) ||
      !initMd(biasMd, {outDims[1]}, dnnl_a) ||
      !initSliceMd(srcUser, xDims, xChannels) ||
      !initMd(wUser, wDims, plainTag(wDims.size())) ||
      !initSliceMd(dstUser, outDims, outChannels))
    return false;
  dnnl_dims_t strides, dilates, padL, padR;
  for (size_t i = 0; i < spatial; ++i) {
    strides[i] = params.strides[i];
    dilates[i] = params.dilations[i] - 1; // oneDNN counts the gaps
    padL[i] = params.padBefore[i];
    padR[i] = params.padAfter[i];
  }
  dnnl_convolution_desc_t desc;
  if (dnnl_dilated_convolution_forward_desc_init(
          &desc, dnnl_forward_inference, dnnl_convolution_direct, &srcAny,
          &wAny, biasData ? &biasMd : nullptr, &dstAny, strides, dilates, padL,
          padR) != dnnl_success)
    return false;
  dnnl_primitive_attr_t attr = userScratchpadAttr();
  dnnl_primitive_desc_t pd;
  bool ok = attr && dnnl_primitive_desc_create(&pd, &desc, attr, engine,
                                               nullptr) == dnnl_success;
  if (attr)
    dnnl_primitive_attr_destroy(attr);
  if (!ok)
    return false;
  // The reference implementation is far slower than im2col + GEMM.
  const char *implName = nullptr;
  dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &implName);
  ok = implName && std::strncmp(implName, "ref", 3) != 0 &&
       dnnl_stream_create(&stream, engine, dnnl_stream_default_flags) ==
           dnnl_success &&
       conv.create(pd);
  const dnnl_memory_desc_t *srcMd =
      dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0);
  const dnnl_memory_desc_t *dstMd =
      dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0);
  const dnnl_memory_desc_t *wMd =
      dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
  ok = ok && makeMemory(userSrc, &srcUser, DNNL_MEMORY_NONE) &&
       makeMemory(userDst, &dstUser, DNNL_MEMORY_NONE);
  if (ok && dnnl_memory_desc_equal(&srcUser, srcMd))
    src = userSrc;
  else
    ok = ok && makeMemory(src, srcMd, nullptr) &&
         createReorder(srcReorder, &srcUser, srcMd);
  if (ok && dnnl_memory_desc_equal(&dstUser, dstMd))
    dst = userDst;
  else
    ok = ok && makeMemory(dst, dstMd, nullptr) &&
         createReorder(dstReorder, dstMd, &dstUser);
  // The weights, reordered once into the plan's own buffer.
  dnnl_memory_t userWeights = nullptr;
  Prim weightReorder;
  ok = ok && makeMemory(weights, wMd, nullptr) &&
       makeMemory(userWeights, &wUser, const_cast<float *>(weight)) &&
       createReorder(weightReorder, &wUser, wMd) &&
       weightReorder.run(
           stream, {{DNNL_ARG_FROM, userWeights}, {DNNL_ARG_TO, weights}}) &&
       dnnl_stream_wait(stream) == dnnl_success;
  if (userWeights)
    dnnl_memory_destroy(userWeights);
  if (ok && biasData) {
    void *data = nullptr;
    ok = makeMemory(bias, &biasMd, nullptr) &&
         dnnl_memory_get_data_handle(bias, &data) == dnnl_success;
    if (ok)
      std::memcpy(data, biasData, outDims[1] * sizeof(float));
  }
  dnnl_primitive_desc_destroy(pd);
  return ok;
}

bool Part::run(const float *x, float *out) {
  useOneOmpThread();
  if (dnnl_memory_set_data_handle(userSrc, const_cast<float *>(x) +
                                               srcOffset) != dnnl_success ||
      dnnl_memory_set_data_handle(userDst, out + dstOffset) != dnnl_success)
    return false;
  if (srcReorder.prim &&
      !srcReorder.run(stream, {{DNNL_ARG_FROM, userSrc}, {DNNL_ARG_TO, src}}))
    return false;
  std::vector<dnnl_exec_arg_t> args = {
      {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}};
  if (bias)
    args.push_back({DNNL_ARG_BIAS, bias});
  if (!conv.run(stream, args))
    return false;
  if (dstReorder.prim &&
      !dstReorder.run(stream, {{DNNL_ARG_FROM, dst}, {DNNL_ARG_TO, userDst}}))
    return false;
  return dnnl_stream_wait(stream) == dnnl_success;
}

struct ConvPlan::Impl {
  Shape xShape;
  std::vector<std::unique_ptr<Part>> parts;
};

ConvPlan::ConvPlan(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
ConvPlan::~ConvPlan() = default;

const Shape &ConvPlan::inputShape() const { return impl->xShape; }

std::unique_ptr<ConvPlan>
ConvPlan::create(const Shape &xShape, const float *weight,
                 const Shape &weightShape, const float *bias,
                 const ConvParams &params, const Shape &outShape) {
  size_t rank = xShape.size();
  if (!getEngine() || rank < 3 || rank > 5 || numElements(outShape) == 0 ||
      numElements(xShape) == 0)
    return nullptr;
  useOneOmpThread();
  int64_t groups = params.groups, cIn = xShape[1], cOut = outShape[1];
  int64_t cgIn = cIn / groups, cgOut = cOut / groups;
  int64_t kVol = 1;
  for (size_t i = 2; i < rank; ++i)
    kVol *= weightShape[i];
  // Parts: groups==1 splits the output channels in multiples of 16 (the
  // blocking), grouped convolutions whole groups.
  int64_t units = groups == 1 ? (cOut + 15) / 16 : groups;
  int64_t numParts =
      std::max<int64_t>(1, std::min<int64_t>(getNumThreads(), units));
  int64_t spatialIn = numElements(xShape) / (xShape[0] * cIn);
  int64_t spatialOut = numElements(outShape) / (outShape[0] * cOut);
  auto impl = std::make_unique<Impl>();
  impl->xShape = xShape;
  for (int64_t p = 0; p < numParts; ++p) {
    int64_t u0 = units * p / numParts, u1 = units * (p + 1) / numParts;
    Shape xDims = xShape, wDims = weightShape, outDims = outShape;
    int64_t ci0 = 0, co0, co1;
    if (groups == 1) {
      co0 = u0 * 16;
      co1 = std::min(cOut, u1 * 16);
    } else {
      co0 = u0 * cgOut;
      co1 = u1 * cgOut;
      ci0 = u0 * cgIn;
      xDims[1] = (u1 - u0) * cgIn;
      wDims[0] = cgOut;
      wDims.insert(wDims.begin(), u1 - u0);
    }
    if (groups == 1)
      wDims[0] = co1 - co0;
    outDims[1] = co1 - co0;
    auto part = std::make_unique<Part>();
    part->srcOffset = ci0 * spatialIn;
    part->dstOffset = co0 * spatialOut;
    if (!part->create(xDims, cIn, weight + co0 * cgIn * kVol, wDims,
                      bias ? bias + co0 : nullptr, outDims, cOut, params))
      return nullptr;
    impl->parts.push_back(std::move(part));
  }
  return std::unique_ptr<ConvPlan>(new ConvPlan(std::move(impl)));
}

bool ConvPlan::run(const float *x, float *out) {
  auto &parts = impl->parts;
  if (parts.size() == 1)
    return parts[0]->run(x, out);
  std::vector<char> ok(parts.size(), 0);
  parallelFor(parts.size(), 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p)
      ok[p] = parts[p]->run(x, out);
  });
  for (char o : ok)
    if (!o)
      return false;
  return true;
}
