// The timeouts of an event loop's fetches, kept by one timer instead of a timer per step. A
// step (connect, send, wait for the answer) only writes down its deadline, one clock read;
// the loop's one timer comes round every eighth of the shortest timeout, and a step it finds
// past its deadline has its socket's operation cancelled, which the fetch then reports as a
// timeout. A timer per step costs an entry in the loop's timer heap, a cancellation and an
// extra completion for every step of every fetch; here a step that ends in time costs nothing
// more, and a timeout is noticed at most an eighth late.
#pragma once

#include <chrono>
#include <cstddef>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace concur {

/// The deadlines of the fetches of one event loop (its thread only).
class FetchDeadlines {
 public:
  /// A fetch's socket, bound to the loop's own executor.
  using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

  /// One fetch's entry, for as long as the fetch lives.
  class Watched {
   public:
    /// Watches `socket` (which must outlive the entry) on `deadlines`.
    Watched(FetchDeadlines& deadlines, Socket& socket);
    /// Stops watching; the last entry stops the timer, so the loop can end at once.
    ~Watched();
    Watched(const Watched&) = delete;
    Watched& operator=(const Watched&) = delete;

    /// The step now starting must end within `timeout`.
    void expect_within(std::chrono::nanoseconds timeout);
    /// Whether the step's deadline passed and its operation was cancelled for it (ask when the
    /// operation ended with operation_aborted: one that had completed already is not undone).
    [[nodiscard]] bool expired() const { return expired_; }

   private:
    friend class FetchDeadlines;
    FetchDeadlines& deadlines_;
    Socket& socket_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    bool expired_ = false;
    Watched* previous_ = nullptr;  // the entries form a list, so that adding and removing one costs nothing
    Watched* next_ = nullptr;
  };

  /// No fetch watched yet; the timer runs on `executor`.
  explicit FetchDeadlines(const boost::asio::io_context::executor_type& executor) : timer_(executor) {}
  FetchDeadlines(const FetchDeadlines&) = delete;
  FetchDeadlines& operator=(const FetchDeadlines&) = delete;

 private:
  using Timer =
      boost::asio::basic_waitable_timer<std::chrono::steady_clock, boost::asio::wait_traits<std::chrono::steady_clock>,
                                        boost::asio::io_context::executor_type>;

  void arm();
  void check();

  Timer timer_;
  Watched* first_ = nullptr;
  std::size_t watched_ = 0;
  bool armed_ = false;
  std::chrono::nanoseconds shortest_ = std::chrono::nanoseconds::max();  // shortest timeout asked for
};

}  // namespace concur
