#include "cli/man_page_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace concur {
namespace {

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

std::string_view value_meaning(std::string_view placeholder) {
  const auto it =
      std::find_if(kValueMeanings.begin(), kValueMeanings.end(), [&](const auto& m) { return m.first == placeholder; });
  return it == kValueMeanings.end() ? std::string_view("As the option says.") : it->second;
}

std::string_view man_exit_status() { return kExitStatus; }

std::string_view man_environment() { return kEnvironment; }

std::string_view man_files() { return kFiles; }

std::string_view man_see_also() { return kSeeAlso; }

}  // namespace concur
