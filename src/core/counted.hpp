// A count and its noun, in the plural when it is not one: every sentence the tool prints about
// threads, tasks, cores or lessons reads right for a machine of one core or a pool of one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace concur {

/// "1 thread", "2 threads": `n` and `noun`, with an "s" unless `n` is 1.
std::string counted(std::int64_t n, std::string_view noun);

}  // namespace concur
