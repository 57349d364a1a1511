#include "dyad/text/normalize.h"

#include <gtest/gtest.h>

namespace dyad::text {
namespace {

TEST(Normalize, FoldsCaseQuotesDashesAndDiacritics) {
  EXPECT_EQ(Fold("North KOREA"), "north korea");
  EXPECT_EQ(Fold("Korea\xE2\x80\x99s"), "korea's");
  EXPECT_EQ(Fold("\xE2\x80\x9CNo\xE2\x80\x9D"), "\"no\"");
  EXPECT_EQ(Fold("Jong\xE2\x80\x91un"), "jong-un");
  EXPECT_EQ(Fold("Erdo\xC4\x9F" "an"), "erdogan");
  EXPECT_EQ(Fold("\xC3\x89lys\xC3\xA9" "e"), "elysee");
  EXPECT_EQ(Fold("STRA\xC3\x9F" "E"), "strasse");  // full case folding
}

TEST(Normalize, NfcAndNfdFormsFoldTheSame) {
  EXPECT_EQ(Fold("Cafe\xCC\x81"), Fold("Caf\xC3\xA9"));
}

}  // namespace
}  // namespace dyad::text
