#include "commands/list.hpp"

#include <algorithm>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "commands/delivery.hpp"
#include "registry/registry.hpp"
#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {

void print_list(std::ostream& out) {
  // Wrapped to this terminal (100 columns when it is not one), blurbs hanging under themselves,
  // in its character set.
  const int columns = report_width(false);
  const Charset charset = terminal_charset();
  const auto shown = [charset](std::string_view text) { return in_charset(single_line(text), charset); };
  std::size_t width = 0;
  for (const auto& s : scenarios()) width = std::max(width, s.name.size());
  for (const auto& m : models()) width = std::max(width, m.name.size());
  const auto entry = [&](std::string_view name, const std::string& text) {
    out << hanging_paragraph(fmt::format("  {:<{}}  ", name, width), shown(text), columns);
  };
  const auto heading = [&](std::string_view text) { out << hanging_paragraph("", shown(text), columns); };
  heading("scenarios (run one with: concur-demo <scenario>; io, cpu and all run groups)");
  // A hidden scenario belongs to no group run: its own command runs it (count's words).
  for (const auto& s : scenarios()) entry(s.name, fmt::format("[{}] {}", s.hidden ? "own command" : s.group, s.blurb));
  out << '\n';
  heading("models (choose with --model a,b,... ; default all, which is these)");
  for (const auto& m : models())
    if (m.kind == ModelKind::core) entry(m.name, std::string(m.blurb));
  out << '\n';
  heading("asked for by name (py: every Python row; the rows they are compared with come along)");
  for (const auto& m : models())
    if (m.kind != ModelKind::core) entry(m.name, std::string(m.blurb));
}

void add_list_command(CommandLine& line, Action& action, unsigned /*cores*/) {
  Command sub = line.add("list", "list the scenarios and models with a line on each");
  sub.on_chosen([&action] {
    action = [] {
      print_list(std::cout);
      return 0;
    };
  });
}

}  // namespace concur
