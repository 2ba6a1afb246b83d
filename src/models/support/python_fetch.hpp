// A net task as the Python reference program receives it: where to connect, what to ask, how
// long to wait, and, when an earlier fetch failed, the failure to give up with.
#pragma once

#include <nlohmann/json.hpp>

#include "scenarios/work.hpp"

namespace concur {

/// The JSON task reference.py's fetch functions read ({"kind": "fetch", "ip": …, "path": …}).
nlohmann::json python_fetch_task(const FetchWork& work);

}  // namespace concur
