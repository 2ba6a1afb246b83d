// `resume`: the completion token that lets a plain C++20 coroutine co_await any Asio operation,
//
//     co_await timer.async_wait(resume);
//     auto [ec, n] = co_await file.async_read_some_at(offset, buffer, asio::as_tuple(resume));
//
// as asio::use_awaitable does for asio::awaitable coroutines. Starting the operation suspends
// the coroutine; the operation's completion handler stores what it completed with and resumes
// the coroutine, on whatever thread runs the handler (the loop, for an I/O object of the loop).
// An error_code first in the completion throws boost::system::system_error; the other values
// are what co_await returns (nothing, one value, or a tuple).
//
// The memory Asio needs for the operation while it is pending (about 70 bytes for a timer
// wait) comes from a buffer inside the awaiting coroutine's frame instead of the heap: Asio asks
// the handler's associated allocator for it, and gives it back before it calls the handler, so
// the same buffer then holds the completion's values until the coroutine reads them.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

namespace concur {

/// The token type; use the `resume` object.
struct Resume {};

/// Completion token: co_await the operation from a plain coroutine (see the top of this file).
inline constexpr Resume resume{};

/// An operation's memory while it is pending, then the values it completed with: a timer's
/// wait fits exactly. Bigger operations (an io_uring read, a composed network read) get theirs
/// from the heap.
inline constexpr std::size_t kInlineOperationBytes = 72;

/// Alignment of that buffer: Asio's operations hold pointers and integers.
inline constexpr std::size_t kInlineOperationAlign = alignof(void*);

/// Allocator handed to Asio for an operation: the awaiter's buffer when it fits, else the heap.
template <typename T>
class InFrameAllocator {
 public:
  using value_type = T;  ///< what it allocates
  /// Allocates from `buffer` (kInlineOperationBytes, kInlineOperationAlign) when it can.
  explicit InFrameAllocator(std::byte* buffer) noexcept : buffer_(buffer) {}
  /// Rebinding keeps the buffer.
  template <typename U>
  InFrameAllocator(const InFrameAllocator<U>& other) noexcept  // NOLINT(google-explicit-constructor): rebind
      : buffer_(other.buffer()) {}
  /// Memory for `n` objects of T.
  T* allocate(std::size_t n) {
    if (fits(n)) return reinterpret_cast<T*>(buffer_);
    return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
  }
  /// Gives back memory from allocate().
  void deallocate(T* p, std::size_t n) noexcept {
    if (reinterpret_cast<std::byte*>(p) != buffer_ || !fits(n)) ::operator delete (p, std::align_val_t{alignof(T)});
  }
  /// The buffer it allocates from.
  [[nodiscard]] std::byte* buffer() const noexcept { return buffer_; }
  /// Same buffer, same allocator.
  template <typename U>
  friend bool operator==(const InFrameAllocator& a, const InFrameAllocator<U>& b) noexcept {
    return a.buffer() == b.buffer();
  }

 private:
  static bool fits(std::size_t n) noexcept {
    return n * sizeof(T) <= kInlineOperationBytes && alignof(T) <= kInlineOperationAlign;
  }
  std::byte* buffer_;
};

namespace detail {

// What co_await hands back for a completion with these values: an error_code in front is
// thrown, not returned; then nothing, the one value, or all of them in a tuple.
template <typename... Values>
struct Returned {
  using type = std::tuple<Values...>;
};
template <typename Value>
struct Returned<Value> {
  using type = Value;
};
template <>
struct Returned<> {
  using type = void;
};

template <typename... Values>
constexpr bool kFailsWithErrorCode = false;
template <typename... Rest>
constexpr bool kFailsWithErrorCode<boost::system::error_code, Rest...> = true;

template <typename... Values>
struct Unwrapped : Returned<Values...> {};
template <typename... Rest>
struct Unwrapped<boost::system::error_code, Rest...> : Returned<Rest...> {};

/// The awaitable an initiating function returns when given `resume`: it starts the operation
/// when the coroutine suspends and returns its values when the coroutine resumes.
template <typename Initiation, typename InitArgs, typename... Values>
class Awaiter {
  using Completed = std::tuple<std::decay_t<Values>...>;
  static_assert(sizeof(Completed) <= kInlineOperationBytes && alignof(Completed) <= kInlineOperationAlign,
                "the completion must fit the operation's buffer");

 public:
  Awaiter(Initiation initiation, InitArgs args) : initiation_(std::move(initiation)), args_(std::move(args)) {}
  Awaiter(const Awaiter&) = delete;
  Awaiter& operator=(const Awaiter&) = delete;

  /// The handler Asio holds while the operation is pending.
  struct Handler {
    Awaiter* awaiter;
    using allocator_type = InFrameAllocator<void>;  ///< the operation's memory: the awaiter's buffer
    /// Where Asio puts the operation.
    [[nodiscard]] allocator_type get_allocator() const noexcept { return allocator_type(awaiter->buffer_); }
    /// The operation completed: keep its values (its own memory is free again) and resume the task.
    void operator()(Values... values) {
      ::new (static_cast<void*>(awaiter->buffer_)) Completed(std::move(values)...);
      awaiter->coroutine_.resume();
    }
  };

  /// Always suspends: the operation is started from await_suspend.
  bool await_ready() const noexcept { return false; }
  /// Starts the operation; the handler resumes the coroutine when it completes.
  void await_suspend(std::coroutine_handle<> coroutine) {
    coroutine_ = coroutine;
    std::apply([this](auto&&... args) { std::move(initiation_)(Handler{this}, std::move(args)...); }, std::move(args_));
  }
  /// The completion's values; its error, thrown.
  typename Unwrapped<std::decay_t<Values>...>::type await_resume() {
    auto* completed = std::launder(reinterpret_cast<Completed*>(buffer_));
    Completed values = std::move(*completed);
    completed->~Completed();
    if constexpr (kFailsWithErrorCode<std::decay_t<Values>...>) {
      if (const auto& ec = std::get<0>(values)) throw boost::system::system_error(ec);
      return std::apply(
          [](auto&&, auto&&... rest) { return typename Unwrapped<std::decay_t<Values>...>::type(std::move(rest)...); },
          std::move(values));
    } else {
      return std::apply(
          [](auto&&... all) { return typename Unwrapped<std::decay_t<Values>...>::type(std::move(all)...); },
          std::move(values));
    }
  }

 private:
  // Every byte here is in the frame of every waiting task: no padding, nothing for no arguments.
  std::coroutine_handle<> coroutine_;
  Initiation initiation_;
  [[no_unique_address]] InitArgs args_;
  alignas(kInlineOperationAlign) std::byte buffer_[kInlineOperationBytes];
};

}  // namespace detail
}  // namespace concur

/// How Asio turns `resume` into the awaitable its initiating functions return.
template <typename... Values>
struct boost::asio::async_result<concur::Resume, void(Values...)> {
  /// Packs the operation into an Awaiter; nothing starts until the coroutine co_awaits it.
  template <typename Initiation, typename... Args>
  static auto initiate(Initiation&& initiation, concur::Resume /*token*/, Args&&... args) {
    using InitArgs = std::tuple<std::decay_t<Args>...>;
    return concur::detail::Awaiter<std::decay_t<Initiation>, InitArgs, Values...>(
        std::forward<Initiation>(initiation), InitArgs(std::forward<Args>(args)...));
  }
};
