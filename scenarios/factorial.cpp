// Big-number factorial.
static constexpr char kLesson[] = R"(Every task computes k! with a plain loop of big-number multiplications: all
CPU, no waiting. Overlapping does not help here, because there is no idle time to fill; only
running tasks on several cores at the same instant does. Threads, processes, a pool and a
multi-threaded fiber scheduler approach one speedup per core; a single-threaded event loop runs
the computations one after another and gains nothing, whatever its concurrency.)";

#include <bit>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "scenarios/scenario.hpp"

namespace concur {
namespace {

constexpr std::uint32_t kDefaultK = 40'000;
constexpr std::int64_t kDefaultTasks = 8;

// Number of factors of two in k! (Legendre): k minus the number of one bits of k.
std::uint64_t twos_in_factorial(std::uint32_t k) { return k - static_cast<std::uint64_t>(std::popcount(k)); }

std::uint64_t trailing_zero_bits(std::span<const std::uint64_t> limbs) {
  std::uint64_t bits = 0;
  for (const auto limb : limbs) {
    if (limb != 0) return bits + static_cast<std::uint64_t>(std::countr_zero(limb));
    bits += 64;
  }
  return bits;
}

class FactorialScenario final : public Scenario {
 public:
  explicit FactorialScenario(const ScenarioOptions& options)
      : tasks_(options.tasks.value_or(kDefaultTasks)), k_(options.factorial.value_or(kDefaultK)) {
    work_.assign(static_cast<std::size_t>(tasks_), FactorialWork{k_});
    // The reference result is computed once here, in the parent, before any measured run: it
    // gives the expected digest and the time one factorial takes alone on this machine.
    const auto start = std::chrono::steady_clock::now();
    const Outcome reference = compute_factorial(FactorialWork{k_});
    task_time_ = std::chrono::steady_clock::now() - start;
    bits_ = reference.value;
    digest_ = digest_words(reference.payload);
    // An independent check on the reference itself, so a broken multiply loop cannot verify
    // its own wrong answer: log2(k!) from lgamma, and the exact count of factors of two.
    const double log2_fact = std::lgamma(static_cast<double>(k_) + 1.0) / std::log(2.0);
    const auto expected_bits = static_cast<std::int64_t>(std::floor(log2_fact)) + 1;
    if (std::llabs(static_cast<std::int64_t>(bits_) - expected_bits) > 1 ||
        trailing_zero_bits(reference.payload) != twos_in_factorial(k_))
      throw std::logic_error(fmt::format("the reference {}! failed its own sanity check", k_));
  }

  [[nodiscard]] std::string title() const override {
    return fmt::format("every task computes k! with big integers, {} bits (CPU-bound)", bits_);
  }

  [[nodiscard]] std::vector<Param> params() const override {
    return {Param{.key = "factorial", .value = static_cast<std::int64_t>(k_), .display = fmt::format("{}", k_)}};
  }

  [[nodiscard]] const WorkList& work() const override { return work_; }
  [[nodiscard]] Bound bound() const override { return Bound::cpu; }
  [[nodiscard]] std::chrono::nanoseconds task_time() const override { return task_time_; }

  [[nodiscard]] Verdict verify(std::span<const Outcome> outcomes) const override {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const Outcome& o = outcomes[i];
      if (o.value != bits_) return {false, fmt::format("task {}: {}! has {} bits, expected {}", i, k_, o.value, bits_)};
      if (digest_words(o.payload) != digest_)
        return {false, fmt::format("task {}: {}! digest differs from the reference", i, k_)};
    }
    return {true, {}};
  }

 private:
  std::int64_t tasks_;
  std::uint32_t k_;
  WorkList work_;
  std::chrono::nanoseconds task_time_{};
  std::uint64_t bits_ = 0;
  std::uint64_t digest_ = 0;
};

}  // namespace

/// Registry entry for the factorial scenario.
ScenarioInfo factorial_scenario() {
  return {.name = "factorial",
          .blurb = "big-number factorial: N tasks each compute k! (CPU-bound, nothing to wait for)",
          .group = "cpu",
          .lesson = kLesson,
          .make = [](const ScenarioOptions& o) -> std::unique_ptr<Scenario> {
            return std::make_unique<FactorialScenario>(o);
          },
          .size = [](const ScenarioOptions& o) { return ScenarioSize{.tasks = o.tasks.value_or(kDefaultTasks)}; }};
}

}  // namespace concur
