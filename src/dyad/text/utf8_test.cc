#include "dyad/text/utf8.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

TEST(Utf8, AcceptsValidAndRejectsInvalid) {
  EXPECT_TRUE(IsValidUtf8("Kim Jong Un met Xi Jinping"));
  EXPECT_TRUE(IsValidUtf8("Erdo\xC4\x9F" "an \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("bad \xFF byte"));
  EXPECT_FALSE(IsValidUtf8("overlong \xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("surrogate \xED\xA0\x80"));
  EXPECT_FALSE(IsValidUtf8("truncated \xE2\x80"));
  EXPECT_FALSE(IsValidUtf8("too big \xF4\x90\x80\x80"));
}

TEST(Utf8, RepairKeepsOffsetsIntoTheOriginal) {
  std::string original = "ab\xFF" "cd\xC3" "ef";
  RepairedText repaired = RepairedText::Repair(original);
  ASSERT_TRUE(IsValidUtf8(repaired.text()));
  EXPECT_EQ(repaired.text(), "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD" "ef");
  EXPECT_EQ(repaired.replaced_bytes(), 2u);
  // "c" is at 5 in the repaired text and 3 in the original; "e" at 10 and 6.
  EXPECT_EQ(repaired.ToOriginal(0), 0u);
  EXPECT_EQ(repaired.ToOriginal(5), 3u);
  EXPECT_EQ(repaired.ToOriginal(10), 6u);
  EXPECT_EQ(repaired.ToOriginal(12), original.size());
}

TEST(Utf8, ValidTextIsUnchanged) {
  RepairedText repaired = RepairedText::Repair("plain text");
  EXPECT_FALSE(repaired.changed());
  EXPECT_EQ(repaired.ToOriginal(4), 4u);
}

}  // namespace
}  // namespace dyad::text
