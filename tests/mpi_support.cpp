#include "mpi_support.hpp"

#include <algorithm>
#include <fstream>

#include <sys/stat.h>

#include "mpi/launch.hpp"
#include "registry/registry.hpp"

namespace concur::test {

std::string mpi_unavailable_here() { return find_model("mpi")->unavailable(); }

namespace {

std::string cmdline_of(pid_t pid) {
  std::string text = slurp("/proc/" + std::to_string(pid) + "/cmdline");
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text;
}

}  // namespace

void write_file(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

// Every process below `root` now, with its command line (a pid alone could be reused).
std::vector<Process> descendants(pid_t root) {
  std::vector<Process> found;
  std::vector<pid_t> pending = children_of(root);
  while (!pending.empty()) {
    const pid_t pid = pending.back();
    pending.pop_back();
    found.push_back({.pid = pid, .cmdline = cmdline_of(pid)});
    const auto more = children_of(pid);
    pending.insert(pending.end(), more.begin(), more.end());
  }
  return found;
}

std::vector<Process> matching(const std::vector<Process>& all, const std::string& word) {
  std::vector<Process> found;
  for (const auto& p : all)
    if (p.cmdline.find(word) != std::string::npos) found.push_back(p);
  return found;
}

// Those of `processes` still alive (a zombie has no command line and counts as gone once reaped).
std::vector<std::string> survivors(const std::vector<Process>& processes) {
  std::vector<std::string> left;
  for (const auto& p : processes)
    if (!p.cmdline.empty() && cmdline_of(p.pid) == p.cmdline) left.push_back(std::to_string(p.pid) + " " + p.cmdline);
  return left;
}

// The ranks of a running tool, once `count` of them are up (mpirun, whose arguments name the
// rank program too, is not one of them).
std::vector<Process> wait_for_ranks(const Child& tool, std::size_t count) {
  const std::string program = std::string("/") + kRankProgram + " ";
  std::vector<Process> ranks;
  eventually(60, [&] {
    ranks.clear();
    for (const auto& p : descendants(tool.pid()))
      if (p.cmdline.substr(0, p.cmdline.find(' ') + 1).find(program) != std::string::npos) ranks.push_back(p);
    return ranks.size() >= count;
  });
  return ranks;
}

// The table line of the row of `model` and its remark under the table, unwrapped.
std::string row_of(const std::string& table, const std::string& model) {
  for (const auto& line : lines(table))
    if (line.rfind(model + " ", 0) == 0) return line;
  return {};
}
std::string remark_of(const std::string& table, const std::string& model) {
  const auto all = lines(table);
  for (auto line = all.begin(); line != all.end(); ++line) {
    if (line->rfind("  " + model + ":", 0) != 0) continue;
    // The terminal wraps the remark under its label: its continuation lines are indented deeper.
    std::string remark = *line;
    for (auto more = line + 1; more != all.end() && more->rfind("   ", 0) == 0; ++more)
      remark.append(" ").append(more->substr(more->find_first_not_of(' ')));
    return remark;
  }
  return {};
}

}  // namespace concur::test
