// The judge of the lesson about many connections: what each waiting connection costs.
#include <string>
#include <utility>

#include <fmt/format.h>

#include "registry/lesson_rows.hpp"
#include "registry/lesson_verdicts.hpp"

namespace concur {
namespace {

// One thread per connection: a few may end before the last thread starts when starting threads
// costs more than a latency, so nine in ten count as all. The same share of connections open at
// once says async held them together. (Their wall time is no criterion: on two cores a thousand
// connects, requests and checksums, in the clients and in the server, take several latencies.)
constexpr double kAllInFlight = 0.9;

// A thread per connection costs clearly more than a coroutine frame: a stack's touched pages and
// a kernel task against a frame and a socket. Twice as much is far beyond the noise of two rows'
// memory growth, and far below the tens of times the two usually differ.
constexpr double kCostsMore = 2.0;

}  // namespace

LessonVerdict judge_c10k(const Report& report) {
  const LessonRows rows(report, {"thread", "async"});
  if (auto problem = rows.problem()) return *problem;
  const ModelResult& thread = rows["thread"];
  const ModelResult& async = rows["async"];
  const ScenarioResult& s = rows.scenario();
  std::string what = fmt::format(
      "{} connections: thread held them on {} at {:.1f} KiB each; async held {} at once on {} at {:.1f} KiB each",
      s.tasks, place_phrase(thread), thread.rss_per_task_kib, async.max_in_flight, place_phrase(async),
      async.rss_per_task_kib);
  if (rows.has("fiber")) what += fmt::format("; fiber {:.1f} KiB each", rows["fiber"].rss_per_task_kib);
  std::string why;
  if (thread.rss_per_task_kib < kCostsMore * async.rss_per_task_kib)
    why = "a thread per connection did not cost clearly more memory than a coroutine";
  if (async.os_threads != 1) why = "async ran on more than one thread";
  if (static_cast<double>(thread.os_threads) < kAllInFlight * static_cast<double>(s.tasks))
    why = "thread did not hold a thread per connection";
  if (static_cast<double>(async.max_in_flight) < kAllInFlight * static_cast<double>(s.tasks))
    why = "async did not hold the connections open together";
  const bool shown = why.empty();  // read before `why` moves into the verdict
  return verdict(shown, std::move(what), std::move(why));
}

}  // namespace concur
