// Resolves the date expressions of news ("on Thursday", "yesterday", "last week", "on Sept. 3", "March 10, 2010")
// against the article's date. Pure functions over folded tokens: thread-safe.
#ifndef DYAD_CODER_DATES_H_
#define DYAD_CODER_DATES_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"

namespace dyad::coder {

struct DateMention {
  uint32_t begin = 0;  // tokens [begin, end)
  uint32_t end = 0;
  Date date;
};

// Finds the date expressions in a sentence's folded tokens. `future` resolves bare weekdays forward ("will meet on
// Thursday" is the coming Thursday) instead of backward ("met on Thursday" is the last one).
std::vector<DateMention> FindDates(const std::vector<std::string_view>& folded, Date article_date, bool future);

// The month (1-12) a folded word names ("sept.", "september", "sep"), or 0.
int MonthNumber(std::string_view folded);
// The weekday (0 = Monday) a folded word names, or -1.
int WeekdayNumber(std::string_view folded);

}  // namespace dyad::coder

#endif  // DYAD_CODER_DATES_H_
