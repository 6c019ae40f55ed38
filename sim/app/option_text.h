// The texts of command-line options that CLI11 cannot check by itself:
// whole numbers that must not wrap round, --shard I/N, --precision
// MEASURE=REL and shares given as fractions or percentages. Each returns the
// value, or nullopt for main to refuse with the option's own message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/app/commands.h"

namespace homeward::app {

// Digits only, no sign or space, within 64 bits: "-1" and "2^64" are refused,
// never wrapped round to 2^64 - 1.
std::optional<std::uint64_t> parse_whole_number(const std::string& text);

// A share strictly between 0 and 1, as a fraction ("0.2") or a percentage ("20%").
std::optional<double> parse_share(const std::string& text);

// "I/N" with whole numbers 0 <= I < N.
std::optional<Shard> parse_shard(const std::string& text);

// "MEASURE=REL": a measure's name and a share (parse_share). The name is
// everything before the last '=' and may not be empty.
std::optional<RunOptions::Precision> parse_precision(const std::string& text);

}  // namespace homeward::app
