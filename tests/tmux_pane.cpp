#include "tmux_pane.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

namespace concur::test {
namespace {

// Runs tmux with `args` (no shell in between) and returns what it printed on stdout.
std::string run_tmux(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> owned{"tmux"};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(owned.size() + 1);
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 2);
    ::execvp("tmux", argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return out;
}

std::string quoted(const std::string& word) {
  std::string out(1, '\'');
  for (const char c : word) {
    if (c == '\'')
      out.append("'\\''");  // close the quote, an escaped quote, open again
    else
      out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace

bool tmux_available() { return run_tmux({"-V"}).rfind("tmux", 0) == 0; }

TmuxPane::TmuxPane(const std::vector<std::string>& args, int width, int height) {
  // No status line: the pane is the whole terminal. The shell stays after the binary (sleeping),
  // so the last screen stays as the binary left it (a dead pane's notice would scroll it).
  std::ofstream(dir_ / "tmux.conf") << "set -g status off\n";
  std::string command = "trap : INT; " + quoted(CONCUR_BINARY);
  for (const auto& a : args) {
    command.push_back(' ');
    command.append(quoted(a));
  }
  command +=
      "; echo \"[exit $?]\"; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo -e icanon -e -icanon; "
      "echo '[done]'; exec sleep 600";
  // -u: UTF-8 whatever the test's locale; CI emptied: the progress line is for terminals, and
  // this is one even when the tests run under CI.
  (void)tmux({"-f", dir_ / "tmux.conf", "new-session", "-d", "-x", std::to_string(width), "-y", std::to_string(height),
              "-e", "CI=", "-e", "COLUMNS=", "-e", "TMPDIR=" + dir_.path(), "sh", "-c", command});
}

TmuxPane::~TmuxPane() {
  try {
    (void)tmux({"kill-server"});
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): a destructor has nobody to tell
  }
}

std::string TmuxPane::tmux(const std::vector<std::string>& args) const {
  std::vector<std::string> all{"-u", "-S", dir_ / "socket"};
  all.insert(all.end(), args.begin(), args.end());
  return run_tmux(all);
}

std::string TmuxPane::screen() const { return tmux({"capture-pane", "-p"}); }

std::string TmuxPane::joined_screen() const { return tmux({"capture-pane", "-p", "-J"}); }

std::string TmuxPane::query(const std::string& format) const {
  std::string out = tmux({"display-message", "-p", format});
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void TmuxPane::keys(const std::string& keys) const { (void)tmux({"send-keys", keys}); }

bool TmuxPane::wait_until_done(double seconds) const { return wait_for_text("[done]", seconds); }

bool TmuxPane::wait_for_text(const std::string& text, double seconds) const {
  return eventually(seconds, [&] { return screen().find(text) != std::string::npos; });
}

}  // namespace concur::test
