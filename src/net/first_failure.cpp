#include "net/first_failure.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <system_error>

namespace concur::net {

// A claim word and the text. Only the process that wins the claim writes the text; readers wait
// for `written`, so they never see half a message.
struct FirstFailure::Page {
  std::atomic<int> claimed;
  std::atomic<int> written;
  char text[400];
};

static_assert(std::atomic<int>::is_always_lock_free, "the page is shared between processes");

FirstFailure::FirstFailure() : owner_(::getpid()) {
  void* memory = ::mmap(nullptr, sizeof(Page), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap of a shared page");
  page_ = new (memory) Page{};
}

FirstFailure::~FirstFailure() {
  if (::getpid() == owner_) ::munmap(page_, sizeof(Page));
}

void FirstFailure::clear() noexcept {
  page_->written.store(0, std::memory_order_relaxed);
  page_->claimed.store(0, std::memory_order_release);
}

void FirstFailure::record(std::string_view what) noexcept {
  int expected = 0;
  if (!page_->claimed.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) return;
  const std::size_t n = std::min(what.size(), sizeof(page_->text) - 1);
  std::copy_n(what.data(), n, page_->text);
  page_->text[n] = '\0';
  page_->written.store(1, std::memory_order_release);
}

std::optional<std::string> FirstFailure::first() const {
  if (page_->claimed.load(std::memory_order_acquire) == 0) return std::nullopt;
  if (page_->written.load(std::memory_order_acquire) == 0) return std::string("another task failed");
  return std::string(page_->text);
}

}  // namespace concur::net
