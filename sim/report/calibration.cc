#include "sim/report/calibration.h"

#include <fmt/format.h>

#include <string_view>

#include "sim/report/html.h"

namespace homeward::report {
namespace {

// A number of any size, to four significant figures.
std::string general(const nlohmann::json& value) {
  if (!value.is_number()) return std::string(kDash);
  std::string text = fmt::format("{:.4g}", value.get<double>());
  if (text.starts_with('-')) text = std::string(kMinus) + text.substr(1);
  return text;
}

}  // namespace

std::string calibration_tables_html(const nlohmann::json& p) {
  if (!p.is_object()) return "";
  const auto text = [](const nlohmann::json& v) {
    return escape_html(v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump());
  };
  std::string out;
  if (p.contains("statistics") && p["statistics"].is_array() && !p["statistics"].empty()) {
    out += "<table id=\"fit-statistics\">\n<caption>How well the fitted model matches each series</caption>\n"
           "<thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Training or test</th><th scope=\"col\">Months</th>"
           "<th scope=\"col\">Mean absolute % error</th><th scope=\"col\">The same for a flat forecast</th>"
           "<th scope=\"col\">Root mean square error (days)</th>"
           "<th scope=\"col\">Bias (%)</th></tr></thead>\n<tbody>\n";
    for (const auto& st : p["statistics"]) {
      if (!st.is_object()) continue;
      const bool fitted = st.value("fitted", true);
      out += fmt::format("<tr><th scope=\"row\">{}{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         text(st.value("series", nlohmann::json())), fitted ? "" : " (not fitted)",
                         text(st.value("split", nlohmann::json())), text(st.value("months", nlohmann::json())),
                         general(st.value("mape_percent", nlohmann::json())),
                         general(st.value("flat_forecast_mape_percent", nlohmann::json())),
                         general(st.value("rmse_days", nlohmann::json())),
                         general(st.value("bias_percent", nlohmann::json())));
    }
    out += "</tbody>\n</table>\n<p class=\"note\">The flat forecast forecasts every month at the series' mean over "
           "the training months; a model that does not beat it has not shown it knows more than the average.</p>\n";
  }
  if (p.contains("parameters") && p["parameters"].is_array() && !p["parameters"].empty()) {
    out += "<table id=\"parameters\">\n<caption>Fitted parameters</caption>\n<thead><tr>"
           "<th scope=\"col\">Parameter</th><th scope=\"col\">Start</th><th scope=\"col\">Fitted</th>"
           "<th scope=\"col\">95% interval</th><th scope=\"col\">Bounds</th><th scope=\"col\">Across restarts</th>"
           "</tr></thead>\n<tbody>\n";
    for (const auto& q : p["parameters"]) {
      if (!q.is_object()) continue;
      const nlohmann::json interval = q.value("interval95", nlohmann::json::array());
      const bool has_interval = interval.is_array() && interval.size() == 2 && interval[0].is_number();
      const nlohmann::json near = q.value("near_bound", nlohmann::json());
      const bool spread = q.value("restart_max", nlohmann::json()).is_number() &&
                          q.value("restart_min", nlohmann::json()).is_number() &&
                          q["restart_max"].get<double>() > q["restart_min"].get<double>();
      out += fmt::format(
          "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}{}</td><td>{}</td><td>{} to {}</td><td>{}</td></tr>\n",
          text(q.value("name", nlohmann::json())), general(q.value("start", nlohmann::json())),
          general(q.value("value", nlohmann::json())),
          near.is_string() ? " <strong>(near the " + escape_html(near.get<std::string>()) + " bound)</strong>" : "",
          has_interval ? general(interval[0]) + " to " + general(interval[1]) : std::string(kDash),
          general(q.value("lower", nlohmann::json())), general(q.value("upper", nlohmann::json())),
          spread ? general(q["restart_min"]) + " to " + general(q["restart_max"]) : std::string(kDash));
    }
    out += "</tbody>\n</table>\n";
  }
  return out;
}

}  // namespace homeward::report
