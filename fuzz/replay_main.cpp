// Replays fuzz corpora without libFuzzer: every file named on the command line, and every file
// under a directory named there, goes once through the target's LLVMFuzzerTestOneInput. It is
// built in the ASan+UBSan build (g++ has no libFuzzer), so CI replays each corpus under the
// sanitizers it has already built instead of building the whole tool again with clang.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

// The files to replay: a file as given, a directory's regular files in name order.
std::vector<std::filesystem::path> inputs(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path given(argv[i]);
    if (!std::filesystem::is_directory(given)) {
      files.push_back(given);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(given))
      if (entry.is_regular_file()) found.push_back(entry.path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const auto files = inputs(argc, argv);
  for (const auto& file : files) replay(file);
  std::cout << files.size() << " inputs replayed\n";
  return files.empty() ? 1 : 0;  // an empty corpus would make the replay a check that cannot fail
}
