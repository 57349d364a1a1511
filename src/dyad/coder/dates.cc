#include "dyad/coder/dates.h"

#include <charconv>

namespace dyad::coder {
namespace {

bool ParseNumber(std::string_view s, int& out) {
  // "3", "3rd", "21st"
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0 || digits > 4) return false;
  std::string_view rest = s.substr(digits);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return false;
  std::from_chars(s.data(), s.data() + digits, out);
  return true;
}

// A day of `month` near the article date: the given year, else the article's year, moved a year back when that
// would put a past event more than a week after the article.
std::optional<Date> MonthDay(int month, int day, int year, Date article, bool future) {
  if (year == 0) {
    year = article.year();
    if (!IsValidCivilDate(year, month, day)) return std::nullopt;
    Date d = Date::FromCivil(year, month, day);
    if (!future && d > article.AddDays(7)) --year;
    if (future && d < article.AddDays(-7)) ++year;
  }
  if (!IsValidCivilDate(year, month, day)) return std::nullopt;
  return Date::FromCivil(year, month, day);
}

}  // namespace

int MonthNumber(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::string_view kShort[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    if (w == kFull[m] || w == kShort[m]) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

int WeekdayNumber(std::string_view w) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; ++d) {
    if (w == kDays[d]) return d;
  }
  return -1;
}

std::vector<DateMention> FindDates(const std::vector<std::string_view>& t, Date article, bool future) {
  std::vector<DateMention> out;
  const uint32_t n = static_cast<uint32_t>(t.size());
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view w = t[i];
    std::string_view prev = i > 0 ? t[i - 1] : std::string_view();
    if (w == "yesterday") {
      out.push_back({i, i + 1, article.AddDays(-1)});
    } else if (w == "today") {
      out.push_back({i, i + 1, article});
    } else if (w == "tomorrow") {
      out.push_back({i, i + 1, article.AddDays(1)});
    } else if ((w == "week" || w == "weekend") && (prev == "last" || prev == "next")) {
      out.push_back({i - 1, i + 1, article.AddDays(prev == "last" ? -7 : 7)});
    } else if (w == "ago" && i >= 2 && (prev == "days" || prev == "day" || prev == "weeks" || prev == "week")) {
      // "two days ago", "3 weeks ago"
      static constexpr std::string_view kSmall[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                                    "eight", "nine", "ten"};
      int count = -1;
      std::string_view q = t[i - 2];
      for (int k = 0; k <= 10; ++k) {
        if (q == kSmall[k]) count = k;
      }
      if (q == "a") count = 1;
      if (count < 0) ParseNumber(q, count);
      if (count >= 0 && count <= 400) {
        int days = count * ((prev == "weeks" || prev == "week") ? 7 : 1);
        out.push_back({i - 2, i + 1, article.AddDays(-days)});
      }
    } else if (w == "night" && prev == "last") {
      out.push_back({i - 1, i + 1, article.AddDays(-1)});
    } else if (int wd = WeekdayNumber(w); wd >= 0) {
      // "on Thursday": the last Thursday up to the article date for what happened, the next for what will.
      int delta = wd - article.weekday();
      bool forward = future || prev == "next" || prev == "coming";
      if (prev == "last") forward = false;
      if (forward) {
        if (delta <= 0) delta += 7;
      } else {
        if (delta > 0) delta -= 7;
        if (prev == "last" && delta == 0) delta = -7;
      }
      uint32_t begin = (prev == "last" || prev == "next" || prev == "this" || prev == "coming") ? i - 1 : i;
      out.push_back({begin, i + 1, article.AddDays(delta)});
    } else if (int month = MonthNumber(w); month > 0 && i + 1 < n) {
      // "Sept. 3", "September 3, 2025", "March 10 2010"; "May" alone is also a modal: a number must follow.
      int day = 0, year = 0;
      if (!ParseNumber(t[i + 1], day) || day < 1 || day > 31) continue;
      uint32_t end = i + 2;
      size_t y = end < n && t[end] == "," ? end + 1 : end;
      if (y < n && t[y].size() == 4 && ParseNumber(t[y], year) && year >= 1900 && year <= 2100) end = static_cast<uint32_t>(y + 1);
      else year = 0;
      if (auto d = MonthDay(month, day, year, article, future)) out.push_back({i, end, *d});
    } else if (int day = 0; i + 1 < n && ParseNumber(w, day) && day >= 1 && day <= 31 && MonthNumber(t[i + 1]) > 0) {
      // "3 September 2025"
      int m = MonthNumber(t[i + 1]), year = 0;
      uint32_t end = i + 2;
      if (end < n && t[end].size() == 4 && ParseNumber(t[end], year) && year >= 1900 && year <= 2100) ++end;
      else year = 0;
      if (auto d = MonthDay(m, day, year, article, future)) out.push_back({i, end, *d});
    } else if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      if (Result<Date> d = Date::Parse(w); d.ok()) out.push_back({i, i + 1, *d});
    }
  }
  return out;
}

}  // namespace dyad::coder
