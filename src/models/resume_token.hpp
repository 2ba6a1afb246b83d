// How a plain C++20 coroutine waits on an Asio operation: pass `resume` where Asio expects a
// completion token, and co_await what the call returns,
//     const auto ec = co_await timer.async_wait(resume);
//     const auto [ec, n] = co_await file.async_read_some_at(offset, buffer, resume);
// The coroutine suspends, the operation starts, and its completion handler (two pointers,
// so Asio's operation stays small) stores the results and resumes the coroutine on the loop
// thread. The results come back as they are: errors are the caller's to judge.
#pragma once

#include <coroutine>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>

namespace concur {

/// Completion token that turns an Asio asynchronous operation into something to co_await.
struct ResumeToken {};

/// The token's one instance, passed as the last argument of an Asio async_* call.
inline constexpr ResumeToken resume{};

/// What an Asio call made with `resume` returns: starts the operation when the coroutine
/// suspends and hands back its results (one value, or a tuple of several).
template <typename Initiation, typename InitArgs, typename... Results>
class ResumeAwaiter {
 public:
  /// Keeps what is needed to start the operation once the coroutine has suspended.
  ResumeAwaiter(Initiation initiation, InitArgs args) : initiation_(std::move(initiation)), args_(std::move(args)) {}

  /// Never ready at once: Asio always completes through the handler.
  [[nodiscard]] bool await_ready() const noexcept { return false; }

  /// Starts the operation with a handler that stores the results and resumes `waiting`.
  void await_suspend(std::coroutine_handle<> waiting) {
    std::apply([&](auto&... args) { std::move(initiation_)(Handler{this, waiting}, std::move(args)...); }, args_);
  }

  /// The operation's results: the single value, or a tuple for structured bindings.
  auto await_resume() {
    if constexpr (sizeof...(Results) == 1)
      return std::move(std::get<0>(*results_));
    else
      return std::move(*results_);
  }

 private:
  /// The completion handler Asio stores in its operation: two pointers.
  struct Handler {
    ResumeAwaiter* self;               ///< where the results go
    std::coroutine_handle<> waiting;  ///< the suspended coroutine
    /// Stores the results and resumes the coroutine, on the thread that runs the completion.
    void operator()(Results... results) {
      self->results_.emplace(std::move(results)...);
      waiting.resume();
    }
  };

  Initiation initiation_;                          ///< starts the operation
  InitArgs args_;                                  ///< the initiation's arguments
  std::optional<std::tuple<Results...>> results_;  ///< set by the handler
};

}  // namespace concur

/// Tells Asio what an operation started with `concur::resume` returns: a ResumeAwaiter.
template <typename... Results>
struct boost::asio::async_result<concur::ResumeToken, void(Results...)> {
  /// Called by every Asio async_* function given the token; starts nothing yet.
  template <typename Initiation, typename... InitArgs>
  static auto initiate(Initiation&& initiation, concur::ResumeToken, InitArgs&&... args) {
    return concur::ResumeAwaiter<std::decay_t<Initiation>, std::tuple<std::decay_t<InitArgs>...>,
                                 std::decay_t<Results>...>(std::forward<Initiation>(initiation),
                                                           std::tuple<std::decay_t<InitArgs>...>(
                                                               std::forward<InitArgs>(args)...));
  }
};
