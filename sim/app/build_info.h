// The commit the binary was built from, captured at build time by
// cmake/build_info.cmake (the binary never runs git): 40 hex digits, with
// "-dirty" when the work tree had uncommitted changes, or "unknown" when it
// was not built from a git checkout.
#pragma once

#include <string_view>

namespace homeward::app {

std::string_view build_commit();

}  // namespace homeward::app
