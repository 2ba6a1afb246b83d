// Bad input against the real binary, as a user types it: every case must give exactly one line
// on stderr that names the bad value and says what is accepted, exit code 2, nothing on stdout,
// and nothing left behind in TMPDIR (each case gets a private one, checked empty afterwards).
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "child_process.hpp"

using namespace concur::test;

namespace {

// The directories the --dir and -o cases point at, made once: "@name" in a case's arguments
// stands for fixture_root()/name.
class Fixtures {
 public:
  Fixtures() : root_(0755) {
    make_dir("empty", 0755);
    make_dir("specials", 0755);  // only things that must be skipped, never opened
    write_file(root_ / "outside.txt", 100);
    ::symlink((root_ / "outside.txt").c_str(), (root_ / "specials/link").c_str());
    ::mkfifo((root_ / "specials/fifo").c_str(), 0644);  // opening it for reading would hang
    // A device node where the kernel allows it (a container may forbid mknod): /dev/null's numbers.
    ::mknod((root_ / "specials/null").c_str(), S_IFCHR | 0644, ::makedev(1, 3));
    make_socket(root_ / "specials/socket");
    make_dir("specials/subdir", 0755);
    write_file(root_ / "specials/subdir/nested.txt", 100);  // not read: --dir is not recursive
    write_file(root_ / "a-file", 100);
    make_dir("three", 0755);
    for (const char* name : {"a", "b", "c"}) write_file(root_ / (std::string("three/") + name), 1000);
    make_dir("locked", 0755);
    write_file(root_ / "locked/inside.txt", 100);
    ::chmod((root_ / "locked").c_str(), 0);
    make_dir("unreadable-files", 0755);
    for (const char* name : {"x", "y"}) {
      write_file(root_ / (std::string("unreadable-files/") + name), 100);
      ::chmod((root_ / (std::string("unreadable-files/") + name)).c_str(), 0);
    }
    make_dir("readonly", 0555);
  }

  // Every '@' in `text` becomes the fixture root and a slash.
  [[nodiscard]] std::string resolve(std::string text) const {
    for (auto at = text.find('@'); at != std::string::npos; at = text.find('@', at + root_.path().size()))
      text.replace(at, 1, root_.path() + "/");
    return text;
  }

 private:
  void make_dir(const std::string& name, unsigned mode) {
    ::mkdir((root_ / name).c_str(), mode);
    ::chmod((root_ / name).c_str(), mode);
  }
  static void write_file(const std::string& path, std::size_t size) { std::ofstream(path) << std::string(size, 'x'); }
  static void make_socket(const std::string& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    // A failed bind leaves no socket: the case that lists it then fails, which is what it should do.
    (void)::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);
  }

  ScratchDir root_;
};

const Fixtures& fixtures() {
  static const Fixtures f;
  return f;
}

struct BadInput {
  std::vector<std::string> args;      ///< "@name" is a fixture path
  std::vector<std::string> expected;  ///< each must appear in the line: the bad value, what is accepted
  bool unprivileged = false;          ///< needs a user that permissions apply to (not root)
  std::optional<rlim_t> max_user_tasks = std::nullopt;
};

// What GoogleTest and ctest show for a case: the command line as typed, on one line (control
// characters escaped), instead of the bytes of the struct.
void PrintTo(const BadInput& input, std::ostream* os) {
  *os << "concur-demo";
  for (const auto& a : input.args) {
    *os << ' ';
    if (a.empty()) *os << "''";
    for (const char c : a) {
      if (c == '\n') {
        *os << "\\n";
      } else if (std::iscntrl(static_cast<unsigned char>(c))) {
        *os << "\\x" << std::hex << static_cast<int>(static_cast<unsigned char>(c)) << std::dec;
      } else {
        *os << c;
      }
    }
  }
  if (input.unprivileged) *os << " (unprivileged)";
  if (input.max_user_tasks) *os << " (RLIMIT_NPROC " << *input.max_user_tasks << ")";
}

}  // namespace

