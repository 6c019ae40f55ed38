// What `homeward serve` carries inside the binary: the workbench page (built
// from web/ at build time, its scripts and libraries inlined) and the shipped
// scenarios, which seed a new workspace.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace homeward::serve {

// Empty when homeward was built without web/node_modules.
std::string_view workbench_page();

// (file name, contents) of each scenario in scenarios/ when homeward was built.
const std::vector<std::pair<std::string, std::string_view>>& shipped_scenarios();

}  // namespace homeward::serve
