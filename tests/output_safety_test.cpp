// The files the tool writes, against the real binary: a link is written through, never replaced;
// a device, FIFO or standard output is written in place; a new file gets 0666 less the umask and
// an existing one keeps its mode; any legal name works; the file and its directory are synced
// before and after the rename; and a failure names the option that named the file.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

using namespace concur::test;

namespace {

// A quick run whose report is short: one task, no warm-up.
std::vector<std::string> quick(std::vector<std::string> more) {
  std::vector<std::string> args{"sleep",    "--tasks", "1",        "--delay", "1ms",      "--model", "sequential",
                                "--repeat", "1",       "--warmup", "0",       "--format", "csv"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

void write(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

bool is_link(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

// Runs with the given umask (the process's own, inherited by the tool).
Result run_with_umask(mode_t mask, const Launch& launch) {
  const mode_t previous = ::umask(mask);
  Result r = run(launch);
  ::umask(previous);
  return r;
}

}  // namespace

TEST(OutputFiles, ALinkIsWrittenThroughToItsTargetAndStaysALink) {
  const ScratchDir dir, other;
  write(other / "real.csv", "the old report\n", 0600);
  // Relative, from the link's own directory, as the kernel resolves it.
  std::filesystem::create_symlink("../" + std::filesystem::path(other.path()).filename().string() + "/real.csv",
                                  dir / "link.csv");
  const Result r = run({.args = quick({"-o", dir / "link.csv"})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(is_link(dir / "link.csv")) << "the link was replaced by a file";
  EXPECT_NE(slurp(other / "real.csv").find("sleep,sequential"), std::string::npos);
  EXPECT_EQ(mode_of(other / "real.csv"), 0600u);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"link.csv"});
  EXPECT_EQ(other.entries(), std::vector<std::string>{"real.csv"});  // no temporary left beside the target
}

TEST(OutputFiles, ADanglingLinkCreatesItsTarget) {
  const ScratchDir dir;
  std::filesystem::create_symlink("made.csv", dir / "link.csv");
  const Result r = run({.args = quick({"-o", dir / "link.csv"})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(is_link(dir / "link.csv"));
  EXPECT_NE(slurp(dir / "made.csv").find("sleep,sequential"), std::string::npos);
}

TEST(OutputFiles, ADeviceBehindALinkIsWrittenInPlace) {
  const ScratchDir dir;
  std::filesystem::create_symlink("/dev/null", dir / "devnull");
  const Result r = run({.args = quick({"-o", dir / "devnull", "--trace", "/dev/null"})});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(is_link(dir / "devnull"));
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(OutputFiles, AFifoIsWrittenInPlaceForItsReader) {
  const ScratchDir dir;
  const std::string fifo = dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY);
    char buffer[4096];
    for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0;) received.append(buffer, n);
    if (fd >= 0) ::close(fd);
  });
  const Result r = run({.args = quick({"-o", fifo})});
  reader.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(received.find("sleep,sequential"), std::string::npos) << received;
  struct stat st {};
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
}

TEST(OutputFiles, DashAndDevStdoutMeanStandardOutput) {
  for (const char* name : {"-", "/dev/stdout"}) {
    const Result r = run({.args = quick({"-o", name})});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_NE(r.out.find("sleep,sequential"), std::string::npos) << name;
  }
  struct stat st {};
  ASSERT_EQ(::lstat("/dev/stdout", &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "/dev/stdout is no longer a link";
}

TEST(OutputFiles, ANewFileGetsTheUmasksModeAndAnExistingOneKeepsItsOwn) {
  const ScratchDir dir;
  for (const auto& [mask, expected] : {std::pair<mode_t, mode_t>{077, 0600}, {022, 0644}, {027, 0640}}) {
    const std::string path = dir / ("new-" + std::to_string(mask) + ".csv");
    const Result r = run_with_umask(mask, {.args = quick({"-o", path})});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(mode_of(path), expected) << "umask " << std::oct << mask;
  }
  for (const mode_t kept : {0600u, 0640u, 0664u}) {
    const std::string path = dir / ("old-" + std::to_string(kept) + ".csv");
    write(path, "old\n", kept);
    const Result r = run_with_umask(022, {.args = quick({"-o", path})});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(mode_of(path), kept);
  }
}

TEST(OutputFiles, TheFileAndItsDirectoryAreSyncedAroundTheRename) {
  if (::access("/usr/bin/strace", X_OK) != 0) GTEST_SKIP() << "needs strace";
  const ScratchDir dir;
  const std::string log = dir / "strace.log", report = dir / "report.csv";
  std::vector<std::string> args{"-f", "-qq", "-e", "trace=fsync,rename,renameat,renameat2",
                                "-o", log,   "--", CONCUR_BINARY};
  for (auto& a : quick({"-o", report})) args.push_back(a);
  // LeakSanitizer cannot run under ptrace: in the sanitizer build the traced tool checks no leaks.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string no_leak_check = "ASAN_OPTIONS=" + std::string(asan != nullptr ? asan : "") + ":detect_leaks=0";
  const Result r = run({.args = args, .env = {no_leak_check}, .binary = "/usr/bin/strace"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string calls = slurp(log);
  const auto rename = calls.find("rename");
  ASSERT_NE(rename, std::string::npos) << calls;
  EXPECT_NE(calls.rfind("fsync(", rename), std::string::npos) << "no fsync of the file before the rename:\n" << calls;
  EXPECT_NE(calls.find("fsync(", rename), std::string::npos) << "no fsync of the directory after it:\n" << calls;
}

TEST(OutputFiles, AnyLegalNameWorks) {
  const ScratchDir dir;
  for (const std::size_t length : {245u, 250u, 255u}) {
    const std::string name(length, 'r');
    const Result r = run({.args = quick({"-o", dir / name})});
    EXPECT_EQ(r.exit_code, 0) << length << ": " << r.err;
    EXPECT_NE(slurp(dir / name).find("sleep,sequential"), std::string::npos) << length;
  }
  EXPECT_EQ(dir.entries().size(), 3u);  // the three reports, no temporary
}

TEST(OutputFiles, AFailureNamesTheOptionThatNamedTheFile) {
  const ScratchDir dir;
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string said;
  };
  const std::vector<Case> cases{
      {quick({"--trace", "/nonexistent/x"}), 2, "invalid --trace '/nonexistent/x'"},
      {quick({"--trace", dir.path()}), 2, "invalid --trace"},
      {quick({"--trace", "/dev/full"}), 1, "cannot write --trace '/dev/full': No space left on device"},
      {quick({"-o", "/dev/full"}), 1, "cannot write --output '/dev/full': No space left on device"},
      {{"sweep", "sleep", "--vary", "tasks=1,2", "--delay", "1ms", "--model", "sequential", "--repeat", "1", "--warmup",
        "0", "--svg", "/dev/full"},
       1,
       "cannot write --svg '/dev/full'"},
  };
  for (const Case& c : cases) {
    const Result r = run({.args = c.args});
    EXPECT_EQ(r.exit_code, c.exit_code) << c.said << ": " << r.err;
    EXPECT_NE(r.err.find(c.said), std::string::npos) << r.err;
    EXPECT_EQ(lines(r.err).size(), 1u) << r.err;
    if (c.said.find("--output") == std::string::npos) {
      EXPECT_EQ(r.err.find("--output"), std::string::npos) << r.err;
    }
  }
}

TEST(OutputFiles, AFileYouMayNotWriteIsNotReplacedEvenWhereItsDirectoryAllows) {
  if (!running_as_root()) GTEST_SKIP() << "needs root, to make a file another user may not write";
  const ScratchDir dir(0777);  // anyone may create and rename here, so only the file's own mode protects it
  write(dir / "protected.csv", "keep me\n", 0644);
  const Result r = run({.args = quick({"-o", dir / "protected.csv"}), .unprivileged = true});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("not writable"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir / "protected.csv"), "keep me\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"protected.csv"});
}

TEST(OutputFiles, ATemporaryLeftBesideAnOutputByAKilledRunIsRemovedByTheNextWrite) {
  const ScratchDir dir;
  // What a SIGKILLed run leaves: its temporary, named for its (dead) process. A live process's
  // temporary and anything else stay.
  const std::string stale = ".concur-demo.999999.aaaaaa", live = ".concur-demo." + std::to_string(::getpid()) + ".b";
  for (const auto& name : {stale, live, std::string(".concur-demo.notes")}) write(dir / name, "partial", 0600);
  const Result r = run({.args = quick({"-o", dir / "report.csv"})});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{live, ".concur-demo.notes", "report.csv"}));
}