class CliBadInput : public testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneLineOnStderrExitTwoNothingOnStdoutNothingLeft) {
  const auto& p = GetParam();
  const ScratchDir tmp(0777);  // reachable by the unprivileged user too
  Launch launch;
  for (const auto& a : p.args) launch.args.push_back(fixtures().resolve(a));
  launch.tmpdir = tmp.path();
  launch.unprivileged = p.unprivileged;
  launch.max_user_tasks = p.max_user_tasks;
  const Result r = run(launch);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not exactly one line: " << r.err;
  EXPECT_EQ(r.err.rfind("concur-demo: ", 0), 0u) << r.err;
  for (const auto& e : p.expected)
    EXPECT_NE(r.err.find(fixtures().resolve(e)), std::string::npos) << e << " in " << r.err;
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{}) << "left behind in TMPDIR";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    testing::Values(
        // Commands and models.
        BadInput{{"frobnicate"}, {"unknown command 'frobnicate'", "commands: "}},
        BadInput{{"sleep", "--model", "turbo"}, {"unknown model 'turbo'", "models: "}},
        BadInput{{"sleep", "--model", "thread,thread"}, {"'thread'", "named twice", "name each model once"}},
        BadInput{{"sleep", "--model", ""}, {"--model ''", "empty"}},
        BadInput{{"sleep", "--model", "thread,"}, {"'thread,'", "none empty"}},
        BadInput{{"sleep", "--bogus"}, {"--bogus", "--help"}},
        // Counts.
        BadInput{{"sleep", "--tasks", "0"}, {"'0'", "a whole number from 1 to 1000000"}},
        BadInput{{"sleep", "--tasks", "-5"}, {"'-5'", "a whole number from 1 to"}},
        BadInput{{"sleep", "--tasks", "abc"}, {"'abc'", "a whole number from 1 to"}},
        BadInput{{"sleep", "--tasks", "1e12"}, {"'1e12'", "a whole number from 1 to"}},
        BadInput{{"sleep", "--tasks", "99999999999999999999"}, {"'99999999999999999999'", "too large"}},
        BadInput{{"sleep", "--workers", "0"}, {"'0'", "a whole number from 1 to 1024"}},
        BadInput{{"sleep", "--workers", "100000"}, {"'100000'", "a whole number from 1 to 1024"}},
        BadInput{{"sleep", "--repeat", "0"}, {"'0'", "a whole number from 1 to 1000"}},
        BadInput{{"sleep", "--warmup", "101"}, {"'101'", "a whole number from 0 to 100"}},
        BadInput{{"cpu", "--factorial", "0"}, {"'0'", "a whole number from 1 to 1000000"}},
        BadInput{{"cpu", "--factorial", "-3"}, {"'-3'", "a whole number from 1 to 1000000"}},
        BadInput{{"cpu", "--factorial", "10000000000"}, {"'10000000000'", "too large"}},
        // Durations: a control character in a value is shown escaped, so the line stays one line.
        BadInput{{"sleep", "--delay", "-1s"}, {"'-1s'", "use e.g. 100ms"}},
        BadInput{{"sleep", "--delay", "10x"}, {"'10x'", "unknown unit 'x'"}},
        BadInput{{"sleep", "--delay", "ms"}, {"'ms'", "use e.g. 100ms"}},
        BadInput{{"sleep", "--delay", "999999h"}, {"'999999h'", "at most 24h"}},
        BadInput{{"sleep", "--delay", "1e400s"}, {"'1e400s'", "use e.g. 100ms"}},
        BadInput{{"sleep", "--delay", "1\ns"}, {"'1\\ns'", "use e.g. 100ms"}},
        // Sizes.
        BadInput{{"files", "--size", "0"}, {"'0'", "use e.g. 4MiB"}},
        BadInput{{"files", "--size", "-1KiB"}, {"'-1KiB'", "use e.g. 4MiB"}},
        BadInput{{"files", "--size", "1PiB"}, {"'1PiB'", "1B to 64GiB"}},
        BadInput{{"files", "--size", "4QB"}, {"'4QB'", "unknown unit 'QB'"}},
        // More disk than there is: refused before a byte is written, and the temp dir goes.
        BadInput{{"files", "--size", "64GiB", "--tasks", "1000000", "--model", "sequential"},
                 {"not enough free disk", "set TMPDIR"}},
        // --dir: missing, a file, unreadable, empty, or holding only what must never be opened.
        BadInput{{"files", "--dir", "@missing"}, {"'@missing'", "No such file", "give a directory you can read"}},
        BadInput{{"files", "--dir", "@a-file"}, {"'@a-file'", "not a directory"}},
        BadInput{{"files", "--dir", "@locked"}, {"'@locked'", "Permission denied"}, true},
        BadInput{{"files", "--dir", "@unreadable-files"}, {"'@unreadable-files'", "no readable regular files"}, true},
        BadInput{{"files", "--dir", "@empty"}, {"'@empty'", "no readable regular files"}},
        BadInput{{"files", "--dir", "@specials"}, {"'@specials'", "FIFOs, sockets and devices are skipped"}},
        BadInput{{"files", "--dir", "@three", "--tasks", "5"}, {"'5'", "holds only 3 regular files"}},
        BadInput{{"files", "--cache", "lukewarm"}, {"'lukewarm'", "use cold or warm"}},
        // Output.
        BadInput{{"sleep", "--format", "yaml"}, {"'yaml'", "table, markdown, csv or json"}},
        BadInput{{"sleep", "-o", "@missing/out.json"}, {"'@missing/out.json'", "does not exist"}},
        BadInput{{"sleep", "-o", "@readonly/out.json"}, {"'@readonly/out.json'", "choose a file you can write"}, true},
        BadInput{{"sleep", "-o", "/proc/concur-demo-report.txt"},
                 {"/proc/concur-demo-report.txt", "choose a file you can write"}},
        BadInput{{"sleep", "-o", "@empty"}, {"'@empty'", "is a directory"}},
        // More processes than RLIMIT_NPROC lets this user start: refused before measuring.
        BadInput{
            {"sleep", "--model", "fork", "--tasks", "60"}, {"fork model", "RLIMIT_NPROC", "--ignore-limits"}, true, 40},
        // sweep: what to vary, and what to show.
        BadInput{{"sweep", "sleep"}, {"--vary"}}, BadInput{{"sweep", "sleep", "--vary", "tasks"}, {"KEY=V1,V2"}},
        BadInput{{"sweep", "sleep", "--vary", "size=1MiB,2MiB"}, {"invalid --vary key 'size' for sleep"}},
        BadInput{{"sweep", "sleep", "--vary", "tasks=10,abc"}, {"'abc'"}},
        BadInput{{"sweep", "sleep", "--vary", "tasks=10,10"}, {"named twice"}},
        BadInput{{"sweep", "sleep", "--tasks", "5", "--vary", "tasks=1,2"}, {"both set"}},
        BadInput{{"sweep", "nosuch", "--vary", "tasks=1,2"}, {"unknown scenario 'nosuch'"}},
        BadInput{{"sweep", "io", "--vary", "tasks=1,2"}, {"unknown scenario 'io'"}},
        BadInput{{"sweep", "sleep", "--vary", "tasks=1,2", "--metric", "speed"}, {"'speed'"}},
        BadInput{{"sweep", "sleep", "--vary", "tasks=1,2", "--svg", "@missing/c.svg"}, {"does not exist"}}),
    [](const testing::TestParamInfo<BadInput>& p) {
      // A readable test name: index plus the arguments with non-alphanumerics folded to '_'.
      std::string name = std::to_string(p.index);
      for (const auto& a : p.param.args) {
        name += '_';
        for (const char c : a) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      }
      return name;
    });

// A TMPDIR that does not exist is the user's setting: refused like any bad input, naming it.
TEST(CliBadEnvironment, AMissingTmpdirIsOneLineExitTwo) {
  const ScratchDir tmp(0777);
  Launch launch;
  launch.args = {"files", "--tasks", "2", "--size", "4KiB", "--model", "sequential"};
  launch.tmpdir = tmp.path() + "/missing";
  const Result r = run(launch);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not exactly one line: " << r.err;
  EXPECT_NE(r.err.find("TMPDIR '" + launch.tmpdir + "': No such file or directory"), std::string::npos) << r.err;
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}
