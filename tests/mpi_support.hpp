// What the mpi model's tests share: the skip when Open MPI cannot run, scratch files, the
// processes a running tool has below it, and the row and note of a model in a table.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "run_binary.hpp"

namespace concur::test {

/// The MPI runs need Open MPI and the rank program; a sanitizer build leaves them out, as
/// Open MPI's own libraries are not instrumented (LeakSanitizer would report what MPI_Finalize
/// keeps, ThreadSanitizer cannot see its progress threads synchronise).
#define SKIP_WITHOUT_MPI()                                                                    \
  if (!std::string(CONCUR_SANITIZER).empty()) GTEST_SKIP() << "Open MPI is not instrumented"; \
  if (const std::string why = mpi_unavailable_here(); !why.empty()) GTEST_SKIP() << why

/// Why the mpi model cannot run here; empty when it can.
std::string mpi_unavailable_here();

/// Writes `text` to `path` and gives it `mode`.
void write_file(const std::string& path, const std::string& text, mode_t mode = 0644);

/// A process seen under the tool, with its command line (a pid alone could be reused).
struct Process {
  pid_t pid;            ///< its id
  std::string cmdline;  ///< its arguments, spaces between them
};

/// Every process below `root` now.
std::vector<Process> descendants(pid_t root);

/// Those of `all` whose command line contains `word`.
std::vector<Process> matching(const std::vector<Process>& all, const std::string& word);

/// Those of `processes` still alive (a zombie has no command line and counts as gone once reaped).
std::vector<std::string> survivors(const std::vector<Process>& processes);

/// The ranks of a running tool, once `count` of them are up (mpirun, whose arguments name the
/// rank program too, is not one of them); fewer if they did not come up within a minute.
std::vector<Process> wait_for_ranks(const Child& tool, std::size_t count);

/// The table line of the row of `model`; empty when there is none.
std::string row_of(const std::string& table, const std::string& model);

/// The remark under the table for `model`; empty when there is none.
std::string remark_of(const std::string& table, const std::string& model);

}  // namespace concur::test
