#include "dyad/text/tokenizer.h"

#include <gtest/gtest.h>

#include <random>

namespace dyad::text {
namespace {

using Strings = std::vector<std::string>;

TEST(Tokenizer, SplitsWordsAndPunctuation) {
  EXPECT_EQ(FoldedTokens("Kim Jong Un met Xi Jinping in Beijing."),
            (Strings{"kim", "jong", "un", "met", "xi", "jinping", "in", "beijing", "."}));
}

TEST(Tokenizer, KeepsAbbreviationsHyphensAndApostrophes) {
  EXPECT_EQ(FoldedTokens("The U.S. and Gen. O'Brien met Kim Jong-un at 10 a.m. today."),
            (Strings{"the", "u.s.", "and", "gen.", "o'brien", "met", "kim", "jong-un", "at", "10", "a.m.",
                     "today", "."}));
}

TEST(Tokenizer, SplitsPossessivesAndNegations) {
  EXPECT_EQ(FoldedTokens("North Korea's leader didn't attend the allies' summit."),
            (Strings{"north", "korea", "'s", "leader", "did", "n't", "attend", "the", "allies", "'", "summit",
                     "."}));
  EXPECT_EQ(FoldedTokens("Korea\xE2\x80\x99s"), (Strings{"korea", "'s"}));
}

TEST(Tokenizer, KeepsNumbersWhole) {
  EXPECT_EQ(FoldedTokens("It sent 10,000 troops, 3.5 pct, $1.2 bln at 10:30 in the 1980s, 2-1."),
            (Strings{"it", "sent", "10,000", "troops", ",", "3.5", "pct", ",", "$", "1.2", "bln", "at", "10:30",
                     "in", "the", "1980s", ",", "2-1", "."}));
}

TEST(Tokenizer, OffsetsPointIntoTheText) {
  std::string text = "  \xE2\x80\x9CWe will win,\xE2\x80\x9D said Zelensky.";
  TokenizedSentence s;
  Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, s);
  ASSERT_GE(s.tokens.size(), 4u);
  EXPECT_EQ(s.tokens[0].span.Of(text), "\xE2\x80\x9C");
  EXPECT_EQ(s.Folded(0), "\"");
  EXPECT_EQ(s.tokens[1].span.Of(text), "We");
  EXPECT_TRUE(s.tokens[1].shape & kCapitalized);
  for (const Token& t : s.tokens) EXPECT_LE(t.span.end, text.size());
}

TEST(Tokenizer, NeverLosesNonSpaceBytes) {
  // Randomised: every non-space byte of the input lies inside exactly one token, in order.
  std::mt19937 rng(7);
  const std::string alphabet = "aZ.'-, 0\n\xE2\x80\x99\xC3\xA9()\"$&?!";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    TokenizedSentence s;
    Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, s);
    uint32_t last_end = 0;
    for (const Token& t : s.tokens) {
      ASSERT_LT(t.span.begin, t.span.end);
      ASSERT_GE(t.span.begin, last_end);
      for (uint32_t i = last_end; i < t.span.begin; ++i) {
        char c = text[i];
        ASSERT_TRUE(c == ' ' || c == '\n') << "byte " << i << " lost in '" << text << "'";
      }
      last_end = t.span.end;
    }
    for (uint32_t i = last_end; i < text.size(); ++i) ASSERT_TRUE(text[i] == ' ' || text[i] == '\n');
  }
}

}  // namespace
}  // namespace dyad::text
