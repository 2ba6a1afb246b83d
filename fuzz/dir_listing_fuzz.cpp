// libFuzzer target for `--dir` listings: the input describes a directory (entries with any
// bytes in their names: regular files, links in and out, FIFOs, subdirectories, hard links),
// which the target makes in a scratch directory before building the files scenario on it. The
// scenario must either refuse with one clear line, or read exactly the regular files there, in
// name order, with what the limit check was told (ScenarioInfo::size); and any output inside
// the directory must be refused. Anything else (a crash, a hang on a FIFO, an exception of
// another kind, a leak, a file read outside the directory) is a finding.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/parse.hpp"
#include "options/option_table.hpp"
#include "options/output_files.hpp"
#include "registry/registry.hpp"

namespace {

using namespace concur;
namespace fs = std::filesystem;

// Aborting is how a libFuzzer target reports a broken property.
void require(bool property) {
  if (!property) std::abort();
}

void require_one_clear_line(const std::exception& e) {
  const std::string line = printable(e.what());
  require(!line.empty() && line.find('\n') == std::string::npos);
}

// One scratch directory for the whole fuzzing process, emptied before every input.
const std::string& scratch() {
  static const std::string dir = [] {
    std::string pattern = (fs::temp_directory_path() / "concur-fuzz-dir.XXXXXX").string();
    require(::mkdtemp(pattern.data()) != nullptr);
    return pattern;
  }();
  return dir;
}

// Reads entries from the input: a kind byte, a name length byte, the name, a size byte.
struct Reader {
  const std::uint8_t* p;
  const std::uint8_t* end;
  bool more() const { return p < end; }
  std::uint8_t byte() { return p < end ? *p++ : 0; }
};

std::vector<std::string> make_entries(Reader& in, const std::string& dir) {
  std::vector<std::string> regular;
  for (int count = 0; in.more() && count < 12; ++count) {
    const int kind = in.byte() % 6;
    std::string name;
    for (int n = in.byte() % 40; n > 0 && in.more(); --n) name += static_cast<char>(in.byte());
    const std::size_t size = static_cast<std::size_t>(in.byte()) * 37U;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos)
      continue;
    std::string path = dir;
    path += '/';
    path += name;
    if (kind == 0) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd < 0) continue;
      const std::string bytes(size, static_cast<char>(size));
      require(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
      ::close(fd);
      regular.push_back(path);
    } else if (kind == 1) {
      (void)::symlink(regular.empty() ? "/etc/hostname" : regular.back().c_str(), path.c_str());
    } else if (kind == 2) {
      (void)::mkfifo(path.c_str(), 0644);
    } else if (kind == 3) {
      (void)::mkdir(path.c_str(), 0755);
    } else if (kind == 4 && !regular.empty()) {
      if (::link(regular.back().c_str(), path.c_str()) == 0) regular.push_back(path);
    } else if (kind == 5) {
      (void)::symlink(name.c_str(), path.c_str());  // a link to itself: a loop
    }
  }
  std::sort(regular.begin(), regular.end());
  return regular;
}

void check_scenario(const std::string& dir, const std::vector<std::string>& regular,
                    std::optional<std::int64_t> tasks) {
  const ScenarioInfo& files = *find_scenario("files");
  ScenarioOptions options;
  options.dir = dir;
  options.tasks = tasks;
  try {
    const ScenarioSize size = files.size(options);
    const auto scenario = files.make(options);
    const auto& work = scenario->work();
    require(static_cast<std::int64_t>(work.size()) == size.tasks);
    require(work.size() <= regular.size());
    for (std::size_t i = 0; i < work.size(); ++i) require(std::get<ReadFileWork>(work[i]).path == regular[i]);
    std::vector<Outcome> outcomes;
    outcomes.reserve(work.size());
    for (const Work& w : work) outcomes.push_back(perform_blocking(w));
    require(scenario->verify(outcomes).ok);
  } catch (const ParseError& e) {
    require_one_clear_line(e);
  }
}

void check_outputs_refused(const std::string& dir, const std::string& name) {
  Settings settings = default_settings();
  settings.scenario.dir = dir;
  settings.output.file = dir + "/" + (name.empty() ? "report" : name);
  try {
    check_outputs(settings);
    std::abort();  // an output inside --dir must never pass
  } catch (const UsageError& e) {
    require_one_clear_line(e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& root = scratch();
  std::error_code ignored;
  fs::remove_all(root + "/d", ignored);
  const std::string dir = root + "/d";
  require(::mkdir(dir.c_str(), 0755) == 0);
  Reader in{.p = data, .end = data + size};
  const std::uint8_t tasks = in.byte();
  const std::vector<std::string> regular = make_entries(in, dir);
  check_scenario(dir, regular, tasks == 0 ? std::nullopt : std::optional<std::int64_t>(tasks % 15 + 1));
  check_outputs_refused(dir, regular.empty() ? "" : fs::path(regular.front()).filename().string());
  return 0;
}
