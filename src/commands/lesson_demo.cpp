#include "commands/lesson_demo.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands/count.hpp"
#include "commands/run.hpp"
#include "measure/machine.hpp"
#include "sys/interrupt.hpp"

namespace concur {
namespace {

constexpr std::string_view kProgram = "concur-demo";

// Standard output to /dev/null while alive: the count demo's tasks write their words straight
// to descriptor 1, which a quiet check must not show.
class QuietStdout {
 public:
  QuietStdout() {
    std::cout.flush();
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::close(null);
    }
  }
  ~QuietStdout() {
    std::cout.flush();
    if (saved_ < 0) return;
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }
  QuietStdout(const QuietStdout&) = delete;
  QuietStdout& operator=(const QuietStdout&) = delete;

 private:
  int saved_ = -1;
};

void print_notes(const std::vector<std::string>& notes) {
  for (const auto& note : notes) std::cerr << "concur-demo: note: " << note << '\n';
}

Report run_count_demo(const std::vector<std::string>& args, unsigned cores, const DemoMode& mode) {
  const CountRequest request = parse_count_command(args, cores);
  print_notes(request.notes);
  Report report;
  report.machine = probe_machine();
  ScenarioResult scenario;
  scenario.scenario = "count";
  scenario.tasks = 3;
  const double delay = std::chrono::duration<double>(request.delay).count();
  scenario.perfect_overlap_s = delay;
  scenario.back_to_back_s = delay * static_cast<double>(scenario.tasks);
  if (!request.plan.models.empty()) {
    install_interrupt_handlers();
    if (mode.show) {
      (void)run_count(request.plan, request.delay, std::cout, &scenario.rows);
    } else {
      const QuietStdout quiet;
      std::ostringstream ignored;
      (void)run_count(request.plan, request.delay, ignored, &scenario.rows);
    }
  }
  report.scenarios.push_back(std::move(scenario));
  return report;
}

}  // namespace

std::vector<std::string> demo_arguments(std::string_view command) {
  std::vector<std::string> words;
  std::istringstream in{std::string(command)};
  for (std::string word; in >> word;) words.push_back(word);
  if (!words.empty() && words.front() == kProgram) words.erase(words.begin());
  return words;
}

Report run_demo(std::string_view command, unsigned cores, const DemoMode& mode) {
  std::vector<std::string> args = demo_arguments(command);
  if (!args.empty() && args.front() == "count") return run_count_demo(args, cores, mode);
  if (mode.live) args.emplace_back("--live");
  ParsedRun parsed = parse_run_command(args, cores);
  print_notes(parsed.notes);
  // The judges read task records (when results arrived, who was in flight); keeping them costs
  // a clock read per task and draws nothing unless --timeline asked for it.
  for (Job& job : parsed.measurement.jobs) job.plan.record_tasks = true;
  if (parsed.measurement.jobs.empty() || parsed.measurement.jobs.front().plan.models.empty()) return {};
  Report report = measure_report(parsed.measurement);
  if (mode.show) write_report(parsed.measurement, report);
  return report;
}

}  // namespace concur
