#include "cli/man_page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/man_page_text.hpp"
#include "cli/roff.hpp"
#include "registry/lessons.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

std::string flags_of(const ArgumentDoc& option) {
  std::string out;
  for (const std::string& flag : option.flags) out += (out.empty() ? "" : ", ") + roff_bold(flag);
  if (!option.value.empty()) out += " " + roff_placeholder(option.value);
  return out;
}

// How a command is typed: its name, its positional arguments, then its options.
std::string usage_of(const std::string& program, const CommandDoc& command) {
  std::string out = fmt::format("{} {}", roff_bold(program), roff_bold(command.name));
  for (const ArgumentDoc& p : command.positionals)
    out += p.required ? fmt::format(" {}", roff_placeholder(p.value)) : fmt::format(" [{}]", roff_placeholder(p.value));
  for (const ArgumentDoc& o : command.options)
    if (o.required) out += fmt::format(" {} {}", roff_bold(o.flags.back()), roff_placeholder(o.value));
  if (command.options.size() > 1) out += fmt::format(" [{}]", roff_italic("options"));
  return out;
}

// One option as the OPTIONS section shows it: the plainest of its help lines (a command of
// several scenarios prefixes the ones that use it), then its default, range, scenarios and commands.
struct OptionEntry {
  ArgumentDoc doc;
  std::vector<std::string> commands;
};

std::vector<OptionEntry> all_options(const CommandLineDoc& doc) {
  std::vector<OptionEntry> entries;
  for (const CommandDoc& command : doc.commands)
    for (const ArgumentDoc& option : command.options) {
      if (option.name == "help") continue;  // every command has it; listed once with the general options
      auto it =
          std::find_if(entries.begin(), entries.end(), [&](const OptionEntry& e) { return e.doc.name == option.name; });
      if (it == entries.end()) {
        entries.push_back(OptionEntry{.doc = option, .commands = {command.name}});
        continue;
      }
      it->commands.push_back(command.name);
      if (option.help.size() < it->doc.help.size()) it->doc.help = option.help;
    }
  return entries;
}

std::string describe_option(const OptionEntry& entry, std::size_t command_count) {
  const ArgumentDoc& o = entry.doc;
  std::string out = ".TP\n" + flags_of(o) + "\n" + roff_line(o.help);
  std::vector<std::string> facts;
  if (!o.default_text.empty()) facts.push_back(fmt::format("Default: {}.", o.default_text));
  if (!o.range.empty()) facts.push_back(fmt::format("From {}.", o.range));
  if (!o.scenarios.empty()) facts.push_back(fmt::format("Scenarios: {}.", fmt::join(o.scenarios, ", ")));
  if (entry.commands.size() < command_count)
    facts.push_back(fmt::format("Commands: {}.", fmt::join(entry.commands, ", ")));
  if (!facts.empty()) out += ".br\n" + roff_line(fmt::format("{}", fmt::join(facts, " ")));
  return out;
}

std::string options_section(const CommandLineDoc& doc) {
  const std::vector<OptionEntry> entries = all_options(doc);
  std::vector<std::string> groups;
  for (const OptionEntry& e : entries)
    if (std::find(groups.begin(), groups.end(), e.doc.group) == groups.end()) groups.push_back(e.doc.group);
  std::string out = ".SH OPTIONS\n";
  out += roff_line(
      "Each command takes the options below that name it (all of them when no command is named); "
      "concur-demo COMMAND --help lists exactly the options of that command. A value follows its "
      "option as the next word or after an equals sign (--tasks 50, --tasks=50); an option given twice, "
      "an empty value, a value out of range and an option no chosen scenario uses are refused with one "
      "line and exit status 2.");
  for (const std::string& group : groups) {
    out += ".SS " + roff_escape(group) + "\n";
    for (const OptionEntry& e : entries)
      if (e.doc.group == group) out += describe_option(e, doc.commands.size());
  }
  out += ".SS General\n";
  for (const ArgumentDoc& o : doc.options) {
    out += ".TP\n" + flags_of(o) + "\n" + roff_line(o.help);
    if (o.name == "help")
      out += ".br\n" + roff_line("After a command: the options of that command, with their value types and defaults.");
  }
  return out;
}

std::string values_section(const CommandLineDoc& doc) {
  std::vector<std::string> used;
  const auto note = [&](const ArgumentDoc& a) {
    if (!a.value.empty() && std::find(used.begin(), used.end(), a.value) == used.end()) used.push_back(a.value);
  };
  for (const CommandDoc& c : doc.commands) {
    for (const ArgumentDoc& a : c.positionals) note(a);
    for (const ArgumentDoc& a : c.options) note(a);
  }
  std::string out = ".SH VALUES\n";
  for (const std::string& value : used) {
    out += ".TP\n" + roff_placeholder(value) + "\n" + roff_line(value_meaning(value));
  }
  return out;
}

// Whether the command is typed as its name and options alone (the scenario commands, count).
bool plain_command(const CommandDoc& c) {
  return c.positionals.empty() && c.options.size() > 1 &&
         std::none_of(c.options.begin(), c.options.end(), [](const ArgumentDoc& o) { return o.required; });
}

// One line per shape of command line; neighbouring plain commands share one ("io | cpu | …").
std::string synopsis(const CommandLineDoc& doc) {
  std::string out;
  for (std::size_t i = 0; i < doc.commands.size();) {
    const CommandDoc& c = doc.commands[i];
    if (!plain_command(c)) {
      out += ".br\n" + usage_of(doc.program, c) + "\n";
      ++i;
      continue;
    }
    std::vector<std::string> names;
    for (; i < doc.commands.size() && plain_command(doc.commands[i]); ++i)
      names.push_back(roff_bold(doc.commands[i].name));
    out += ".br\n" + roff_bold(doc.program) + " " + fmt::format("{}", fmt::join(names, " | ")) + " [" +
           roff_italic("options") + "]\n";
  }
  return out;
}

