#include "models/support/python_fetch.hpp"

#include "net/first_failure.hpp"
#include "net/target.hpp"

namespace concur {

nlohmann::json python_fetch_task(const FetchWork& work) {
  const net::FetchTarget& target = *work.target;
  nlohmann::json task{{"kind", "fetch"},
                      {"item", work.item},
                      {"ip", target.ip},
                      {"port", target.port},
                      {"host", target.authority},
                      {"path", target.path(work.item)},
                      {"connect_timeout", std::chrono::duration<double>(target.connect_timeout).count()},
                      {"read_timeout", std::chrono::duration<double>(target.read_timeout()).count()}};
  // The same source address a C++ task of this index would use, for its own ephemeral ports.
  if (const std::string source = target.source_for(work.item); !source.empty()) task["source"] = source;
  if (target.first_failure != nullptr)
    if (const auto failed = target.first_failure->first()) task["give_up"] = *failed;
  return task;
}

}  // namespace concur
