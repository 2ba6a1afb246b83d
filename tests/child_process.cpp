#include <fmt/format.h>

#include "child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace concur::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Only async-signal-safe calls between fork and exec: the test process may have threads.
[[noreturn]] void exec_child(const Launch& launch, const std::string& binary, const std::string& out,
                             const std::string& err, char** argv, char** envp) {
  ::setpgid(0, 0);
  const int in_fd = ::open("/dev/null", O_RDONLY);
  const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (in_fd < 0 || out_fd < 0 || err_fd < 0) ::_exit(126);
  ::dup2(in_fd, 0);
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  for (const auto& [resource, value] :
       {std::pair{RLIMIT_NPROC, launch.max_user_tasks}, std::pair{RLIMIT_AS, launch.max_address_space}}) {
    if (!value) continue;
    const rlimit limit{*value, *value};
    if (::setrlimit(resource, &limit) != 0) ::_exit(126);
  }
  for (const auto& [resource, value] : launch.limits) {
    const rlimit limit{value, value};
    if (::setrlimit(resource, &limit) != 0) ::_exit(126);
  }
  // What a container's seccomp profile does: a system call fails with an errno, everything else works.
  const auto refuse = [](unsigned call, int error) {
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, call, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (static_cast<unsigned>(error) & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    const sock_fprog program{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0)
      ::_exit(126);
  };
  if (launch.io_uring_errno != 0) refuse(__NR_io_uring_setup, launch.io_uring_errno);
  if (launch.memory_reads_errno != 0) refuse(__NR_process_vm_readv, launch.memory_reads_errno);
  if (launch.unprivileged && ::geteuid() == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(launch.uid) != 0 || ::setuid(launch.uid) != 0) ::_exit(126);
  }
  if (!launch.cwd.empty() && ::chdir(launch.cwd.c_str()) != 0) ::_exit(126);
  ::execve(binary.c_str(), argv, envp);
  ::_exit(127);
}

}  // namespace

ScratchDir::ScratchDir(unsigned mode) {
  std::string pattern = (fs::temp_directory_path() / "concur-test.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp");
  path_ = pattern;
  ::chmod(path_.c_str(), mode);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  // A test may have made parts unreadable; take everything back before removing it.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ignored);
       it != fs::recursive_directory_iterator(); it.increment(ignored))
    if (it->is_directory(ignored) && !it->is_symlink(ignored)) ::chmod(it->path().c_str(), 0700);
  ::chmod(path_.c_str(), 0700);
  fs::remove_all(path_, ignored);
}

std::vector<std::string> ScratchDir::entries() const {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool running_as_root() { return ::geteuid() == 0; }

const std::string& binary_for_everyone() {
  // Kept for the whole test process: a world-readable directory holding a world-executable copy.
  static const ScratchDir dir(0755);
  static const std::string copy = [] {
    // With the fork model's parent program, which the tool finds beside itself.
    const fs::path built(CONCUR_BINARY);
    for (const char* program : {"concur-demo-fork-parent", "concur-demo"}) {
      const fs::path target = fs::path(dir.path()) / program;
      fs::copy_file(built.parent_path() / program, target, fs::copy_options::overwrite_existing);
      ::chmod(target.c_str(), 0755);
    }
    return (fs::path(dir.path()) / "concur-demo").string();
  }();
  return copy;
}

Child::Child(const Launch& launch) {
  const char* other = std::getenv("CONCUR_TEST_BINARY");
  const std::string binary = !launch.binary.empty()       ? launch.binary
                             : other != nullptr && *other ? std::string(other)
                             : launch.unprivileged        ? binary_for_everyone()
                                                          : std::string(CONCUR_BINARY);
  // Everything the child needs is built before fork: afterwards only async-signal-safe calls.
  std::vector<std::string> args{binary};
  args.insert(args.end(), launch.args.begin(), launch.args.end());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = launch.env;
  if (!launch.tmpdir.empty()) env.push_back("TMPDIR=" + launch.tmpdir);
  const auto replaced = [&](std::string_view entry) {
    const auto name = entry.substr(0, entry.find('=') + 1);
    return std::any_of(env.begin(), env.end(), [&](const std::string& e) { return e.rfind(name, 0) == 0; });
  };
  for (char** e = environ; *e != nullptr; ++e)
    if (!replaced(*e)) env.emplace_back(*e);
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out = capture_ / "stdout", err = capture_ / "stderr";
  pid_ = ::fork();
  if (pid_ < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid_ == 0) exec_child(launch, binary, out, err, argv.data(), envp.data());
  ::setpgid(pid_, pid_);
}

Child::~Child() {
  if (reaped_ || pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

Result Child::wait() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  return collect(status);
}

std::optional<Result> Child::wait_for(double seconds) {
  int status = 0;
  const bool ended = eventually(seconds, [&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; });
  if (!ended) return std::nullopt;
  return collect(status);
}

Result Child::collect(int status) {
  reaped_ = true;
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(capture_ / "stdout");
  r.err = slurp(capture_ / "stderr");
  return r;
}

std::string Child::err_so_far() const { return slurp(capture_ / "stderr"); }

std::string Child::out_so_far() const { return slurp(capture_ / "stdout"); }

Result run(const Launch& launch) { return Child(launch).wait(); }

std::vector<pid_t> processes_in_group(pid_t pgid) {
  std::vector<pid_t> found;
  std::error_code ignored;
  for (const auto& e : fs::directory_iterator("/proc", ignored)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so start after ')'.
    const std::string stat = slurp(e.path().string() + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    char state = 0;
    pid_t ppid = 0, pgrp = 0;
    if (rest >> state >> ppid >> pgrp && pgrp == pgid) found.push_back(static_cast<pid_t>(std::stoi(name)));
  }
  return found;
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> found;
  std::error_code ignored;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ignored)) {
    std::istringstream in(slurp(task.path().string() + "/children"));
    for (pid_t child = 0; in >> child;) found.push_back(child);
  }
  return found;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string csv_row(const std::string& csv, const std::string& scenario, const std::string& model) {
  for (const auto& line : lines(csv))
    if (line.rfind(fmt::format("{},{},", scenario, model), 0) == 0) return line;
  return {};
}

bool csv_verified(const std::string& row) {
  std::size_t at = 0;
  for (int comma = 0; comma < 4; ++comma)
    if ((at = row.find(',', at == 0 ? 0 : at + 1)) == std::string::npos) return false;
  return row.compare(at + 1, 5, "true,") == 0;
}

bool eventually(double seconds, const std::function<bool()>& ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ready();
}

std::string first_match_in_output(const Child& child, const std::string& pattern, double seconds) {
  const std::regex wanted(pattern);
  std::string out;  // outlives each poll: the match points into it
  std::smatch m;
  return eventually(seconds, [&] { return std::regex_search(out = child.out_so_far(), m, wanted); }) ? m[1].str() : "";
}

bool catches_signal(pid_t pid, int signal) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("SigCgt:", 0) == 0) return ((std::stoull(line.substr(7), nullptr, 16) >> (signal - 1)) & 1U) != 0;
  return false;
}

pid_t measured_process_of(pid_t tool) {
  for (const pid_t c : children_of(tool)) {
    const auto group = processes_in_group(c);
    if (std::find(group.begin(), group.end(), c) != group.end()) return c;
  }
  return 0;
}

}  // namespace concur::test
