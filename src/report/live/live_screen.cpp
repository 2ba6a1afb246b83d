#include "report/live/live_screen.hpp"

#include <algorithm>

#include "report/glyphs.hpp"
#include "report/terminal_text.hpp"

namespace concur {
namespace {

// Title, ideal line, note and status around the rows and the lanes; compact: title, one line for
// the models, status.
constexpr std::size_t kFullFrame = 4;
constexpr std::size_t kCompactFrame = 3;
constexpr std::size_t kFewestLanes = 3;  // fewer and the full layout gives way to the compact one

}  // namespace

LiveLayout plan_live_layout(std::size_t models, std::size_t tasks, std::size_t extra_lines, int height) {
  const auto lines = static_cast<std::size_t>(std::max(1, height));
  const std::size_t full = kFullFrame + models + extra_lines;
  const std::size_t compact = kCompactFrame + extra_lines;
  const std::size_t full_room = lines > full ? lines - full : 0;
  const std::size_t compact_room = lines > compact ? lines - compact : 1;
  if (tasks <= full_room) return {.compact = false, .lane_lines = std::max<std::size_t>(1, tasks)};
  if (tasks <= compact_room) return {.compact = true, .lane_lines = tasks};
  if (full_room >= kFewestLanes) return {.compact = false, .lane_lines = full_room};
  return {.compact = true, .lane_lines = compact_room};
}

std::vector<std::string> compose_live_screen(const LiveScreen& screen, const LiveLayout& layout, int width,
                                             int height) {
  std::vector<std::string> lines{screen.title};
  if (layout.compact) {
    lines.push_back(screen.done.empty() ? screen.now : screen.now + "  │ " + screen.done);
  } else {
    lines.push_back(screen.ideal);
    lines.insert(lines.end(), screen.rows.begin(), screen.rows.end());
    lines.push_back(screen.note);
  }
  lines.insert(lines.end(), screen.lanes.begin(), screen.lanes.end());
  // The status line is the bottom line; whatever does not fit above it is left out.
  const auto room = static_cast<std::size_t>(std::max(1, height)) - 1;
  if (lines.size() > room) lines.resize(room);
  lines.push_back(screen.status);
  const auto columns = static_cast<std::size_t>(std::max(1, width - 1));
  // Under a non-UTF-8 locale every line in ASCII (# for a computing cell, - for a waiting one).
  for (std::string& line : lines) line = cut_to_width(in_charset(line, terminal_charset()), columns);
  return lines;
}

}  // namespace concur
