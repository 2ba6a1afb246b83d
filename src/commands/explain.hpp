// `concur-demo explain [topic]`: the teaching text behind the numbers. A model's or scenario's
// paragraph is the same constant that opens its source file, so the two cannot drift apart.
#pragma once

#include <ostream>
#include <string_view>

#include "commands/command.hpp"

namespace concur {

/// Whether `topic` names a model, a scenario or a lesson.
bool explain_knows(std::string_view topic);

/// Prints what `topic` teaches: its paragraph, what it costs, when to use it and the command
/// that shows it. An empty topic lists the lessons. `topic` must be known (see explain_knows).
void print_explain(std::string_view topic, std::ostream& out);

/// Adds `explain` to `line`.
void add_explain_command(CommandLine& line, Action& action, unsigned cores);

}  // namespace concur
