// libFuzzer target for the HTTP parsing a network peer controls: the server's request reader
// (net/request.hpp) and the clients' response reader (net/response.hpp), fed the input in pieces
// of a fuzzed size, as a socket delivers it. The first byte picks the reader and the piece size.
// A reader may accept (what it accepted must lie within the server's caps) or refuse (with a
// documented status, or a FetchError naming the server); any other exception, a crash, undefined
// behaviour or a leak is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "net/request.hpp"
#include "net/response.hpp"

namespace {

using namespace concur::net;

void require(bool property) {
  if (!property) std::abort();
}

bool one_line(std::string_view text) { return !text.empty() && text.find_first_of("\r\n") == std::string_view::npos; }

// Requests one after another on one connection (pipelining), each reader taking its share.
void fuzz_requests(std::span<const std::byte> bytes, std::size_t piece) {
  const RequestLimits limits;
  for (int request = 0; request < 8 && !bytes.empty(); ++request) {
    RequestReader reader(limits);
    std::size_t offset = 0, taken_total = 0;
    while (offset < bytes.size() && reader.state() == RequestReader::State::reading) {
      const auto chunk = bytes.subspan(offset, std::min(piece, bytes.size() - offset));
      const std::size_t taken = reader.put(chunk);
      require(taken <= chunk.size());
      taken_total += taken;
      offset += chunk.size();
      if (reader.state() == RequestReader::State::reading) require(taken == chunk.size());
    }
    // One more byte: a reader still reading may take it (and decide on it); one that is done takes
    // nothing. The state is read before the put, which may change it.
    const bool still_reading = reader.state() == RequestReader::State::reading;
    require(reader.put(bytes.first(std::min<std::size_t>(1, bytes.size()))) == 0 || still_reading);
    if (reader.state() == RequestReader::State::refused) {
      const unsigned s = reader.refusal().status;
      require(s == 400 || s == 404 || s == 405 || s == 413 || s == 431 || s == 505);
      require(one_line(reader.refusal().reason));
      return;  // the server closes after a refusal
    }
    if (reader.state() != RequestReader::State::ready) return;
    const ItemRequest& r = reader.request();
    require(r.size <= limits.max_size && r.latency <= limits.max_latency && r.latency.count() >= 0);
    require(r.item <= 0xFFFFFFFFull && (r.version == 10 || r.version == 11));
    bytes = bytes.subspan(taken_total);
  }
}

void fuzz_response(std::span<const std::byte> bytes, std::size_t piece) {
  FetchTarget target;
  target.authority = "fuzz:1";
  ResponseReader reader(target, 7);
  try {
    for (std::size_t offset = 0; offset < bytes.size() && !reader.done(); offset += piece)
      reader.put(bytes.subspan(offset, std::min(piece, bytes.size() - offset)));
    if (!reader.done()) reader.put_eof();
    require(reader.done());
    (void)reader.result();
  } catch (const FetchError& e) {
    require(std::string_view(e.what()).find("fuzz:1") != std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto bytes = std::as_bytes(std::span(data + 1, size - 1));
  const std::size_t piece = 1 + (data[0] >> 1) % 64;
  if ((data[0] & 1) == 0) {
    fuzz_requests(bytes, piece);
  } else {
    fuzz_response(bytes, piece);
  }
  return 0;
}
