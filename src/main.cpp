// concur-demo: parse → validate → run → report.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "cli.hpp"
#include "interrupt.hpp"
#include "limits.hpp"
#include "list_command.hpp"
#include "machine.hpp"
#include "parse.hpp"
#include "registry.hpp"
#include "report/reporter.hpp"
#include "runner.hpp"
#include "takeaway.hpp"

namespace {

bool wants_color(const concur::Invocation& inv) {
  const char* term = std::getenv("TERM");
  return inv.format == "table" && !inv.output && ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
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
  bool all_verified = true;
  for (std::size_t i = 0; i < built.size(); ++i) {
    ScenarioResult result = measure_scenario(*inv.scenarios[i], *built[i], inv.plan);
    result.takeaway = compute_takeaway(result, built[i]->bound(), inv.plan.cores);
    for (const auto& row : result.rows) all_verified = all_verified && row.verified;
    report.scenarios.push_back(std::move(result));
  }
  RenderOptions render;
  render.color = wants_color(inv);
  std::ostringstream text;
  make_reporter(inv.format, render)->write(report, text);
  if (inv.output) {
    write_file_atomically(*inv.output, text.str());
  } else {
    std::cout << text.str() << std::flush;
    // SIGPIPE is ignored (so a closed reader cannot skip the cleanup): say so instead of exit 0.
    if (!std::cout) throw std::runtime_error("cannot write the report to standard output");
  }
  return all_verified ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace concur;
  try {
    const Invocation inv = parse_command_line(argc, argv, hardware_threads());
    switch (inv.action) {
      case Invocation::Action::help:
        std::cout << inv.help_text;
        return 0;
      case Invocation::Action::list:
        print_list(std::cout);
        return 0;
      case Invocation::Action::run:
        return run(inv);
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
