// When the server cannot be reached, every task of a run would wait out its own timeout: fifty
// tasks in a row under sequential, ten seconds each. The first task that fails says so here,
// in memory shared with every process of the run (threads, forked children), and the tasks that
// start after it give up at once, naming that first failure. The row fails in one timeout. The
// page lives in a memory file, so that a program started with exec (the fork model's parent
// process, whose children fetch) can map the same page from its descriptor.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace concur::net {

/// The first failure of a run, seen by every process forked after it was made.
class FirstFailure {
 public:
  /// Maps one shared page; throws std::system_error if the system refuses.
  FirstFailure();
  /// Maps the page of another process's FirstFailure from `descriptor` (see descriptor()).
  explicit FirstFailure(int descriptor);
  /// Unmaps it (in the process that made it; forked copies leave it to their exit).
  ~FirstFailure();
  FirstFailure(const FirstFailure&) = delete;
  FirstFailure& operator=(const FirstFailure&) = delete;

  /// Forgets any failure: called before each run.
  void clear() noexcept;
  /// Records `what` unless a failure is already recorded. Safe from any thread or process.
  void record(std::string_view what) noexcept;
  /// The failure recorded first, if any.
  [[nodiscard]] std::optional<std::string> first() const;
  /// The memory file holding the page (close-on-exec), to hand to a program this process starts.
  [[nodiscard]] int descriptor() const noexcept { return fd_; }

 private:
  struct Page;
  Page* page_ = nullptr;
  int owner_;
  int fd_ = -1;
};

}  // namespace concur::net
