#include "measure/shared_records.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>
#include <system_error>

namespace concur {
namespace {

// The header holds the time zero; the records start on their own cache line, so the tool's
// reading of the header never shares a line with a task's writing.
struct Header {
  std::atomic<std::int64_t> origin{0};  // steady clock ticks; 0 until published
  std::atomic<std::int32_t> pid{0};     // the measuring process
};
constexpr std::size_t kHeaderBytes = 64;
static_assert(sizeof(Header) <= kHeaderBytes);
static_assert(std::atomic<std::int64_t>::is_always_lock_free && std::atomic<std::int32_t>::is_always_lock_free,
              "shared between processes: must not need a lock");

Header& header(void* mapping) { return *static_cast<Header*>(mapping); }

}  // namespace

SharedRecords::SharedRecords(std::size_t tasks, bool cpu_times)
    : bytes_(kHeaderBytes + tasks * sizeof(TaskRecord)), tasks_(tasks), cpu_times_(cpu_times) {
  // Anonymous and shared: zero pages that become memory only where a task writes, visible to the
  // forked child and to this process alike (no copy on write).
  mapping_ = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    throw std::system_error(errno, std::generic_category(), "cannot map memory for the live view");
  }
  new (mapping_) Header;
  records_ = reinterpret_cast<TaskRecord*>(static_cast<std::byte*>(mapping_) +
                                           kHeaderBytes);  // NOLINT: zero bytes are value-initialised TaskRecords
}

SharedRecords::~SharedRecords() {
  if (mapping_ != nullptr) ::munmap(mapping_, bytes_);
}

void SharedRecords::publish_origin(std::chrono::steady_clock::time_point origin) const {
  header(mapping_).pid.store(static_cast<std::int32_t>(::getpid()), std::memory_order_relaxed);
  header(mapping_).origin.store(origin.time_since_epoch().count(), std::memory_order_release);
}

std::int32_t SharedRecords::process() const { return header(mapping_).pid.load(std::memory_order_acquire); }

std::optional<std::chrono::steady_clock::time_point> SharedRecords::origin() const {
  const std::int64_t ticks = header(mapping_).origin.load(std::memory_order_acquire);
  if (ticks == 0) return std::nullopt;
  return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(ticks));
}

void SharedRecords::snapshot(std::vector<TaskRecord>& out) const {
  out.resize(tasks_);
  std::atomic_thread_fence(std::memory_order_acquire);
  if (tasks_ > 0) std::memcpy(out.data(), records_, tasks_ * sizeof(TaskRecord));
}

}  // namespace concur
