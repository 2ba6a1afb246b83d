#include "net/item.hpp"

#include <algorithm>
#include <array>
#include <new>

#include <xxhash.h>
#include <boost/crc.hpp>

namespace concur::net {
namespace {

// The pattern, followed by a copy of its first kPieceBytes: a window of up to kPieceBytes that
// starts anywhere in the pattern is then one contiguous view, even where it wraps around.
struct Pattern {
  std::array<std::byte, kPatternBytes + kPieceBytes> bytes{};

  Pattern() {
    for (std::uint64_t w = 0; w < kPatternBytes / 8; ++w) {
      // splitmix64's output function of the w-th state: the same words as a splitmix64
      // generator seeded with 0 yields, written little-endian.
      std::uint64_t z = (w + 1) * 0x9E3779B97F4A7C15ull;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      for (int b = 0; b < 8; ++b) bytes[w * 8 + static_cast<std::uint64_t>(b)] = static_cast<std::byte>(z >> (8 * b));
    }
    std::copy_n(bytes.begin(), kPieceBytes, bytes.begin() + kPatternBytes);
  }
};

const Pattern& pattern() {
  static const auto* const made = new Pattern();  // never freed: views into it outlive everything
  return *made;
}

std::uint64_t start_of(std::uint64_t item) { return (item * 2654435761ull) % kPatternBytes; }

template <typename Feed>
void for_each_piece(std::uint64_t item, std::uint64_t size, Feed feed) {
  for (std::uint64_t offset = 0; offset < size;) {
    const auto piece = item_piece(item, offset, size - offset);
    feed(piece);
    offset += piece.size();
  }
}

}  // namespace

std::span<const std::byte> item_piece(std::uint64_t item, std::uint64_t offset, std::uint64_t left) {
  const std::uint64_t at = (start_of(item) + offset) % kPatternBytes;
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, kPieceBytes));
  return {pattern().bytes.data() + at, n};
}

std::uint64_t item_digest(std::uint64_t item, std::uint64_t size) {
  BodyDigest digest;
  for_each_piece(item, size, [&](std::span<const std::byte> piece) { digest.update(piece); });
  return digest.value();
}

std::uint64_t item_crc32(std::uint64_t item, std::uint64_t size) {
  boost::crc_32_type crc;
  for_each_piece(item, size, [&](std::span<const std::byte> piece) { crc.process_bytes(piece.data(), piece.size()); });
  return crc.checksum();
}

BodyDigest::BodyDigest() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}

BodyDigest::~BodyDigest() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void BodyDigest::update(std::span<const std::byte> piece) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), piece.data(), piece.size());
}

std::uint64_t BodyDigest::value() const { return XXH3_64bits_digest(static_cast<XXH3_state_t*>(state_)); }

}  // namespace concur::net
