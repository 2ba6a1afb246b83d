#include "cli/man_page.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "registry/lessons.hpp"
#include "registry/registry.hpp"

namespace concur {
namespace {

// Glyphs every groff output device has (tty included) for the characters our texts use; any
// other character becomes \[uXXXX], which the man-page lint test would flag on a device that
// lacks it.
constexpr std::array<std::pair<char32_t, std::string_view>, 17> kGlyphs{{
    {U'—', "\\(em"},
    {U'–', "\\(en"},
    {U'…', "..."},
    {U'×', "\\(mu"},
    {U'→', "\\(->"},
    {U'←', "\\(<-"},
    {U'≈', "\\(~~"},
    {U'≥', "\\(>="},
    {U'≤', "\\(<="},
    {U'µ', "u"},  // \(mc has no glyph on the ASCII terminal device
    {U'·', "\\(pc"},
    {U'“', "\\(lq"},
    {U'”', "\\(rq"},
    {U'‘', "\\(oq"},
    {U'’', "\\(cq"},
    {U'✓', "ok"},
    {U'✗', "FAIL"},
}};

// Decodes the UTF-8 sequence at text[i], advancing i; a malformed byte stands for itself.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i++]);
  int extra = 0;
  char32_t cp = byte;
  if ((byte & 0xE0U) == 0xC0U) {
    extra = 1;
    cp = byte & 0x1FU;
  } else if ((byte & 0xF0U) == 0xE0U) {
    extra = 2;
    cp = byte & 0x0FU;
  } else if ((byte & 0xF8U) == 0xF0U) {
    extra = 3;
    cp = byte & 0x07U;
  }
  for (; extra > 0 && i < text.size(); --extra) cp = (cp << 6U) | (static_cast<unsigned char>(text[i++]) & 0x3FU);
  return cp;
}

std::string flat(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// A line of the page that is text, not a request.
std::string text_line(std::string_view text) { return roff_escape(flat(text)) + "\n"; }

// Bold and italic runs, the man(7) way: ".B word" would not let the placeholder follow.
// (fmt rather than a literal plus a temporary string, on which GCC 12 warns falsely: -Wrestrict.)
std::string bold(std::string_view text) { return fmt::format("\\fB{}\\fR", roff_escape(text)); }
std::string italic(std::string_view text) { return fmt::format("\\fI{}\\fR", roff_escape(text)); }

// "<N>" as man pages write a value: N in italics.
std::string placeholder(std::string_view value) {
  if (value.size() > 2 && value.front() == '<' && value.back() == '>') value = value.substr(1, value.size() - 2);
  return italic(value);
}

std::string flags_of(const ArgumentDoc& option) {
  std::string out;
  for (const std::string& flag : option.flags) out += (out.empty() ? "" : ", ") + bold(flag);
  if (!option.value.empty()) out += " " + placeholder(option.value);
  return out;
}

// How a command is typed: its name, its positional arguments, then its options.
std::string usage_of(const std::string& program, const CommandDoc& command) {
  std::string out = fmt::format("{} {}", bold(program), bold(command.name));
  for (const ArgumentDoc& p : command.positionals)
    out += p.required ? fmt::format(" {}", placeholder(p.value)) : fmt::format(" [{}]", placeholder(p.value));
  for (const ArgumentDoc& o : command.options)
    if (o.required) out += fmt::format(" {} {}", bold(o.flags.back()), placeholder(o.value));
  if (command.options.size() > 1) out += fmt::format(" [{}]", italic("options"));
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
  std::string out = ".TP\n" + flags_of(o) + "\n" + text_line(o.help);
  std::vector<std::string> facts;
  if (!o.default_text.empty()) facts.push_back(fmt::format("Default: {}.", o.default_text));
  if (!o.range.empty()) facts.push_back(fmt::format("From {}.", o.range));
  if (!o.scenarios.empty()) facts.push_back(fmt::format("Scenarios: {}.", fmt::join(o.scenarios, ", ")));
  if (entry.commands.size() < command_count)
    facts.push_back(fmt::format("Commands: {}.", fmt::join(entry.commands, ", ")));
  if (!facts.empty()) out += ".br\n" + text_line(fmt::format("{}", fmt::join(facts, " ")));
  return out;
}

std::string options_section(const CommandLineDoc& doc) {
  const std::vector<OptionEntry> entries = all_options(doc);
  std::vector<std::string> groups;
  for (const OptionEntry& e : entries)
    if (std::find(groups.begin(), groups.end(), e.doc.group) == groups.end()) groups.push_back(e.doc.group);
  std::string out = ".SH OPTIONS\n";
  out += text_line(
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
    out += ".TP\n" + flags_of(o) + "\n" + text_line(o.help);
    if (o.name == "help")
      out += ".br\n" + text_line("After a command: the options of that command, with their value types and defaults.");
  }
  return out;
}

// What each placeholder of the option table means, for the VALUES section.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kValueMeanings{{
    {"<N>", "A whole number, within the range the option gives."},
    {"<DURATION>",
     "A number and a unit: ns, us (microseconds), ms, s or m (minutes), as in 100ms, 1.5s, 250us; a "
     "bare number is refused."},
    {"<SIZE>", "Bytes, or a number and a unit: B, KiB, MiB, GiB, kB, MB, GB, as in 4MiB or 512KiB."},
    {"<FILE>", "A file the tool writes; it is written beside its final name, then renamed."},
    {"<DIR>", "A directory the tool only reads."},
    {"<MODELS>", "Model names separated by commas; all for the core models, py for the Python rows."},
    {"<WORD>", "One of the words the option lists."},
    {"<TEXT>", "Text the option reads itself, as its line says."},
    {"<SCENARIO>", "A scenario name (see SCENARIOS)."},
    {"<TOPIC>", "A model, a scenario or a lesson (see MODELS, SCENARIOS, LESSONS)."},
}};

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
    const auto it =
        std::find_if(kValueMeanings.begin(), kValueMeanings.end(), [&](const auto& m) { return m.first == value; });
    out += ".TP\n" + placeholder(value) + "\n" +
           text_line(it == kValueMeanings.end() ? std::string_view("As the option says.") : it->second);
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
    for (; i < doc.commands.size() && plain_command(doc.commands[i]); ++i) names.push_back(bold(doc.commands[i].name));
    out += ".br\n" + bold(doc.program) + " " + fmt::format("{}", fmt::join(names, " | ")) + " [" + italic("options") +
           "]\n";
  }
  return out;
}

