#include "options/output_files.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <memory>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "core/parse.hpp"
#include "core/usage_error.hpp"
#include "sys/atomic_file.hpp"

namespace concur {
namespace {

struct FileId {
  dev_t dev;
  ino_t ino;
  bool operator==(const FileId&) const = default;
};

std::optional<FileId> id_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileId{.dev = st.st_dev, .ino = st.st_ino};
}

std::optional<std::string> real_path(const std::string& path) {
  const std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
  if (!resolved) return std::nullopt;
  return std::string(resolved.get());
}

// What an output really writes, links followed: "fd N" for a descriptor, the file's identity
// when it exists, else its canonical path. Devices and FIFOs have none: writing one twice, or
// one the input also names, replaces nothing.
struct Written {
  const OutputFile* output;
  OutputTarget target;
  std::optional<FileId> id;
  std::string canonical;  // canonical directory + "/" + name (replace, direct)
};

Written written_by(const OutputFile& output) {
  Written w{.output = &output, .target = {}, .id = std::nullopt, .canonical = {}};
  try {
    w.target = resolve_output(output.path);
  } catch (const std::system_error&) {
    return w;  // a link cycle: check_output_path has already refused it
  }
  if (w.target.kind == OutputTarget::Kind::descriptor) return w;
  const auto slash = w.target.path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : w.target.path.substr(0, slash);
  const std::string name = slash == std::string::npos ? w.target.path : w.target.path.substr(slash + 1);
  w.canonical = real_path(dir).value_or(dir) + "/" + name;
  if (w.target.kind == OutputTarget::Kind::replace) w.id = id_of(w.target.path);
  return w;
}

bool same_destination(const Written& a, const Written& b) {
  using Kind = OutputTarget::Kind;
  if (a.target.kind == Kind::descriptor || b.target.kind == Kind::descriptor)
    return a.target.kind == b.target.kind && a.target.fd == b.target.fd;
  if (a.target.kind != Kind::replace || b.target.kind != Kind::replace) return false;
  return a.id && b.id ? *a.id == *b.id : a.canonical == b.canonical;
}

std::string named(const OutputFile& o) { return fmt::format("{} '{}'", o.option, printable(o.path)); }

void check_pairs(const std::vector<Written>& all) {
  const bool report_to_stdout = !all.empty() && all[0].target.kind == OutputTarget::Kind::descriptor;
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      if (!same_destination(all[i], all[j])) continue;
      const OutputFile& a = *all[i].output;
      const OutputFile& b = *all[j].output;
      if (i == 0 && report_to_stdout && all[0].target.fd == STDOUT_FILENO)
        throw UsageError(
            fmt::format("{} writes to standard output, where the report goes; give one of them a file "
                        "(-o FILE for the report)",
                        named(b)));
      throw UsageError(fmt::format("{} and {} name the same file, so one would replace the other; give each its own",
                                   named(a), named(b)));
    }
}

// The regular files directly in `dir` (what --dir reads), by identity.
std::vector<std::pair<FileId, std::string>> files_in(const std::string& dir) {
  std::vector<std::pair<FileId, std::string>> found;
  const std::unique_ptr<DIR, int (*)(DIR*)> handle(::opendir(dir.c_str()), ::closedir);
  if (!handle) return found;
  while (const dirent* entry = ::readdir(handle.get())) {
    struct stat st {};
    const std::string path = dir + "/" + entry->d_name;
    if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      found.emplace_back(FileId{.dev = st.st_dev, .ino = st.st_ino}, entry->d_name);
  }
  return found;
}

void check_against_input(const std::vector<Written>& all, const std::string& dir) {
  const auto root = real_path(dir);
  if (!root) return;  // a --dir that cannot be resolved fails on its own, with its own message
  const auto inputs = files_in(*root);
  const std::string inside = *root == "/" ? *root : *root + "/";
  for (const Written& w : all) {
    if (w.canonical.empty()) continue;
    if (w.canonical.rfind(inside, 0) == 0)
      throw UsageError(fmt::format("{} is inside --dir '{}', whose files are the input: write it elsewhere",
                                   named(*w.output), printable(dir)));
    for (const auto& [id, name] : inputs)
      if (w.id && *w.id == id)
        throw UsageError(fmt::format("{} is the same file as '{}' in --dir '{}', an input: write it elsewhere",
                                     named(*w.output), printable(name), printable(dir)));
  }
}

}  // namespace

std::string_view export_option(Format format) {
  return format == Format::json ? "--export-json" : format == Format::csv ? "--export-csv" : "--export-markdown";
}

std::vector<OutputFile> output_files(const Settings& settings) {
  std::vector<OutputFile> files{{.option = "--output", .path = settings.output.file.value_or("-")}};
  if (settings.output.trace) files.push_back({.option = "--trace", .path = *settings.output.trace});
  const OutputSettings& o = settings.output;
  if (o.svg) files.push_back({.option = "--svg", .path = *o.svg});
  for (const std::string& path : o.html) files.push_back({.option = "--html", .path = path});
  for (const ExportFile& e : o.exports) {
    files.push_back({.option = export_option(e.format), .path = e.path});
  }
  if (o.timeline_svg) files.push_back({.option = "--timeline-svg", .path = *o.timeline_svg});
  return files;
}

void check_outputs(const Settings& settings, std::span<const std::string> inputs) {
  const std::vector<OutputFile> files = output_files(settings);
  std::vector<Written> all;
  all.reserve(files.size());
  for (const OutputFile& f : files) all.push_back(written_by(f));
  check_pairs(all);
  if (settings.scenario.dir) check_against_input(all, *settings.scenario.dir);
  for (const std::string& input : inputs) {
    const auto input_id = id_of(input);
    for (const Written& w : all)
      if (input_id && w.id && *w.id == *input_id)
        throw UsageError(fmt::format("{} names an input of this command, which it would replace: write it elsewhere",
                                     named(*w.output)));
  }
  const auto self = id_of("/proc/self/exe");
  for (const Written& w : all)
    if (self && w.id && *w.id == *self)
      throw UsageError(fmt::format("{} is concur-demo's own executable: write it elsewhere", named(*w.output)));
}

}  // namespace concur
