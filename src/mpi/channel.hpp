// The one connection between the measuring process and rank 0 of the mpi model. Rank 0 may run
// on any host of the hostfile, so it connects back over TCP, the path Open MPI's own daemons
// use to reach mpirun (a cluster where mpirun works lets it through), and proves itself with a
// random token it was given in its environment, never on a command line others could read.
// Over it go the job, the moment every rank is ready, and the gathered results, each as one
// length-prefixed frame (frames.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

/// The environment variable that carries the rendezvous ("token@address:port,...") to the ranks.
inline constexpr char kChannelVariable[] = "CONCUR_MPI_CHANNEL";

/// The measuring process's end: a listening socket and the token rank 0 must present.
class ChannelListener {
 public:
  /// Listens on the loopback address when every rank runs on this machine, else on every
  /// address; throws std::runtime_error when no socket can be made.
  explicit ChannelListener(bool this_machine_only);
  /// Closes the socket.
  ~ChannelListener();
  ChannelListener(const ChannelListener&) = delete;
  ChannelListener& operator=(const ChannelListener&) = delete;
  /// The listening socket (non-blocking), to poll for a connection.
  [[nodiscard]] int fd() const { return fd_; }
  /// What rank 0 needs to connect back: the token and every address to try, in order.
  [[nodiscard]] const std::string& rendezvous() const { return rendezvous_; }
  /// Whether `hello` (rank 0's first frame) carries this listener's token.
  [[nodiscard]] bool accepts(std::span<const std::byte> hello) const;
  /// Stops listening (after rank 0 has connected: nobody else may).
  void close();

 private:
  int fd_ = -1;
  std::string token_;
  std::string rendezvous_;
};

/// Rank 0's side: connects to the first address of `rendezvous` that answers within
/// `per_address` and sends the token as the first frame. Returns the connected socket; throws
/// std::runtime_error naming every address tried when none answers.
int connect_back(std::string_view rendezvous, std::chrono::milliseconds per_address);

}  // namespace concur