std::string commands_section(const CommandLineDoc& doc) {
  std::string out = ".SH COMMANDS\n";
  for (const CommandDoc& c : doc.commands) {
    out += ".TP\n" + usage_of(doc.program, c) + "\n" + roff_line(c.summary);
    std::vector<std::string> names;
    for (const ArgumentDoc& o : c.options)
      if (o.name != "help") names.push_back(o.flags.back());
    if (!names.empty()) out += ".br\n" + roff_line(fmt::format("Options: {}.", fmt::join(names, " ")));
  }
  return out;
}

std::string registry_sections() {
  std::string out = ".SH MODELS\n";
  out += roff_line(
      "How tasks run. --model all (the default) runs the core models; the others are asked for by name "
      "and bring the row they are compared with. concur-demo explain MODEL tells what one teaches.");
  for (const ModelInfo& m : models()) {
    const char* kind = m.kind == ModelKind::core      ? ""
                       : m.kind == ModelKind::variant ? " (by name)"
                                                      : " (by name or py)";
    out += ".TP\n" + roff_bold(m.name) + roff_escape(kind) + "\n" + roff_line(m.blurb);
  }
  out += ".SH SCENARIOS\n";
  out += roff_line("What the work is. Each is a command of its own; io, cpu and all run groups of them.");
  for (const ScenarioInfo& s : scenarios()) {
    const std::string where = s.hidden ? std::string(" (the count command)") : fmt::format(" ({})", s.group);
    out += ".TP\n" + roff_bold(s.name) + roff_escape(where) + "\n" + roff_line(s.blurb);
  }
  out += ".SH LESSONS\n";
  out +=
      roff_line("What the tool exists to show; concur-demo explain LESSON prints one, with the command that shows it.");
  for (const Lesson& l : lessons()) out += ".TP\n" + roff_bold(l.name) + "\n" + roff_line(l.title);
  return out;
}

// The examples of --help: the lines of the footers that are commands.
std::string examples_section(const CommandLineDoc& doc) {
  std::vector<std::string> lines;
  // The scenario commands share their examples but for the name: the first command's stand for all.
  std::vector<std::string> shapes;
  const auto shape_of = [&](std::string_view line, const std::string& name) {
    if (name.empty()) return std::string(line);
    std::string shape;
    for (auto at = line.find(name); at != std::string_view::npos; at = line.find(name)) {
      shape.append(line.substr(0, at)).push_back('\x01');
      line.remove_prefix(at + name.size());
    }
    return shape.append(line);
  };
  const auto collect = [&](std::string_view footer, const std::string& name) {
    while (!footer.empty()) {
      const auto end = footer.find('\n');
      std::string_view line = footer.substr(0, end);
      footer = end == std::string_view::npos ? std::string_view() : footer.substr(end + 1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (!line.starts_with(doc.program + " ")) continue;
      std::string shape = shape_of(line, name);
      if (std::find(shapes.begin(), shapes.end(), shape) != shapes.end()) continue;
      shapes.push_back(std::move(shape));
      lines.emplace_back(line);
    }
  };
  collect(doc.footer, "");
  for (const CommandDoc& c : doc.commands) collect(c.footer, c.name);
  std::string out = ".SH EXAMPLES\n";
  out += roff_line("Every scenario under every core model, as a classroom would start:");
  out += ".PP\n.RS\n.EX\n" + roff_escape(doc.program + " all") + "\n.EE\n.RE\n";
  out += ".PP\n" + roff_line("More, from the commands' --help:");
  out += ".PP\n.RS\n.EX\n";
  for (const std::string& line : lines) out += roff_escape(line) + "\n";
  out += ".EE\n.RE\n";
  return out;
}

}  // namespace

std::string man_page(const CommandLineDoc& doc) {
  std::string out;
  out += fmt::format(".\\\" {}({}) {}: generated from the command line, the option table and the registry.\n",
                     doc.program, 1, doc.version);
  out += ".\\\" Do not edit: the build writes it again.\n";
  out += fmt::format(".TH {} 1 \"\" \"{} {}\" \"User Commands\"\n", "CONCUR\\-DEMO", roff_escape(doc.program),
                     roff_escape(doc.version));
  // No hyphenation and a ragged right margin: option names and model lists must stay whole.
  out += ".nh\n.ad l\n";
  out += ".SH NAME\n" + roff_escape(doc.program) + " \\- " +
         roff_escape("concurrency models measured side by side on the same workloads") + "\n";
  out += ".SH SYNOPSIS\n";
  out += synopsis(doc);
  out += ".br\n" + roff_bold(doc.program) + " " + roff_bold("--help") + " | " + roff_bold("--version") + "\n";
  out += ".SH DESCRIPTION\n" + roff_line(doc.summary);
  out += ".PP\n" + roff_line(
                       "Each command runs one or more scenarios (timer waits, file reads, big-number factorials) "
                       "under each chosen model, every run in a fresh child process, and prints one table per "
                       "scenario: wall and CPU time, CPU utilisation, speedup over the sequential baseline, threads, "
                       "processes, tasks in flight, peak memory, and whether every task's result was verified. A "
                       "one-line takeaway under each table says which lesson the numbers show on this machine.");
  out += commands_section(doc);
  out += options_section(doc);
  out += values_section(doc);
  out += registry_sections();
  out += man_exit_status();
  out += man_environment();
  out += man_files();
  out += examples_section(doc);
  out += man_see_also();
  return out;
}

}  // namespace concur
