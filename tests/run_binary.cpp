#include "run_binary.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace concur::test {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

BinaryResult run_binary(const std::vector<std::string>& args, const std::optional<std::string>& path) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string out_path = (dir / ("cli-out-" + std::to_string(::getpid()))).string();
  const std::string err_path = (dir / ("cli-err-" + std::to_string(::getpid()))).string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    std::vector<char*> argv;
    // $CONCUR_TEST_BINARY: another build, to show a test failing on a binary without the fix.
    const char* other = std::getenv("CONCUR_TEST_BINARY");
    std::string binary = other != nullptr && *other != '\0' ? other : CONCUR_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> owned(args);
    for (auto& a : owned) argv.push_back(a.data());
    if (path) ::setenv("PATH", path->c_str(), 1);
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  BinaryResult r{.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                 .out = slurp(out_path),
                 .err = slurp(err_path)};
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

}  // namespace concur::test
