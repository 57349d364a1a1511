// Calendar dates as a day number, and the date ranges dictionary entries hold for.
// A Date is a value type: days since 1970-01-01 in the proleptic Gregorian calendar.
#ifndef DYAD_BASE_DATE_H_
#define DYAD_BASE_DATE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // The current date in UTC.
  static Date Today();
  static Date FromCivil(int year, int month, int day);
  // Parses "YYYY-MM-DD" strictly (a real calendar day).
  static Result<Date> Parse(std::string_view text);
  static constexpr Date Min() { return Date(std::numeric_limits<int32_t>::min()); }
  static constexpr Date Max() { return Date(std::numeric_limits<int32_t>::max()); }

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;
  std::string ToString() const;  // "YYYY-MM-DD"
  Date AddDays(int32_t n) const { return Date(days_ + n); }

  friend constexpr auto operator<=>(Date a, Date b) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool IsValidCivilDate(int year, int month, int day);
int DaysInMonth(int year, int month);

// An inclusive range of dates; either end may be open.
struct DateRange {
  Date from = Date::Min();
  Date to = Date::Max();
  bool Contains(Date d) const { return from <= d && d <= to; }
  bool Overlaps(const DateRange& other) const { return from <= other.to && other.from <= to; }
  bool IsOpen() const { return from == Date::Min() && to == Date::Max(); }
  std::string ToString() const;  // "2025-01-20..", "..2017-01-19", "2019-01-01..2019-12-31"
};

// Parses a dictionary date range "FROM..TO" where each side is YYYY, YYYY-MM or YYYY-MM-DD or empty. A short
// FROM means the first day of the year/month, a short TO the last day.
Result<DateRange> ParseDateRange(std::string_view text);

}  // namespace dyad

#endif  // DYAD_BASE_DATE_H_
