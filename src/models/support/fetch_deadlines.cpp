#include "models/support/fetch_deadlines.hpp"

#include <algorithm>

namespace concur {
namespace {

using Clock = std::chrono::steady_clock;

// How often the timer comes round: an eighth of the shortest timeout, within these bounds.
constexpr std::chrono::nanoseconds kFastestRound = std::chrono::milliseconds(5);
constexpr std::chrono::nanoseconds kSlowestRound = std::chrono::seconds(1);

}  // namespace

FetchDeadlines::Watched::Watched(FetchDeadlines& deadlines, Socket& socket) : deadlines_(deadlines), socket_(socket) {
  next_ = deadlines_.first_;
  if (next_ != nullptr) next_->previous_ = this;
  deadlines_.first_ = this;
  ++deadlines_.watched_;
}

FetchDeadlines::Watched::~Watched() {
  if (previous_ != nullptr) previous_->next_ = next_;
  if (next_ != nullptr) next_->previous_ = previous_;
  if (deadlines_.first_ == this) deadlines_.first_ = next_;
  if (--deadlines_.watched_ == 0 && deadlines_.armed_) {
    deadlines_.armed_ = false;
    try {
      deadlines_.timer_.cancel();
    } catch (...) {  // a timer's cancellation fails only on a corrupt loop; the round then ends on its own
    }
  }
}

void FetchDeadlines::Watched::expect_within(std::chrono::nanoseconds timeout) {
  deadline_ = Clock::now() + timeout;
  expired_ = false;  // a cancellation that came too late for the step before is forgotten
  deadlines_.shortest_ = std::min(deadlines_.shortest_, timeout);
  if (!deadlines_.armed_) deadlines_.arm();
}

void FetchDeadlines::arm() {
  armed_ = true;
  timer_.expires_after(std::clamp(shortest_ / 8, kFastestRound, kSlowestRound));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    // Cancelled: the last fetch has ended (and a new one may have armed the timer again since).
    if (ec) return;
    check();
  });
}

void FetchDeadlines::check() {
  armed_ = false;
  const auto now = Clock::now();
  for (Watched* w = first_; w != nullptr; w = w->next_) {
    if (w->expired_ || now < w->deadline_) continue;
    w->expired_ = true;
    boost::system::error_code ignored;
    w->socket_.cancel(ignored);
  }
  if (watched_ > 0) arm();
}

}  // namespace concur
