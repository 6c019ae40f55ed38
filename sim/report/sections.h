// The sections of the report's body between its header and "About this run",
// each written on its own: the headline (headline.cc) and the chart
// sections (charts.cc). render_page (html.cc) puts them in order.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/report/inputs.h"

namespace homeward::report {

// The page's figures, numbered in the order the sections write them, and
// each one's rows, which the page's script draws the chart from.
class Figures {
 public:
  // The placeholder of the next figure; `rows` become the chart data under `chart`.
  std::string add(std::string_view chart, std::string_view caption, nlohmann::ordered_json rows);
  const nlohmann::ordered_json& charts() const { return charts_; }

 private:
  nlohmann::ordered_json charts_ = nlohmann::ordered_json::object();
  int count_ = 0;
};

// The headline findings, then the headline table; savings when `summary` is of a compare.
std::string headline_section(const Summary& summary);

std::string delays_section(const Summary& summary, Figures& figures);
// Empty when summary.json splits delayed bed days by neither reason nor agency.
std::string reasons_section(const Summary& summary, Figures& figures);
// REQUIRES: inputs.summary. A note instead of charts when monthly.csv has none of its scenarios' months.
std::string monthly_section(const Inputs& inputs, Figures& figures);
std::string capacity_section(const Summary& summary, Figures& figures);
// Empty when the directory holds neither a calibration's fit.csv nor its provenance.json.
std::string calibration_section(const Inputs& inputs, Figures& figures);

}  // namespace homeward::report