std::string commands_section(const CommandLineDoc& doc) {
  std::string out = ".SH COMMANDS\n";
  for (const CommandDoc& c : doc.commands) {
    out += ".TP\n" + usage_of(doc.program, c) + "\n" + text_line(c.summary);
    std::vector<std::string> names;
    for (const ArgumentDoc& o : c.options)
      if (o.name != "help") names.push_back(o.flags.back());
    if (!names.empty()) out += ".br\n" + text_line(fmt::format("Options: {}.", fmt::join(names, " ")));
  }
  return out;
}

std::string registry_sections() {
  std::string out = ".SH MODELS\n";
  out += text_line(
      "How tasks run. --model all (the default) runs the core models; the others are asked for by name "
      "and bring the row they are compared with. concur-demo explain MODEL tells what one teaches.");
  for (const ModelInfo& m : models()) {
    const char* kind = m.kind == ModelKind::core      ? ""
                       : m.kind == ModelKind::variant ? " (by name)"
                                                      : " (by name or py)";
    out += ".TP\n" + bold(m.name) + roff_escape(kind) + "\n" + text_line(m.blurb);
  }
  out += ".SH SCENARIOS\n";
  out += text_line("What the work is. Each is a command of its own; io, cpu and all run groups of them.");
  for (const ScenarioInfo& s : scenarios()) {
    const std::string where = s.hidden ? std::string(" (the count command)") : fmt::format(" ({})", s.group);
    out += ".TP\n" + bold(s.name) + roff_escape(where) + "\n" + text_line(s.blurb);
  }
  out += ".SH LESSONS\n";
  out +=
      text_line("What the tool exists to show; concur-demo explain LESSON prints one, with the command that shows it.");
  for (const Lesson& l : lessons()) out += ".TP\n" + bold(l.name) + "\n" + text_line(l.title);
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
  out += text_line("Every scenario under every core model, as a classroom would start:");
  out += ".PP\n.RS\n.EX\n" + roff_escape(doc.program + " all") + "\n.EE\n.RE\n";
  out += ".PP\n" + text_line("More, from the commands' --help:");
  out += ".PP\n.RS\n.EX\n";
  for (const std::string& line : lines) out += roff_escape(line) + "\n";
  out += ".EE\n.RE\n";
  return out;
}

