// concur-demo: parse → validate → run → report.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "analysis/takeaway.hpp"
#include "cli/app.hpp"
#include "commands/count.hpp"
#include "commands/delivery.hpp"
#include "commands/explain.hpp"
#include "commands/list.hpp"
#include "commands/sweep.hpp"
#include "core/parse.hpp"
#include "measure/calibration.hpp"
#include "measure/limits.hpp"
#include "measure/machine.hpp"
#include "measure/runner.hpp"
#include "registry/registry.hpp"
#include "report/reporter.hpp"
#include "report/trace.hpp"
#include "sys/atomic_file.hpp"
#include "sys/interrupt.hpp"

namespace {

// Columns for timelines and wrapped lines: the terminal's, when the report goes to one.
int output_width(const concur::Invocation& inv) {
  winsize size{};
  if (!inv.output && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col >= 40)
    return size.ws_col;
  return 100;
}

int run(const concur::Invocation& inv) {
  using namespace concur;
  install_interrupt_handlers();
  // Build every scenario before measuring anything: a bad --dir must fail before the first
  // table, not after the sleep scenario has taken half a minute.
  std::vector<std::unique_ptr<Scenario>> built;
  for (const ScenarioInfo* info : inv.scenarios) {
    try {
      built.push_back(info->make(inv.scenario_options));
    } catch (const ParseError& e) {
      throw UsageError(e.what());
    }
  }
  // Refuse what this machine cannot run before anything is measured (exit 2), unless the
  // user wants to watch a model hit the limit.
  if (!inv.ignore_limits) {
    const MachineLimits limits = probe_limits();
    for (std::size_t i = 0; i < built.size(); ++i)
      if (auto why = scenario_limit_problem(*inv.scenarios[i], *built[i], inv.plan, limits); !why.empty())
        throw UsageError(why);
  }
  Report report;
  report.version = CONCUR_VERSION;
  report.machine = probe_machine();
  report.calibration = calibrate_bookkeeping();
  bool all_verified = true;
  for (std::size_t i = 0; i < built.size(); ++i) {
    ScenarioResult result = measure_scenario(*inv.scenarios[i], *built[i], inv.plan);
    result.takeaway = compute_takeaway(result, built[i]->bound(), inv.plan.cores);
    for (const auto& row : result.rows) all_verified = all_verified && row.verified;
    report.scenarios.push_back(std::move(result));
  }
  attribute_bookkeeping(report);
  RenderOptions render;
  render.color = wants_color(inv.format, inv.output.has_value());
  render.width = output_width(inv);
  render.timeline = inv.timeline;
  if (inv.trace) {
    std::ostringstream trace;
    write_trace(report, trace);
    write_file_atomically(*inv.trace, trace.str());
  }
  std::ostringstream text;
  make_reporter(inv.format, render)->write(report, text);
  deliver(text.str(), inv.output);
  return all_verified ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace concur;
  try {
    const Invocation inv = parse_command_line(argc, argv, hardware_threads());
    for (const auto& note : inv.notes) std::cerr << "concur-demo: note: " << note << '\n';
    const bool nothing_to_run =
        inv.plan.models.empty() && (inv.action == Invocation::Action::run || inv.action == Invocation::Action::count);
    if (nothing_to_run) return 0;  // every model asked for was skipped, and the note said why
    switch (inv.action) {
      case Invocation::Action::help:
        std::cout << inv.help_text;
        return 0;
      case Invocation::Action::list:
        print_list(std::cout);
        return 0;
      case Invocation::Action::run:
        return run(inv);
      case Invocation::Action::sweep:
        return run_sweep(inv);
      case Invocation::Action::explain:
        print_explain(inv.topic, std::cout);
        return 0;
      case Invocation::Action::count:
        install_interrupt_handlers();
        return run_count(inv.plan, *inv.scenario_options.delay, std::cout);
    }
  } catch (const UsageError& e) {
    std::cerr << "concur-demo: " << printable(e.what()) << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "concur-demo: error: " << printable(e.what()) << '\n';
    return 1;
  }
  return 1;
}
