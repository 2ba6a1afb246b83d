// The net task's fiber form: a fiber must not block its worker thread, so each step of the
// fetch (connect, send, wait for the answer) runs as an Asio operation on an event loop of its
// own thread, and the fiber waits for it on a fiber future. Its worker thread meanwhile runs
// other fibers; only the fiber is suspended, never the thread.
#pragma once

#include <cstddef>
#include <memory>
#include <thread>

#include "models/model.hpp"

namespace concur {

/// An event loop on a thread of its own, running the network steps of a run's fibers.
class FiberNetLoop {
 public:
  /// Starts the loop's thread, and says so in the run's note, if any task of `ctx` fetches;
  /// otherwise starts nothing.
  explicit FiberNetLoop(RunContext& ctx);
  /// Lets the loop finish what it holds and joins its thread.
  ~FiberNetLoop();
  FiberNetLoop(const FiberNetLoop&) = delete;
  FiberNetLoop& operator=(const FiberNetLoop&) = delete;

  /// Fetches task `index`'s item (`work`) from the calling fiber, suspending only the fiber at each step.
  Outcome fetch(RunContext& ctx, std::size_t index, const FetchWork& work);

 private:
  struct Loop;  // the io_context and what keeps it running, kept out of this header
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
};

}  // namespace concur
