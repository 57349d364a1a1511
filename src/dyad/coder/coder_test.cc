#include "dyad/coder/coder.h"

#include <gtest/gtest.h>

#include "dyad/dict/testing.h"

namespace dyad::coder {
namespace {

std::vector<Event> Code(std::string_view text, std::string_view date) {
  Coder coder(dict::BuiltinDictionaryForTests());
  Article article{"t", *Date::Parse(date), std::string(text), "", "", ""};
  std::vector<Event> events;
  coder.CodeArticle(article, events);
  return events;
}

TEST(Coder, CodesTheMeetingBetweenXiAndKim) {
  std::string text = "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Thursday.";
  std::vector<Event> events = Code(text, "2025-09-04");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].source, "CHNGOV");
  EXPECT_EQ(events[0].target, "PRKGOV");
  EXPECT_EQ(events[0].cameo->root(), "04");
  EXPECT_EQ(events[0].verb_text, "met");
  EXPECT_EQ(events[0].evidence.begin, 0u);
  EXPECT_EQ(text.substr(events[0].evidence.begin, events[0].evidence.end - events[0].evidence.begin),
            "Chinese President Xi Jinping met North Korean leader Kim Jong Un");
  EXPECT_EQ(events[0].event_id, "t-0-0");
}

TEST(Coder, EvidenceOffsetsPointIntoTheOriginalBytesAfterRepair) {
  std::string text = "\xFF\xFE Russian forces attacked Ukraine.";
  std::vector<Event> events = Code(text, "2025-01-01");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(text.substr(events[0].evidence.begin, events[0].evidence.end - events[0].evidence.begin),
            "Russian forces attacked Ukraine");
}

TEST(Coder, SurvivesBadInput) {
  EXPECT_TRUE(Code("", "2025-01-01").empty());
  EXPECT_TRUE(Code(std::string(1 << 20, 'x'), "2025-01-01").empty());
  std::string junk;
  for (int i = 0; i < 100000; ++i) junk.push_back(static_cast<char>(i * 7919 % 256));
  Code(junk, "2025-01-01");  // must not crash
  std::string no_stop;
  while (no_stop.size() < (1 << 20)) no_stop += "Russian forces attacked Ukraine and ";
  EXPECT_FALSE(Code(no_stop, "2025-01-01").empty());
}

}  // namespace
}  // namespace dyad::coder
