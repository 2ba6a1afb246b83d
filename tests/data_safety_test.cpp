// A user's --dir after runs under every model, cold and warm: the same entries, the same bytes,
// the same modification, change and access times. Access times are set older than the
// modification times first, so that a plain read would move them even under relatime.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>

#include "child_process.hpp"
#include "sanitizer_support.hpp"

using namespace concur::test;

namespace {

struct Snapshot {
  std::string kind;
  std::string content;  // regular files only
  timespec mtime{}, ctime{}, atime{};
  bool operator==(const Snapshot& o) const {
    const auto same = [](const timespec& a, const timespec& b) {
      return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
    };
    return kind == o.kind && content == o.content && same(mtime, o.mtime) && same(ctime, o.ctime) &&
           same(atime, o.atime);
  }
};

std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  return os << s.kind << " " << s.content.size() << " bytes, mtime " << s.mtime.tv_sec << "." << s.mtime.tv_nsec
            << ", ctime " << s.ctime.tv_sec << "." << s.ctime.tv_nsec << ", atime " << s.atime.tv_sec << "."
            << s.atime.tv_nsec;
}

// Everything in `dir` (not following links, never opening anything but regular files), and the
// directory itself under the name ".".
std::map<std::string, Snapshot> snapshot(const ScratchDir& dir) {
  std::map<std::string, Snapshot> all;
  std::vector<std::string> names = dir.entries();
  names.emplace_back(".");
  for (const auto& name : names) {
    const std::string path = dir / name;
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    Snapshot s;
    s.kind = S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "special";
    s.mtime = st.st_mtim;
    s.ctime = st.st_ctim;
    s.atime = st.st_atim;
    if (S_ISREG(st.st_mode)) {
      // O_NOATIME, so that taking the snapshot does not itself move the access time.
      const int fd = ::open(path.c_str(), O_RDONLY | O_NOATIME);
      char buffer[65536];
      for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        s.content.append(buffer, static_cast<std::size_t>(n));
      if (fd >= 0) ::close(fd);
    }
    all[name] = s;
  }
  return all;
}

}  // namespace

TEST(DataSafety, ADirectoryReadByEveryModelIsLeftExactlyAsItWas) {
  const ScratchDir dir;
  std::uint64_t seed = 12345;
  for (const auto& [name, size] : std::map<std::string, std::size_t>{
           {"empty.bin", 0}, {"small.txt", 17}, {"chunk.bin", 256 * 1024}, {"bigger.bin", 700 * 1024 + 3}}) {
    std::string bytes(size, '\0');
    for (auto& b : bytes) b = static_cast<char>((seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 56);
    std::ofstream(dir / name, std::ios::binary) << bytes;
  }
  ::symlink((dir / "small.txt").c_str(), (dir / "link").c_str());
  ::mkfifo((dir / "fifo").c_str(), 0644);
  ::mkdir((dir / "subdir").c_str(), 0755);
  // Access times a day before the modification times: relatime would update them on a read.
  for (const auto& name : dir.entries()) {
    struct stat st {};
    ::lstat((dir / name).c_str(), &st);
    const timespec times[2] = {{st.st_mtim.tv_sec - 86400, 0}, st.st_mtim};
    ::utimensat(AT_FDCWD, (dir / name).c_str(), times, AT_SYMLINK_NOFOLLOW);
  }
  const auto before = snapshot(dir);

  const ScratchDir tmp;
  for (const char* cache : {"cold", "warm"}) {
    const Result r = run({.args = {"files", "--dir", dir.path(), "--cache", cache, "--model", models_under_test(),
                                   "--repeat", "1", "--warmup", "1"},
                          .tmpdir = tmp.path()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("✗"), std::string::npos) << r.out;
  }

  const auto after = snapshot(dir);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [name, was] : before) {
    ASSERT_TRUE(after.count(name)) << name << " disappeared";
    EXPECT_EQ(after.at(name), was) << name;
  }
  EXPECT_EQ(tmp.entries(), std::vector<std::string>{});
}
