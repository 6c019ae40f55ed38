// replications.csv (sim/io/results_tables.h): written row by row from the
// replication table, spilled rows included, in pieces of bounded size, so
// that a run of any number of replications writes it in the same memory.
#include "sim/io/results_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace homeward::io {
namespace {

model::ReplicationResult replication(std::vector<model::Measure> measures) {
  model::ReplicationResult r;
  r.measures = std::move(measures);
  return r;
}

// Two scenarios, the second without the first's "b" and with a "c" of its
// own: the columns are every measure in first-seen order, a missing one an
// empty cell; replication numbers restart for each scenario.
TEST(ReplicationsCsv, EveryMeasureInFirstSeenOrderMissingOnesEmpty) {
  ScenarioInfo base_info, other_info;
  base_info.name = "base";
  other_info.name = "other, with a comma";
  model::ScalarTable base, other;
  base.append(replication({{"a", 1.5}, {"b", 2}}));
  base.append(replication({{"a", 3}, {"b", 0.25}}));
  other.append(replication({{"a", 7}, {"c", -1}}));
  const std::vector<ScenarioResults> results{{&base_info, &base, {}, {}}, {&other_info, &other, {}, {}}};
  std::string text;
  write_replications_csv(results, [&](std::string_view piece) { text += piece; });
  EXPECT_EQ(text,
            "scenario,replication,a,b,c\n"
            "base,0,1.5,2,\n"
            "base,1,3,0.25,\n"
            "\"other, with a comma\",0,7,,-1\n");
}

// 10,000 replications, nearly all of them spilled to the table's temporary file:
// every row comes back in order, and no piece handed to the writer is much
// longer than kCsvPieceBytes (a row, here under 100 bytes, may end past it).
TEST(ReplicationsCsv, ManyReplicationsAreWrittenInBoundedPiecesInOrder) {
  ScenarioInfo info;
  info.name = "s";
  model::ScalarTable table;
  constexpr int kRows = 10000;
  for (int r = 0; r < kRows; ++r) table.append(replication({{"x", r + 0.5}, {"y", 2.0 * r}}));
  ASSERT_GT(kRows, static_cast<int>(model::ScalarTable::kRowsInMemory) * 4);
  const std::vector<ScenarioResults> results{{&info, &table, {}, {}}};
  std::string text;
  std::size_t pieces = 0, longest = 0;
  write_replications_csv(results, [&](std::string_view piece) {
    ++pieces;
    longest = std::max(longest, piece.size());
    text += piece;
  });
  std::string expected = "scenario,replication,x,y\n";
  for (int r = 0; r < kRows; ++r) expected += "s," + std::to_string(r) + "," + std::to_string(r) + ".5," + std::to_string(2 * r) + "\n";
  EXPECT_EQ(text, expected);
  EXPECT_GT(pieces, 1u);
  EXPECT_LT(longest, kCsvPieceBytes + 100);
}

}  // namespace
}  // namespace homeward::io
