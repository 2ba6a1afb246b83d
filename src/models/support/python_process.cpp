#include "models/support/python_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>

#include <fmt/format.h>

#include "models/support/python_source.hpp"
#include "sys/wire.hpp"

namespace concur {
namespace {

constexpr int kResultFd = 3;  // the Python program writes its results here

// The four pipes, both ends each, closed when done with.
struct Pipes {
  int job[2] = {-1, -1};
  int result[2] = {-1, -1};
  int out[2] = {-1, -1};
  int error[2] = {-1, -1};
  Pipes() {
    for (int* p : {job, result, out, error})
      if (::pipe2(p, O_CLOEXEC) != 0) {
        const int err = errno;
        close_all();
        throw std::runtime_error(fmt::format("pipe failed: {}", std::strerror(err)));
      }
  }
  ~Pipes() { close_all(); }
  Pipes(const Pipes&) = delete;
  Pipes& operator=(const Pipes&) = delete;
  void close_all() {
    for (int* p : {job, result, out, error})
      for (int i = 0; i < 2; ++i) close_end(p[i]);
  }
  static void close_end(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

[[noreturn]] void exec_python(std::string_view flavour, const Pipes& pipes) {
  // Order matters: 0, 1 and 2 first, then 3, so no dup2 closes a descriptor still to be moved.
  ::dup2(pipes.job[0], STDIN_FILENO);
  ::dup2(pipes.out[1], STDOUT_FILENO);
  ::dup2(pipes.error[1], STDERR_FILENO);
  if (pipes.result[1] == kResultFd) {
    ::fcntl(kResultFd, F_SETFD, 0);  // dup2 onto itself would keep close-on-exec
  } else {
    ::dup2(pipes.result[1], kResultFd);
  }
  const std::string source(python_reference_source());
  const std::string model(flavour);
  // -I: isolated mode, so neither PYTHONPATH nor a user's site-packages can change the program.
  const char* argv[] = {"python3", "-I", "-c", source.c_str(), model.c_str(), nullptr};
  ::execvp("python3", const_cast<char* const*>(argv));
  const std::string message = fmt::format("cannot run python3: {}\n", std::strerror(errno));
  (void)!::write(STDERR_FILENO, message.data(), message.size());
  ::_exit(127);
}

// One pipe from python3 being read: what came, and whether it is still open.
struct Stream {
  int fd;
  std::vector<std::byte>* bytes;
  bool open = true;
  std::size_t keep_last = SIZE_MAX;  // keep only this many of the newest bytes (stderr: a tail)
};

// Python's errors are kept for their last line only: a python3 that floods its standard error
// must not make the tool hold (and print) megabytes of it.
constexpr std::size_t kErrorTail = 4096;

// Python's standard output, cut into space-separated words: each word the tasks may say passes
// on as soon as it is complete, in one write, as a C++ task says it (say()); anything else, a
// word or not, is dropped. `pending` holds an incomplete word between reads.
void pass_on_words(std::vector<std::byte>& bytes, std::string& pending, const std::vector<std::string>& words) {
  pending.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  bytes.clear();
  std::size_t start = 0;
  for (std::size_t space; (space = pending.find_first_of(" \n", start)) != std::string::npos; start = space + 1) {
    const std::string word = pending.substr(start, space - start) + " ";
    if (std::find(words.begin(), words.end(), word.substr(0, word.size() - 1)) != words.end())
      (void)write_all(STDOUT_FILENO, std::as_bytes(std::span(word.data(), word.size())));
  }
  pending.erase(0, start);
  if (pending.size() > 4096) pending.clear();  // no word of ours is that long
}

// Reads every stream until all close; poll, so that a full pipe can never stall a program that
// still has something to write on another. The first stream is python's standard output.
void drain(std::span<Stream> streams, const std::vector<std::string>& words) {
  std::string pending;
  for (auto& s : streams) ::fcntl(s.fd, F_SETFL, O_NONBLOCK);
  std::vector<pollfd> fds;
  std::vector<Stream*> owners;
  while (std::any_of(streams.begin(), streams.end(), [](const Stream& s) { return s.open; })) {
    fds.clear();
    owners.clear();
    for (auto& s : streams)
      if (s.open) {
        fds.push_back({.fd = s.fd, .events = POLLIN, .revents = 0});
        owners.push_back(&s);
      }
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("poll failed: {}", std::strerror(errno)));
    }
    for (std::size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      Stream& s = *owners[k];
      if (!read_available(s.fd, *s.bytes)) s.open = false;
      if (s.bytes->size() > s.keep_last)
        s.bytes->erase(s.bytes->begin(), s.bytes->end() - static_cast<std::ptrdiff_t>(s.keep_last));
      if (&s == streams.data()) pass_on_words(*s.bytes, pending, words);  // never kept
    }
  }
}

}  // namespace

PythonExit run_python(std::string_view flavour, const std::string& job, const std::vector<std::string>& words) {
  Pipes pipes;
  // A Python that dies before reading its job must fail the row, not kill us with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(fmt::format("fork failed: {}", std::strerror(errno)));
  if (pid == 0) exec_python(flavour, pipes);
  for (int* end : {&pipes.job[0], &pipes.result[1], &pipes.out[1], &pipes.error[1]}) Pipes::close_end(*end);
  (void)write_all(pipes.job[1], std::as_bytes(std::span(job)));
  Pipes::close_end(pipes.job[1]);
  PythonExit exit;
  std::vector<std::byte> output;
  Stream streams[] = {{.fd = pipes.out[0], .bytes = &output},
                      {.fd = pipes.result[0], .bytes = &exit.results},
                      {.fd = pipes.error[0], .bytes = &exit.errors, .keep_last = kErrorTail}};
  drain(streams, words);
  rusage usage{};
  while (::wait4(pid, &exit.status, 0, &usage) < 0 && errno == EINTR) {
  }
  exit.ended = std::chrono::steady_clock::now();
  exit.cpu = std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
             std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  return exit;
}

}  // namespace concur
