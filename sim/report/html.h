// The HTML of `homeward report`: the page template (report/, built by
// report/build.mjs and embedded in homeward) with the title, the body (headline
// table, findings, figure placeholders, provenance) and the charts' data
// filled in. The charts themselves are drawn in the browser by the page's
// script from that data.
#pragma once

#include <string>
#include <string_view>

#include "sim/report/inputs.h"

namespace homeward::report {

// REQUIRES: page_template holds <!--homeward:title-->, <!--homeward:body-->
// and <!--homeward:data--> once each, in that order (build.mjs checks it).
std::string render_page(const Inputs& inputs, const std::string& title, std::string_view page_template);

// The default title: "Homeward: NAME", "Homeward: BASE compared with A and B"
// or "Homeward calibration: SCENARIO_FILE".
std::string default_title(const Inputs& inputs);

// What the page shows for a minus sign, and for a value that is missing.
inline constexpr std::string_view kMinus = "\u2212";
inline constexpr std::string_view kDash = "\u2014";

// `value` with `decimals` decimals, thousands separated by commas and a
// minus sign (U+2212) when what is shown is below zero: "−12,345.6".
std::string grouped(double value, int decimals);

// Text that is safe in HTML content and in quoted attribute values.
std::string escape_html(std::string_view text);

}  // namespace homeward::report
