// One screen of the live view, laid out for the terminal it is drawn on: the scenario, its models'
// rows so far, the lanes of the model running now, and the progress line. Every line is cut to
// the width and the screen never has more lines than the terminal, so a redraw in place always
// lands where the last one was (80 × 24 included).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace concur {

/// What one screen shows, each part already in words.
struct LiveScreen {
  std::string title;               ///< the scenario: "sleep — every task waits on a timer … · 20 tasks"
  std::string ideal;               ///< "ideal: back to back 2.000 s · perfect overlap 100.0 ms"
  std::vector<std::string> rows;   ///< one per model: what it measured so far, or that it runs or waits
  std::string now;                 ///< the running model in a few words: "async · run 1 of 3 · 0.06 s"
  std::string done;                ///< the models measured so far, in one line, for a compact screen
  std::string note;                ///< what to read in the lanes, or why they fill only at the end
  std::vector<std::string> lanes;  ///< the lanes, in flight and cores busy (LiveLanes::draw)
  std::string status;              ///< the progress line
};

/// How the lines of a screen are shared out.
struct LiveLayout {
  bool compact = false;        ///< the rows give way to one line (the running model and the done ones)
  std::size_t lane_lines = 1;  ///< lines for the lanes themselves
};

/// The layout for `models` rows and `tasks` tasks with `extra_lines` under the lanes (in flight,
/// cores busy) on a screen of `height` lines: every task its own lane if that fits with the rows,
/// else without them; beyond that, the rows and as many lanes as remain.
LiveLayout plan_live_layout(std::size_t models, std::size_t tasks, std::size_t extra_lines, int height);

/// The screen's lines: at most `height`, none wider than `width` − 1 columns.
std::vector<std::string> compose_live_screen(const LiveScreen& screen, const LiveLayout& layout, int width, int height);

}  // namespace concur
