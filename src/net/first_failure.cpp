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

namespace {

void* map_page(int fd, std::size_t bytes) {
  void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap of a shared page");
  return memory;
}

}  // namespace

FirstFailure::FirstFailure() : owner_(::getpid()), fd_(::memfd_create("concur-first-failure", MFD_CLOEXEC)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "memfd_create");
  if (::ftruncate(fd_, sizeof(Page)) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::system_error(error, std::generic_category(), "ftruncate of a shared page");
  }
  try {
    page_ = new (map_page(fd_, sizeof(Page))) Page{};
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

// The page is already made (zero bytes are an empty Page): only mapped here.
FirstFailure::FirstFailure(int descriptor)
    : page_(static_cast<Page*>(map_page(descriptor, sizeof(Page)))), owner_(::getpid()) {}

FirstFailure::~FirstFailure() {
  if (::getpid() != owner_) return;
  ::munmap(page_, sizeof(Page));
  if (fd_ >= 0) ::close(fd_);
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