constexpr std::string_view kExitStatus = R"(.SH EXIT STATUS
.TP
.B 0
Every row was measured and verified, or the command only printed (list, explain, \-\-help).
.TP
.B 1
A row failed verification or could not run (it shows as FAIL with the reason), or an error
stopped the tool (one line on standard error).
.TP
.B 2
Bad input: an unknown command, option, model, scenario or lesson, a value that cannot be
read or is out of range, or a run this machine's limits refuse (see \-\-ignore\-limits); one
line on standard error, nothing measured.
.TP
.BR 129 ", " 130 ", " 143
Stopped by SIGHUP, SIGINT (Ctrl\-C) or SIGTERM: every process of the run was killed and
reaped and the temporary files removed first.
)";

constexpr std::string_view kEnvironment = R"(.SH ENVIRONMENT
.TP
.B NO_COLOR
When set to a non\-empty value, the table and the charts are printed without colour.
.TP
.B CLICOLOR_FORCE
When set to a value other than 0, colour is used even when standard output is not a
terminal (NO_COLOR still wins).
.TP
.B COLUMNS
The width the table is laid out for; without it, the terminal's width, and the full table
when standard output is a file or a pipe.
.TP
.B TMPDIR
Where the tool makes its one temporary directory (default /tmp): the generated files of
the files scenario are written there, and removed at exit.
.TP
.B PATH
Searched for python3, which runs the Python reference rows (they are skipped with a note
without it).
.TP
.B CI
When set (and not false or 0), no progress line is drawn on standard error.
)";

constexpr std::string_view kFiles = R"(.SH FILES
.TP
.I $TMPDIR/concur\-demo.XXXXXX/
The temporary directory of one invocation; nothing else is written, except the files named
by \-\-output, \-\-trace and \-\-svg, each written beside its name and renamed into place.
.TP
.I share/doc/concur\-demo/
Under the prefix the tool was installed to (/usr for the Debian package, /usr/local or
~/.local from the source tree): the README, how every number is measured
(measurement.md), the JSON contract (json.md), a page per lesson with real output
(lessons/) and the Python reference program (python/reference.py).
)";

constexpr std::string_view kSeeAlso = R"(.SH SEE ALSO
.BR python3 (1),
.BR mpirun (1),
.BR perf (1),
.BR time (1)
)";

}  // namespace

std::string roff_escape(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80U) {
      ++i;
      if (c == '\\') {
        out += "\\e";
      } else if (c == '-') {
        out += "\\-";
      } else if ((c == '.' || c == '\'') && (out.empty() || out.back() == '\n')) {
        out += "\\&";
        out += c;
      } else {
        out += c;
      }
      continue;
    }
    const char32_t cp = next_code_point(text, i);
    const auto it = std::find_if(kGlyphs.begin(), kGlyphs.end(), [&](const auto& g) { return g.first == cp; });
    out += it != kGlyphs.end() ? std::string(it->second) : fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(cp));
  }
  return out;
}

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
  out += ".br\n" + bold(doc.program) + " " + bold("--help") + " | " + bold("--version") + "\n";
  out += ".SH DESCRIPTION\n" + text_line(doc.summary);
  out += ".PP\n" + text_line(
                       "Each command runs one or more scenarios (timer waits, file reads, big-number factorials) "
                       "under each chosen model, every run in a fresh child process, and prints one table per "
                       "scenario: wall and CPU time, CPU utilisation, speedup over the sequential baseline, threads, "
                       "processes, tasks in flight, peak memory, and whether every task's result was verified. A "
                       "one-line takeaway under each table says which lesson the numbers show on this machine.");
  out += commands_section(doc);
  out += options_section(doc);
  out += values_section(doc);
  out += registry_sections();
  out += kExitStatus;
  out += kEnvironment;
  out += kFiles;
  out += examples_section(doc);
  out += kSeeAlso;
  return out;
}

}  // namespace concur
