#include "measure/machine.hpp"

#include <sched.h>
#include <sys/utsname.h>

#include <fstream>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <boost/version.hpp>

namespace concur {

unsigned hardware_threads() {
  // The affinity mask, not the machine's total: under taskset or a container's CPU set, that is
  // how many cores this run can really use.
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

MachineInfo probe_machine() {
  MachineInfo m;
  m.cores = hardware_threads();
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) m.cpu = line.substr(line.find_first_not_of(' ', colon + 1));
      break;
    }
  }
  if (m.cpu.empty()) m.cpu = "unknown CPU";
  utsname u{};
  m.os = ::uname(&u) == 0 ? fmt::format("{} {}", u.sysname, u.release) : "unknown OS";
#if defined(__clang__)
  m.compiler = fmt::format("clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  m.compiler = fmt::format("g++ {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#endif
  m.boost = fmt::format("{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000);
  m.build = std::string(CONCUR_BUILD_TYPE).empty() ? "unspecified" : CONCUR_BUILD_TYPE;
  m.flags = CONCUR_CXX_FLAGS;
  // A governor other than "performance" lets the clock ramp during a run; readers of the
  // numbers deserve to know. Virtual machines often expose no cpufreq at all: then it is left out.
  std::ifstream governor("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  std::getline(governor, m.governor);
#ifndef __OPTIMIZE__
  // Timings from an unoptimised binary say little about the models; make that visible.
  m.optimised = false;
  m.warnings.emplace_back("unoptimised build: timings are not representative (build with cmake --preset release)");
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  m.warnings.emplace_back("sanitizer build: every memory access is checked, timings are not representative");
#endif
  return m;
}

}  // namespace concur
