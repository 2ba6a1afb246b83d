// What the server answers for item i: a body whose every byte is a fixed function of i, so any
// client can check what it received without asking the server. Byte k of item i is byte
// (start(i) + k) mod 2^20 of one pseudo-random megabyte (splitmix64 words, little-endian), where
// start(i) = (i × 2654435761) mod 2^20: a different start for each of the first 2^20 items. The
// server sends views into that one megabyte, so it computes nothing per byte and holds no
// buffer per connection, and its CPU time is the network's, not a generator's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace concur::net {

/// Length of the pattern every body is a window of (1 MiB).
inline constexpr std::uint64_t kPatternBytes = std::uint64_t{1} << 20;

/// Largest piece item_piece() returns: a body is sent in views of at most this size.
inline constexpr std::size_t kPieceBytes = 64 * std::size_t{1024};

/// Bytes [offset, offset + n) of item `item`'s body for the largest n ≤ min(kPieceBytes, `left`);
/// a view into memory that lives as long as the program.
std::span<const std::byte> item_piece(std::uint64_t item, std::uint64_t offset, std::uint64_t left);

/// XXH3 (64 bit) of the first `size` bytes of item `item`'s body: what a client's digest must be.
std::uint64_t item_digest(std::uint64_t item, std::uint64_t size);

/// zlib's CRC-32 of the first `size` bytes of item `item`'s body (for clients without XXH3: Python).
std::uint64_t item_crc32(std::uint64_t item, std::uint64_t size);

/// Incremental XXH3 (64 bit) of a byte stream, as every client checksums a body.
class BodyDigest {
 public:
  /// Starts an empty digest.
  BodyDigest();
  /// Releases the hashing state.
  ~BodyDigest();
  BodyDigest(const BodyDigest&) = delete;
  BodyDigest& operator=(const BodyDigest&) = delete;
  /// Feeds the next piece of the body.
  void update(std::span<const std::byte> piece);
  /// The checksum of everything fed so far.
  [[nodiscard]] std::uint64_t value() const;

 private:
  void* state_;  // XXH3_state_t, opaque so that xxhash.h stays out of every includer
};

}  // namespace concur::net
