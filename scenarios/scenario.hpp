// A scenario is *what* the work is: it builds the tasks of a run from the user's
// parameters, knows what each task must produce, and puts the machine in the state a
// fair run starts from. It knows nothing about models.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/results.hpp"
#include "scenarios/work.hpp"
#include "scenarios/work_list.hpp"

namespace concur {

/// Whether a scenario's tasks mostly wait (gain from overlap) or mostly compute (gain only
/// from parallel cores); decides how its ideal times are computed.
enum class Bound { io, cpu };

/// The user's scenario parameters; unset ones take the scenario's own default.
struct ScenarioOptions {
  std::optional<std::int64_t> tasks;              ///< --tasks
  std::optional<std::chrono::nanoseconds> delay;  ///< --delay (sleep)
  std::optional<std::uint64_t> size;              ///< --size (files)
  std::optional<std::string> dir;                 ///< --dir (files: read a user's files)
  bool warm_cache = false;                        ///< --cache warm (files)
  std::optional<std::uint32_t> factorial;         ///< --factorial (factorial)
};

/// Result of checking a run's outcomes against what the scenario expects.
struct Verdict {
  bool ok = false;  ///< every outcome matched
  std::string why;  ///< first mismatch, for the ✗ row; empty when ok
};

/// One scenario, built for one set of parameters and owning anything it created on disk.
class Scenario {
 public:
  virtual ~Scenario() = default;
  /// One-line description for the table header ("20 tasks, each waits 100ms").
  [[nodiscard]] virtual std::string title() const = 0;
  /// Parameters as shown in headers and JSON.
  [[nodiscard]] virtual std::vector<Param> params() const = 0;
  /// The tasks of one full run, in order.
  [[nodiscard]] virtual const WorkList& work() const = 0;
  /// Whether tasks wait or compute.
  [[nodiscard]] virtual Bound bound() const = 0;
  /// How long one task takes alone on an idle machine: nominal (sleep) or measured once (others).
  [[nodiscard]] virtual std::chrono::nanoseconds task_time() const = 0;
  /// Called in the parent before every run, warm-up or measured (e.g. evicts files from the page cache).
  virtual void prepare_run() {}
  /// Checks the outcomes of the first outcomes.size() tasks of work().
  [[nodiscard]] virtual Verdict verify(std::span<const Outcome> outcomes) const = 0;
};

/// What a run of a scenario asks of the machine, known without building it: nothing written,
/// nothing computed, so the limit check can refuse a run before any expensive preparation.
struct ScenarioSize {
  std::int64_t tasks = 0;    ///< tasks of a full run
  bool holds_files = false;  ///< each task holds a file open while it runs (counted against RLIMIT_NOFILE)
};

/// A scenario as the registry lists it.
struct ScenarioInfo {
  std::string_view name;                                      ///< command-line name
  std::string_view blurb;                                     ///< one line for `list` and help
  std::string_view group;                                     ///< "io" or "cpu": which umbrella command runs it
  std::string_view lesson;                                    ///< teaching paragraph, printed by `explain`
  std::unique_ptr<Scenario> (*make)(const ScenarioOptions&);  ///< builds it; throws ParseError on bad input
  /// Its size for `options`, cheaply (throws ParseError as make() would); null: make() is cheap, count its work.
  ScenarioSize (*size)(const ScenarioOptions&) = nullptr;
  /// Left out of all, of the io/cpu groups and of the scenario commands (count has its own command).
  bool hidden = false;
};

}  // namespace concur
