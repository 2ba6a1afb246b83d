// A real terminal for the tests of what the tool draws on one: the binary runs in a tmux pane
// of a chosen size, on a tmux server of the test's own, and the test reads the screen as the
// class would see it, sends keys (Ctrl-C) and asks tmux about the terminal's state.
#pragma once

#include <string>
#include <vector>

#include "child_process.hpp"

namespace concur::test {

/// Whether tmux can be started here (the live and progress tests need it).
bool tmux_available();

/// The concur-demo binary running in a tmux pane of `width` × `height`.
class TmuxPane {
 public:
  /// Starts the binary with `args` in a fresh pane; after it ends, the pane prints "[exit N]",
  /// the terminal's echo and canonical-mode flags (as stty names them) and "[done]", and stays.
  /// Ctrl-C reaches the binary only (the shell around it ignores it).
  TmuxPane(const std::vector<std::string>& args, int width, int height);
  /// Kills the tmux server and everything in it.
  ~TmuxPane();
  TmuxPane(const TmuxPane&) = delete;
  TmuxPane& operator=(const TmuxPane&) = delete;

  /// What the pane shows now, one string per line (trailing blanks removed by tmux).
  [[nodiscard]] std::string screen() const;
  /// The same with wrapped lines joined again: a line wider than the pane shows as one long line.
  [[nodiscard]] std::string joined_screen() const;
  /// A tmux format about the pane, e.g. "#{alternate_on} #{cursor_flag}".
  [[nodiscard]] std::string query(const std::string& format) const;
  /// Sends keys as tmux names them ("C-c").
  void keys(const std::string& keys) const;
  /// Waits at most `seconds` for the binary to end and the flags to be printed; true if they were.
  [[nodiscard]] bool wait_until_done(double seconds) const;
  /// Waits at most `seconds` for the screen to contain `text`; true if it did.
  [[nodiscard]] bool wait_for_text(const std::string& text, double seconds) const;
  /// A file in the pane's own scratch directory (for -o and the like).
  [[nodiscard]] std::string file(const std::string& name) const { return dir_ / name; }

 private:
  [[nodiscard]] std::string tmux(const std::vector<std::string>& args) const;
  ScratchDir dir_;
};

}  // namespace concur::test
