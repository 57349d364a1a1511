#include "dyad/coder/dates.h"

#include <gtest/gtest.h>

#include "dyad/text/tokenizer.h"

namespace dyad::coder {
namespace {

std::string Resolve(std::string_view text, std::string_view article, bool future = false) {
  std::vector<std::string> folded = text::FoldedTokens(text);
  std::vector<std::string_view> views(folded.begin(), folded.end());
  std::vector<DateMention> dates = FindDates(views, *Date::Parse(article), future);
  return dates.empty() ? "" : dates.front().date.ToString();
}

TEST(Dates, ResolvesRelativeDays) {
  // 2025-09-04 was a Thursday.
  EXPECT_EQ(Resolve("met on Tuesday", "2025-09-04"), "2025-09-02");
  EXPECT_EQ(Resolve("met on Thursday", "2025-09-04"), "2025-09-04");
  EXPECT_EQ(Resolve("met last Thursday", "2025-09-04"), "2025-08-28");
  EXPECT_EQ(Resolve("will meet on Tuesday", "2025-09-04", true), "2025-09-09");
  EXPECT_EQ(Resolve("met next Friday", "2025-09-04"), "2025-09-05");
  EXPECT_EQ(Resolve("said yesterday", "2025-09-04"), "2025-09-03");
  EXPECT_EQ(Resolve("last week", "2025-09-04"), "2025-08-28");
  EXPECT_EQ(Resolve("no date here", "2025-09-04"), "");
  EXPECT_EQ(Resolve("two days ago", "2025-09-04"), "2025-09-02");
  EXPECT_EQ(Resolve("3 weeks ago", "2025-09-04"), "2025-08-14");
}

TEST(Dates, ResolvesCalendarDates) {
  EXPECT_EQ(Resolve("on Sept. 3", "2025-09-04"), "2025-09-03");
  EXPECT_EQ(Resolve("on September 3, 2024", "2025-09-04"), "2024-09-03");
  EXPECT_EQ(Resolve("on 3 September", "2025-09-04"), "2025-09-03");
  EXPECT_EQ(Resolve("on Dec. 30", "2026-01-02"), "2025-12-30");  // a past event across the new year
  EXPECT_EQ(Resolve("on Jan. 5", "2025-12-30", true), "2026-01-05");
  EXPECT_EQ(Resolve("may meet soon", "2025-09-04"), "");       // "may" without a day is the modal
  EXPECT_EQ(Resolve("on Feb. 30", "2025-09-04"), "");          // no such day
  EXPECT_EQ(Resolve("on 2025-09-03", "2025-09-04"), "2025-09-03");
}

}  // namespace
}  // namespace dyad::coder
