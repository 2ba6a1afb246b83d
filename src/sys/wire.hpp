// Moving results between processes: the fork model sends each task's outcome to its parent,
// and every measured run sends its measurements to the runner. Both speak this tiny format:
// trivially copyable values, length-prefixed vectors and strings, in host byte order (the
// two ends are always the same binary on the same machine).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace concur {

/// Appends values to a byte buffer.
class WireWriter {
 public:
  /// Appends one trivially copyable value.
  template <typename T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  /// Appends a length-prefixed array of trivially copyable values.
  template <typename T>
  void put_span(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    const auto* p = reinterpret_cast<const std::byte*>(values.data());
    bytes_.insert(bytes_.end(), p, p + values.size_bytes());
  }
  /// Appends a length-prefixed string.
  void put_string(const std::string& s) { put_span(std::span<const char>(s.data(), s.size())); }
  /// The encoded bytes.
  [[nodiscard]] const std::vector<std::byte>& bytes() const { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

/// Reads values back in the order they were written; throws std::runtime_error when short.
class WireReader {
 public:
  /// Reads from `bytes`, which must outlive the reader.
  explicit WireReader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  /// Reads one trivially copyable value.
  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  /// Reads a length-prefixed array into a vector.
  template <typename T>
  std::vector<T> get_vector() {
    const auto n = get<std::uint64_t>();
    if (n > bytes_.size() / sizeof(T)) throw std::runtime_error("truncated message");
    std::vector<T> values(n);
    // memcpy with an empty vector's null data() is undefined even for zero bytes.
    if (n != 0) std::memcpy(values.data(), take(n * sizeof(T)), n * sizeof(T));
    return values;
  }
  /// Whether every byte has been read.
  [[nodiscard]] bool empty() const { return bytes_.empty(); }
  /// Reads a length-prefixed string.
  std::string get_string() {
    const auto chars = get_vector<char>();
    return {chars.begin(), chars.end()};
  }

 private:
  const std::byte* take(std::size_t n) {
    if (n > bytes_.size()) throw std::runtime_error("truncated message");
    const std::byte* p = bytes_.data();
    bytes_ = bytes_.subspan(n);
    return p;
  }
  std::span<const std::byte> bytes_;
};

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; false on error.
bool write_all(int fd, std::span<const std::byte> bytes);

/// Appends whatever `fd` has now to `buffer` (non-blocking fd); returns false at end of file.
bool read_available(int fd, std::vector<std::byte>& buffer);

}  // namespace concur
