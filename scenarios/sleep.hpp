// The sleep fan-out, shared by the scenarios made of nothing but waits: `sleep` itself, and
// `count`, whose waits are framed by the words its tasks say.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "scenarios/scenario.hpp"

namespace concur {

/// What a fan-out of waits is, besides the user's --tasks and --delay.
struct WaitFanOut {
  std::int64_t tasks;              ///< tasks when --tasks is not given
  std::chrono::nanoseconds delay;  ///< each task's wait when --delay is not given
  std::string_view title;          ///< the line under the table's heading; a literal (the scenario keeps the view)
  const char* before = nullptr;    ///< said by each task as its wait begins (SleepWork::before); null: nothing
  const char* after = nullptr;     ///< said by each task as its wait ends (SleepWork::after); null: nothing
};

/// Tasks that each wait --delay (or `shape`'s default), and must have waited at least that long.
std::unique_ptr<Scenario> make_wait_fan_out(const ScenarioOptions& options, const WaitFanOut& shape);

}  // namespace concur
