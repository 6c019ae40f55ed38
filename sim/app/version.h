// The version written into run-info.json and journals; journals of different
// versions are never merged or resumed together. Set once, in CMakeLists.txt's
// project(VERSION); `homeward --version` prints it.
#pragma once

#include "homeward_version.h"

namespace homeward::app {
inline constexpr const char* kVersion = HOMEWARD_VERSION;
}  // namespace homeward::app
