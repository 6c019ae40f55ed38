// Peak resident memory for benchmarks: VmHWM from /proc/self/status, in KiB.
//
// VmHWM is a per-process high-water mark, so in a suite that runs many
// benchmarks in one process it would otherwise carry the peak of earlier
// benchmarks. reset_peak_memory() first returns freed heap to the system
// (malloc_trim) and then resets the mark to the current RSS by writing "5" to
// /proc/self/clear_refs (Linux >= 4.0). Call it at the start of a benchmark,
// then report peak_memory_kib() as a counter. Where the reset is not allowed the
// counter is still the process's peak so far (an upper bound).
#pragma once

#include <malloc.h>

#include <cstdio>
#include <cstring>

namespace homeward::bench {

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"); -1 when unavailable.
inline double proc_status_kib(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  double kib = -1;
  const std::size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
      long value = 0;
      if (std::sscanf(line + n + 1, "%ld", &value) == 1) kib = static_cast<double>(value);
      break;
    }
  }
  std::fclose(f);
  return kib;
}

inline double peak_memory_kib() { return proc_status_kib("VmHWM"); }
inline double current_memory_kib() { return proc_status_kib("VmRSS"); }

// Returns true when the high-water mark was reset.
inline bool reset_peak_memory() {
  malloc_trim(0);
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  const bool ok = std::fputs("5", f) >= 0;
  return (std::fclose(f) == 0) && ok;
}

}  // namespace homeward::bench
