// The version written into run-info.json and journals; journals of different
// versions are never merged or resumed together.
#pragma once

namespace homeward::app {
inline constexpr const char* kVersion = "0.4.0";
}  // namespace homeward::app
