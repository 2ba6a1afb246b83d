#include "commands/list.hpp"

#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include "registry/registry.hpp"

namespace concur {

void print_list(std::ostream& out) {
  std::size_t width = 0;
  for (const auto& s : scenarios()) width = std::max(width, s.name.size());
  for (const auto& m : models()) width = std::max(width, m.name.size());
  fmt::print(out, "scenarios (run one with: concur-demo <scenario>; io, cpu and all run groups)\n");
  for (const auto& s : scenarios()) fmt::print(out, "  {:<{}}  [{}] {}\n", s.name, width, s.group, s.blurb);
  fmt::print(out, "\nmodels (choose with --model a,b,... ; default all, which is these)\n");
  for (const auto& m : models())
    if (m.kind == ModelKind::core) fmt::print(out, "  {:<{}}  {}\n", m.name, width, m.blurb);
  fmt::print(out, "\nasked for by name (py: every Python row; the rows they are compared with come along)\n");
  for (const auto& m : models())
    if (m.kind != ModelKind::core) fmt::print(out, "  {:<{}}  {}\n", m.name, width, m.blurb);
}

void add_list_command(CLI::App& app, Action& action, unsigned /*cores*/) {
  CLI::App* sub = app.add_subcommand("list", "list the scenarios and models with a line on each");
  sub->callback([&action] {
    action = [] {
      print_list(std::cout);
      return 0;
    };
  });
}

}  // namespace concur
