// An Open MPI hostfile, read and checked before anything is measured: the machines the mpi
// model's ranks run on and how many each takes. The tool hands the file itself to mpirun; it
// reads it only to refuse a broken one with one line, to count its slots, and to know whether
// it names machines other than this one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// One machine of a hostfile (its lines merged: a host may be listed more than once).
struct HostEntry {
  std::string name;                   ///< as written: a host name or an address
  std::optional<unsigned> slots;      ///< slots=N: ranks it takes; unset: Open MPI counts its cores
  std::optional<unsigned> max_slots;  ///< max_slots=N, when given
  bool local = false;                 ///< names this machine (localhost, a loopback or own address, own name)
};

/// A hostfile as the tool understands it.
struct Hostfile {
  std::string path;              ///< as given to --hosts
  std::vector<HostEntry> hosts;  ///< in the order of their first line
  /// Ranks the file has room for, when every host gives its slots (or is this machine, whose
  /// cores Open MPI counts); unset when a remote host leaves its slots to Open MPI.
  [[nodiscard]] std::optional<unsigned> slots(unsigned local_cores) const;
  /// True when some host is not this machine.
  [[nodiscard]] bool names_other_machines() const;
};

/// Parses the text of a hostfile; throws UsageError naming `path` and the line when it is
/// malformed (an unknown keyword, a bad count, a host given slots twice) or names no host.
Hostfile parse_hostfile(const std::string& path, std::string_view text);

/// Reads and parses the hostfile at `path`; throws UsageError (one line) when it cannot be read.
Hostfile read_hostfile(const std::string& path);

/// Whether `host` names this machine as mpirun judges it: localhost, an address one of its
/// interfaces has (127.0.0.1, ::1 included), or its host name (short or full).
bool is_this_machine(std::string_view host);

}  // namespace concur
