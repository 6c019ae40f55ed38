// replications.csv and summary.csv load in one call (docs/outputs.md, "Tables
// for analysts"): read by pandas and by R, implementations of CSV that are not
// ours, and checked against what each computes itself from the rows.
#include <gtest/gtest.h>

#include "support/e2e_support.h"

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::homeward;
using homeward::testing::e2e::Outcome;
using homeward::testing::e2e::shell;

// Debian's python3-pandas is for the system interpreter, not one first on PATH.
constexpr const char* kPython = "/usr/bin/python3";

bool pandas_available(const fs::path& dir) {
  return fs::exists(kPython) && shell(std::string(kPython) + " -c 'import pandas'", dir).exit_code == 0;
}

// Loads both tables with pandas.read_csv and checks, for every scenario and
// measure, that summary.csv's n, mean and sd are those pandas computes from
// replications.csv's column, and that every measure of every scenario is there.
constexpr const char* kCheck = R"PY(
import sys
import pandas as pd
out, names = sys.argv[1], sys.argv[2].split("|")
reps = pd.read_csv(out + "/replications.csv")
summ = pd.read_csv(out + "/summary.csv")
assert list(reps.columns[:2]) == ["scenario", "replication"], list(reps.columns[:2])
header = ["scenario", "measure", "unit", "mean", "sd", "ci95_low", "ci95_high", "n"]
assert list(summ.columns) == header, list(summ.columns)
assert sorted(reps["scenario"].unique()) == sorted(names), reps["scenario"].unique()
assert reps["replication"].dtype.kind == "i"
checked = 0
for row in summ.itertuples():
    column = reps.loc[reps["scenario"] == row.scenario, row.measure]
    assert len(column) == row.n, (row.scenario, row.measure, len(column), row.n)
    if column.isna().all():
        continue
    assert abs(column.mean() - row.mean) <= 1e-9 * max(1.0, abs(row.mean)), (row.measure, column.mean(), row.mean)
    if row.n > 1:
        sd = column.std(ddof=1)
        assert abs(sd - row.sd) <= 1e-9 * max(1.0, abs(row.sd)), (row.measure, sd, row.sd)
    assert row.ci95_low <= row.mean <= row.ci95_high, row
    checked += 1
pairs = set(zip(summ["scenario"], summ["measure"]))
assert pairs >= {(s, m) for s in names for m in ["delayed_bed_days", "cost_total"]}
units = dict(zip(summ["measure"], summ["unit"]))
assert units["delayed_bed_days"] == "bed days" and units["cost_total"] == "£", units
assert units["admissions"] == "patients" and units["delay_days_mean"] == "days", units
print("checked", checked, "measures")
)PY";

void check_with_pandas(const fs::path& dir, const std::string& scenario_names) {
  std::ofstream(dir / "check.py") << kCheck;
  const Outcome checked =
      shell(std::string(kPython) + " " + (dir / "check.py").string() + " " + (dir / "out").string() + " '" +
                scenario_names + "'",
            dir);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  EXPECT_NE(checked.out.find("checked "), std::string::npos) << checked.out;
}

bool r_available(const fs::path& dir) { return shell("Rscript --version", dir).exit_code == 0; }

// read.csv, one call a table; the same checks on the headline measures.
constexpr const char* kCheckR = R"R(
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; names <- strsplit(args[2], "|", fixed = TRUE)[[1]]
reps <- read.csv(file.path(out, "replications.csv"), check.names = FALSE, stringsAsFactors = FALSE, encoding = "UTF-8")
summ <- read.csv(file.path(out, "summary.csv"), check.names = FALSE, stringsAsFactors = FALSE, encoding = "UTF-8")
stopifnot(identical(names(reps)[1:2], c("scenario", "replication")))
stopifnot(identical(names(summ), c("scenario", "measure", "unit", "mean", "sd", "ci95_low", "ci95_high", "n")))
stopifnot(setequal(unique(reps$scenario), names), is.numeric(reps$replication))
checked <- 0
for (s in names) for (m in c("delayed_bed_days", "cost_total", "admissions")) {
  column <- reps[reps$scenario == s, m]
  row <- summ[summ$scenario == s & summ$measure == m, ]
  stopifnot(nrow(row) == 1, length(column) == row$n)
  stopifnot(abs(mean(column) - row$mean) <= 1e-9 * max(1, abs(row$mean)))
  if (row$n > 1) stopifnot(abs(sd(column) - row$sd) <= 1e-9 * max(1, abs(row$sd)))
  checked <- checked + 1
}
stopifnot(summ$unit[summ$measure == "cost_total"][1] == "\u00a3")
cat("checked", checked, "measures\n")
)R";

void check_with_r(const fs::path& dir, const std::string& scenario_names) {
  std::ofstream(dir / "check.R") << kCheckR;
  const Outcome checked = shell("Rscript " + (dir / "check.R").string() + " " + (dir / "out").string() + " '" +
                                    scenario_names + "'",
                                dir);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  EXPECT_NE(checked.out.find("checked "), std::string::npos) << checked.out;
}

TEST(Tables, ACompareLoadsInROneCallEach) {
  const fs::path dir = homeward::testing::e2e::scratch("homeward_tables", "compare_r");
  if (!r_available(dir)) GTEST_SKIP() << "Rscript is not installed";
  const Outcome run = homeward("compare " + homeward::testing::e2e::kScenarioDir + "baseline.json " +
                                   homeward::testing::e2e::kScenarioDir + "hart.json -n 3 --seed 4 -q --out " +
                                   (dir / "out").string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  check_with_r(dir, "baseline|hart");
}

TEST(Tables, ACompareLoadsInPandasInOneCallEach) {
  const fs::path dir = homeward::testing::e2e::scratch("homeward_tables", "compare");
  if (!pandas_available(dir)) GTEST_SKIP() << kPython << " with pandas is not installed";
  const Outcome run = homeward("compare " + homeward::testing::e2e::kScenarioDir + "baseline.json " +
                                   homeward::testing::e2e::kScenarioDir + "hart.json -n 3 --seed 4 -q --out " +
                                   (dir / "out").string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  check_with_pandas(dir, "baseline|hart");
}

TEST(Tables, ASingleRunHasTheScenarioColumnToo) {
  const fs::path dir = homeward::testing::e2e::scratch("homeward_tables", "run");
  if (!pandas_available(dir)) GTEST_SKIP() << kPython << " with pandas is not installed";
  const Outcome run = homeward("run " + homeward::testing::e2e::kScenarioDir + "baseline.json -n 2 --seed 4 -q --out " +
                                   (dir / "out").string(),
                               dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  check_with_pandas(dir, "baseline");
}

}  // namespace
