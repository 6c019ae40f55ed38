// Numbers as a person reads them on the terminal: thousands separators, £ for
// money and percentages for shares, never 3.348e+04 (docs/outputs.md, "The
// terminal tables").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace homeward::io {

// v rounded to `decimals` places with a comma between thousands: 1234567.8 at 0 places
// is "1,234,568"; `minus` before negatives ("-1,200"; the report passes U+2212), never
// before a value that rounds to 0. "n/a" when not finite.
std::string grouped(double v, int decimals, std::string_view minus = "-");

// A measure's value in its unit: "GBP" as "£1,234,568"; "share" as a percentage with one
// decimal ("6.5%"); anything else grouped, with 0 decimals from 1,000 up, 1 from 10 and 3
// below (0.123).
std::string measure_text(double v, std::string_view unit);

// The unit as printed beside measure_text's value: "" for GBP and share, whose values carry
// their own sign, the unit itself otherwise.
std::string_view unit_text(std::string_view unit);

// A count and its noun, the noun singular for exactly one and grouped as above:
// counted(1, "replication") is "1 replication", counted(0, "replication") "0 replications",
// counted(1000, "replication") "1,000 replications". `plural` where it is not the noun
// and an "s" (counted(2, "series", "series")).
std::string counted(std::size_t n, std::string_view noun, std::string_view plural = {});

}  // namespace homeward::io
