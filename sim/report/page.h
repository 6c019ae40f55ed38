// The page template of `homeward report`, embedded at build time: the output
// of report/build.mjs (report/template.html with its styles, the chart
// libraries and the page script inlined).
#pragma once

#include <string_view>

namespace homeward::report {

// Empty when homeward was built without report/node_modules.
std::string_view page_template();

}  // namespace homeward::report
