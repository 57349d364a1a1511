#include "dyad/ingest/web_date.h"

#include <gtest/gtest.h>

namespace dyad::ingest {
namespace {

std::string Parsed(std::string_view text) {
  std::optional<Date> date = ParseWebDate(text);
  return date ? date->ToString() : "none";
}

TEST(WebDate, ReadsIso8601AndRfc3339ByTheirDay) {
  EXPECT_EQ(Parsed("2026-03-04T10:20:00Z"), "2026-03-04");
  EXPECT_EQ(Parsed("2026-03-04"), "2026-03-04");
  EXPECT_EQ(Parsed("  2026-03-04T23:30:00-05:00\n"), "2026-03-04");  // the writer's day, not UTC's
  EXPECT_EQ(Parsed("2026-03-04T10:20:00.123+01:00"), "2026-03-04");
  EXPECT_EQ(Parsed("2026-03-04 10:20:00"), "2026-03-04");
  EXPECT_EQ(Parsed("2024-02-29t00:00:00z"), "2024-02-29");
}

TEST(WebDate, ReadsRfc822) {
  EXPECT_EQ(Parsed("Tue, 03 Mar 2026 10:00:00 GMT"), "2026-03-03");
  EXPECT_EQ(Parsed("Tue, 3 Mar 2026 23:30:00 -0500"), "2026-03-03");
  EXPECT_EQ(Parsed("03 Mar 2026 10:00 +0100"), "2026-03-03");
  EXPECT_EQ(Parsed("Tue,03 Mar 2026 10:00:00 EST"), "2026-03-03");
  EXPECT_EQ(Parsed("Tuesday, 03 March 2026 10:00:00 Z"), "2026-03-03");
  EXPECT_EQ(Parsed("03 Sept 2025"), "2025-09-03");
  EXPECT_EQ(Parsed("Mar 4, 2026"), "2026-03-04");
  EXPECT_EQ(Parsed("Wed, 04 Mar 26 08:00:00 GMT"), "2026-03-04");  // two-digit years
  EXPECT_EQ(Parsed("Thu, 04 Mar 99 08:00:00 GMT"), "1999-03-04");
}

TEST(WebDate, RejectsWhatIsNotADay) {
  for (std::string_view bad :
       {"", "   ", "yesterday", "2026-02-30", "2026-03-04X", "2026/03/04", "32 Mar 2026", "04 Foo 2026",
        "Tue Mar  3 10:00:00 2026", "04 Mar 202", "Mon, 04", "12345"}) {
    EXPECT_EQ(Parsed(bad), "none") << bad;
  }
}

}  // namespace
}  // namespace dyad::ingest
