// Colour and emphasis for the terminal reporters, applied after padding: escape codes have no
// width, and padding measures the visible text only.
#pragma once

#include <string>
#include <string_view>

#include <fmt/color.h>

namespace concur {

/// `text` in `style` when `color` is on and there is text; otherwise `text` as it is.
std::string paint(std::string_view text, fmt::text_style style, bool color);

}  // namespace concur
