#include "sim/model/summary.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "sim/model/percentile.h"

namespace homeward::model {

Statistics summarise(std::vector<double> values) {
  Statistics s;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  double half_width = 0;
  if (values.size() > 1) {
    const boost::math::students_t t(n - 1);
    half_width = boost::math::quantile(t, 0.975) * s.sd / std::sqrt(n);
  }
  s.ci95 = {s.mean - half_width, s.mean + half_width};
  std::sort(values.begin(), values.end());
  s.p5 = percentile_sorted(values, 0.05);
  s.p50 = percentile_sorted(values, 0.50);
  s.p95 = percentile_sorted(values, 0.95);
  return s;
}

ScalarTable::~ScalarTable() {
  if (spill_ != nullptr) std::fclose(spill_);
}

ScalarTable::ScalarTable(ScalarTable&& other) noexcept
    : names_(std::move(other.names_)),
      buffer_(std::move(other.buffer_)),
      rows_(other.rows_),
      spilled_rows_(other.spilled_rows_),
      spill_(other.spill_) {
  other.spill_ = nullptr;
  other.rows_ = other.spilled_rows_ = 0;
}

void ScalarTable::append(const ReplicationResult& replication) {
  if (names_.empty())
    for (const Measure& m : replication.measures) names_.push_back(m.name);
  for (const Measure& m : replication.measures) buffer_.push_back(m.value);
  ++rows_;
  if (rows_ - spilled_rows_ < kRowsInMemory) return;
  if (spill_ == nullptr && (spill_ = std::tmpfile()) == nullptr)
    throw std::runtime_error("cannot create a temporary file for replication results");
  if (std::fseek(spill_, 0, SEEK_END) != 0 ||
      std::fwrite(buffer_.data(), sizeof(double), buffer_.size(), spill_) != buffer_.size())
    throw std::runtime_error("cannot write replication results to a temporary file");
  spilled_rows_ = rows_;
  buffer_.clear();
}

void ScalarTable::for_each_row(const std::function<void(std::size_t, std::span<const double>)>& visit) const {
  const std::size_t width = names_.size();
  std::size_t row = 0;
  if (spilled_rows_ > 0) {
    std::vector<double> block(kRowsInMemory * width);
    std::rewind(spill_);
    for (std::size_t done = 0; done < spilled_rows_;) {
      const std::size_t rows = std::min(kRowsInMemory, spilled_rows_ - done);
      if (std::fread(block.data(), sizeof(double), rows * width, spill_) != rows * width)
        throw std::runtime_error("cannot read replication results back from a temporary file");
      for (std::size_t r = 0; r < rows; ++r) visit(row++, std::span<const double>(block.data() + r * width, width));
      done += rows;
    }
  }
  for (std::size_t r = 0; r < rows_ - spilled_rows_; ++r)
    visit(row++, std::span<const double>(buffer_.data() + r * width, width));
}

std::vector<double> ScalarTable::column(std::size_t measure) const {
  std::vector<double> values;
  values.reserve(rows_);
  for_each_row([&](std::size_t, std::span<const double> row) { values.push_back(row[measure]); });
  return values;
}

namespace {

ScalarTable table_of(const std::vector<ReplicationResult>& replications) {
  ScalarTable table;
  for (const ReplicationResult& r : replications) table.append(r);
  return table;
}

}  // namespace

std::vector<MeasureSummary> summarise(const ScalarTable& table) {
  std::vector<MeasureSummary> out;
  for (std::size_t i = 0; i < table.names().size(); ++i) out.push_back({table.names()[i], summarise(table.column(i))});
  return out;
}

std::vector<MeasureSummary> summarise(const std::vector<ReplicationResult>& replications) {
  return summarise(table_of(replications));
}

std::vector<DifferenceSummary> paired_differences(const ScalarTable& base, const ScalarTable& other) {
  std::vector<DifferenceSummary> out;
  if (base.rows() == 0 || base.rows() != other.rows()) return out;
  // Services differ between scenarios, so measures are matched by name.
  std::unordered_map<std::string, std::size_t> base_index;
  for (std::size_t i = 0; i < base.names().size(); ++i) base_index[base.names()[i]] = i;
  for (std::size_t i = 0; i < other.names().size(); ++i) {
    auto found = base_index.find(other.names()[i]);
    if (found == base_index.end()) continue;
    const std::vector<double> base_values = base.column(found->second);
    std::vector<double> differences = other.column(i);
    double base_sum = 0;
    for (std::size_t r = 0; r < base.rows(); ++r) {
      base_sum += base_values[r];
      differences[r] -= base_values[r];
    }
    DifferenceSummary d{found->first, summarise(differences), 0};
    const double base_mean = base_sum / static_cast<double>(base.rows());
    d.relative = base_mean != 0 ? d.statistics.mean / base_mean : 0;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DifferenceSummary> paired_differences(const std::vector<ReplicationResult>& base,
                                                  const std::vector<ReplicationResult>& other) {
  return paired_differences(table_of(base), table_of(other));
}

}  // namespace homeward::model
