#include "dyad/base/date.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(Date, RoundTripsCivilDates) {
  for (int days = -800000; days < 800000; days += 997) {
    Date d = Date::FromDays(days);
    EXPECT_EQ(Date::FromCivil(d.year(), d.month(), d.day()), d);
    Result<Date> parsed = Date::Parse(d.ToString());
    if (d.year() >= 1 && d.year() <= 9999) {
      ASSERT_TRUE(parsed.ok()) << d.ToString();
      EXPECT_EQ(*parsed, d);
    }
  }
}

TEST(Date, FormatsAsFmtDoes) {  // ToString writes the digits itself; fmt is the slow, obvious twin
  for (int days = -800000; days < 3000000; days += 89) {
    Date d = Date::FromDays(days);
    ASSERT_EQ(d.ToString(), fmt::format("{:04d}-{:02d}-{:02d}", d.year(), d.month(), d.day()));
  }
}

TEST(Date, KnowsWeekdaysAndLeapYears) {
  EXPECT_EQ(Date::FromCivil(2025, 9, 4).weekday(), 3);  // a Thursday
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).weekday(), 3);
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_FALSE(Date::Parse("2025-02-29").ok());
  EXPECT_FALSE(Date::Parse("2025-13-01").ok());
  EXPECT_FALSE(Date::Parse("2025-1-01").ok());
  EXPECT_FALSE(Date::Parse("20250101").ok());
}

TEST(DateRange, ParsesOpenAndShortEnds) {
  Result<DateRange> r = ParseDateRange("2025-01-20..");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->from, Date::FromCivil(2025, 1, 20));
  EXPECT_EQ(r->to, Date::Max());
  r = ParseDateRange("2014..2024-02");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->from, Date::FromCivil(2014, 1, 1));
  EXPECT_EQ(r->to, Date::FromCivil(2024, 2, 29));
  r = ParseDateRange("..2017");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to, Date::FromCivil(2017, 12, 31));
  EXPECT_FALSE(ParseDateRange("2020..2019").ok());
  EXPECT_FALSE(ParseDateRange("2020").ok());
  EXPECT_FALSE(ParseDateRange("2020-02-30..").ok());
}

TEST(DateRange, Overlaps) {
  DateRange a = *ParseDateRange("2017-01-20..2021-01-20");
  DateRange b = *ParseDateRange("2025-01-20..");
  DateRange c = *ParseDateRange("2021-01-20..2025-01-20");
  EXPECT_FALSE(a.Overlaps(b));
  EXPECT_TRUE(a.Overlaps(c));  // both include 2021-01-20
  EXPECT_TRUE(c.Overlaps(b));
}

}  // namespace
}  // namespace dyad
