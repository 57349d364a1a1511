#include "dyad/base/date.h"

#include <fmt/format.h>

#include <charconv>
#include <ctime>

namespace dyad {

Date Date::Today() {
  return FromDays(static_cast<int32_t>(static_cast<int64_t>(std::time(nullptr)) / 86400));
}

namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int year, month, day;
};

Civil CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// One side of a range. `end_of_period` picks the last day for a short date.
Result<Date> ParseLooseDate(std::string_view text, bool end_of_period) {
  int year = 0, month = 1, day = 1;
  bool has_month = false, has_day = false;
  if (text.size() == 4) {
    if (!ParseInt(text, year)) return InvalidArgument(fmt::format("bad date '{}'", text));
  } else if (text.size() == 7 && text[4] == '-') {
    if (!ParseInt(text.substr(0, 4), year) || !ParseInt(text.substr(5, 2), month)) {
      return InvalidArgument(fmt::format("bad date '{}'", text));
    }
    has_month = true;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!ParseInt(text.substr(0, 4), year) || !ParseInt(text.substr(5, 2), month) ||
        !ParseInt(text.substr(8, 2), day)) {
      return InvalidArgument(fmt::format("bad date '{}'", text));
    }
    has_month = has_day = true;
  } else {
    return InvalidArgument(fmt::format("bad date '{}' (want YYYY, YYYY-MM or YYYY-MM-DD)", text));
  }
  if (month < 1 || month > 12) return InvalidArgument(fmt::format("bad month in '{}'", text));
  if (end_of_period) {
    if (!has_month) month = 12;
    if (!has_day) day = DaysInMonth(year, month);
  }
  if (!IsValidCivilDate(year, month, day)) return InvalidArgument(fmt::format("no such day '{}'", text));
  return Date::FromCivil(year, month, day);
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool IsValidCivilDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Date Date::FromCivil(int year, int month, int day) { return Date(DaysFromCivil(year, month, day)); }

Result<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return InvalidArgument(fmt::format("bad date '{}' (want YYYY-MM-DD)", text));
  }
  int year = 0, month = 0, day = 0;
  if (!ParseInt(text.substr(0, 4), year) || !ParseInt(text.substr(5, 2), month) ||
      !ParseInt(text.substr(8, 2), day) || !IsValidCivilDate(year, month, day)) {
    return InvalidArgument(fmt::format("bad date '{}' (want YYYY-MM-DD)", text));
  }
  return FromCivil(year, month, day);
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }
int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int w = (days_ + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string Date::ToString() const {
  Civil c = CivilFromDays(days_);
  if (c.year < 0 || c.year > 9999) return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
  // The store formats a date per row it writes; fmt's parsing of the format string was a visible share of
  // that.
  const int year = static_cast<int>(c.year), month = static_cast<int>(c.month), day = static_cast<int>(c.day);
  char text[10] = {static_cast<char>('0' + year / 1000),
                   static_cast<char>('0' + year / 100 % 10),
                   static_cast<char>('0' + year / 10 % 10),
                   static_cast<char>('0' + year % 10),
                   '-',
                   static_cast<char>('0' + month / 10),
                   static_cast<char>('0' + month % 10),
                   '-',
                   static_cast<char>('0' + day / 10),
                   static_cast<char>('0' + day % 10)};
  return std::string(text, sizeof text);
}

std::string DateRange::ToString() const {
  return fmt::format("{}..{}", from == Date::Min() ? "" : from.ToString(),
                     to == Date::Max() ? "" : to.ToString());
}

Result<DateRange> ParseDateRange(std::string_view text) {
  size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    return InvalidArgument(
        fmt::format("bad date range '{}' (want FROM..TO, either side may be empty)", text));
  }
  DateRange range;
  std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
  if (!from.empty()) {
    Result<Date> d = ParseLooseDate(from, /*end_of_period=*/false);
    if (!d.ok()) return d.status();
    range.from = *d;
  }
  if (!to.empty()) {
    Result<Date> d = ParseLooseDate(to, /*end_of_period=*/true);
    if (!d.ok()) return d.status();
    range.to = *d;
  }
  if (range.from > range.to) return InvalidArgument(fmt::format("inverted date range '{}'", text));
  return range;
}

}  // namespace dyad
