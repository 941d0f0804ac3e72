//===- Common.cpp - shapes, threads and layout helpers --------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Common.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace mil::kernels;

int64_t mil::kernels::numElements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

Shape mil::kernels::stridesOf(const Shape &shape) {
  Shape strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;)
    strides[i - 1] = strides[i] * shape[i];
  return strides;
}

AxisSplit mil::kernels::splitAtAxis(const Shape &shape, int64_t axis) {
  AxisSplit split;
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    if (i < axis)
      split.outer *= shape[i];
    else if (i == axis)
      split.axis = shape[i];
    else
      split.inner *= shape[i];
  }
  return split;
}

//===----------------------------------------------------------------------===//
// Thread pool
//===----------------------------------------------------------------------===//

namespace {
/// A fixed set of workers that run the chunks of one parallelFor at a time.
/// Kernels are called from one interpreter thread; a parallelFor issued while
/// another runs (nested, or from a second thread) runs inline instead of
/// waiting, so the pool can never deadlock.
///
/// Chunks are claimed, not assigned: the caller works through them too and
/// waits only for chunks a worker has started. On a loaded machine a
/// sleeping worker can take milliseconds to be scheduled; the caller then
/// does all the work instead of waiting for it (waiting made small ops cost
/// a scheduler time slice each).
class ThreadPool {
public:
  explicit ThreadPool(int numThreads) {
    for (int i = 1; i < numThreads; ++i)
      workers.emplace_back([this] { workerLoop(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    wake.notify_all();
    for (std::thread &t : workers)
      t.join();
  }

  int size() const { return static_cast<int>(workers.size()) + 1; }

  /// Runs the chunks on the workers and the caller; false when the pool is
  /// busy (the caller then runs inline).
  bool run(int64_t n, int64_t numChunks,
           const std::function<void(int64_t, int64_t)> &fn) {
    std::unique_lock<std::mutex> busy(dispatch, std::try_to_lock);
    if (!busy.owns_lock() || insideWorker)
      return false;
    auto job = std::make_shared<Job>();
    job->fn = &fn;
    job->size = n;
    job->chunks = numChunks;
    {
      std::lock_guard<std::mutex> lock(mutex);
      current = job;
      ++generation;
    }
    wake.notify_all();
    runChunks(*job);
    std::unique_lock<std::mutex> lock(mutex);
    done.wait(lock, [&] { return job->finished.load() == job->chunks; });
    current.reset();
    return true;
  }

private:
  /// One parallelFor. A worker that wakes late may hold it after the call
  /// returned: it then finds no chunk left and never calls `fn`.
  struct Job {
    const std::function<void(int64_t, int64_t)> *fn = nullptr;
    int64_t size = 0, chunks = 0;
    std::atomic<int64_t> next{0}, finished{0};
  };

  void runChunks(Job &job) {
    for (;;) {
      int64_t c = job.next.fetch_add(1);
      if (c >= job.chunks)
        return;
      (*job.fn)(job.size * c / job.chunks, job.size * (c + 1) / job.chunks);
      if (job.finished.fetch_add(1) + 1 == job.chunks) {
        std::lock_guard<std::mutex> lock(mutex);
        done.notify_all();
      }
    }
  }

  void workerLoop() {
    insideWorker = true;
    uint64_t seen = 0;
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stop || generation != seen; });
        if (stop)
          return;
        seen = generation;
        job = current;
      }
      if (job)
        runChunks(*job);
    }
  }

  std::vector<std::thread> workers;
  std::mutex dispatch;
  std::mutex mutex;
  std::condition_variable wake, done;
  std::shared_ptr<Job> current;
  uint64_t generation = 0;
  bool stop = false;
  static thread_local bool insideWorker;
};
thread_local bool ThreadPool::insideWorker = false;

std::mutex poolMutex;
std::unique_ptr<ThreadPool> pool;
int requestedThreads = 0;

int hardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

ThreadPool &getPool() {
  std::lock_guard<std::mutex> lock(poolMutex);
  if (!pool) {
    int n = requestedThreads > 0 ? requestedThreads : hardwareThreads();
    pool = std::make_unique<ThreadPool>(n);
  }
  return *pool;
}
} // namespace

void mil::kernels::setNumThreads(int n) {
  std::lock_guard<std::mutex> lock(poolMutex);
  requestedThreads = n > 0 ? n : 0;
  int count = requestedThreads > 0 ? requestedThreads : hardwareThreads();
  if (!pool || pool->size() != count)
    pool = std::make_unique<ThreadPool>(count);
}

int mil::kernels::getNumThreads() { return getPool().size(); }

void mil::kernels::parallelFor(
    int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)> &fn) {
  if (n <= 0)
    return;
  grain = std::max<int64_t>(grain, 1);
  ThreadPool &threads = getPool();
  int64_t chunks = std::min<int64_t>(threads.size(), (n + grain - 1) / grain);
  if (chunks <= 1 || !threads.run(n, chunks, fn))
    fn(0, n);
}

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

void mil::kernels::transpose(const float *x, const Shape &xShape,
                             const std::vector<int64_t> &perm, float *out) {
  size_t rank = xShape.size();
  int64_t total = numElements(xShape);
  if (total == 0)
    return;
  Shape inStrides = stridesOf(xShape);
  Shape outShape(rank);
  Shape srcStride(rank); // input stride of each output dimension
  for (size_t i = 0; i < rank; ++i) {
    outShape[i] = xShape[perm[i]];
    srcStride[i] = inStrides[perm[i]];
  }
  if (rank == 0) {
    out[0] = x[0];
    return;
  }
  // Walk the output in order, innermost dimension as a strided copy.
  int64_t inner = outShape[rank - 1];
  int64_t innerStride = srcStride[rank - 1];
  int64_t rows = total / inner;
  parallelFor(rows, std::max<int64_t>(1, 16384 / inner),
              [&](int64_t b, int64_t e) {
                for (int64_t row = b; row < e; ++row) {
                  int64_t rem = row, src = 0;
                  for (size_t d = rank - 1; d-- > 0;) {
                    int64_t i = rem % outShape[d];
                    rem /= outShape[d];
                    src += i * srcStride[d];
                  }
                  float *dst = out + row * inner;
                  const float *s = x + src;
                  if (innerStride == 1)
                    std::copy(s, s + inner, dst);
                  else
                    for (int64_t j = 0; j < inner; ++j)
                      dst[j] = s[j * innerStride];
                }
              });
}
