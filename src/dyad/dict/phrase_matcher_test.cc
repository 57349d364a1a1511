#include "dyad/dict/phrase_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace dyad::dict {
namespace {

// The slow, obviously correct twin: compare every phrase at every position.
std::vector<PhraseHit> NaiveFindAll(const std::vector<std::vector<WordId>>& phrases,
                                    const std::vector<uint32_t>& ids, std::span<const WordId> sentence) {
  std::vector<PhraseHit> hits;
  for (uint32_t begin = 0; begin < sentence.size(); ++begin) {
    for (size_t p = 0; p < phrases.size(); ++p) {
      const auto& phrase = phrases[p];
      if (begin + phrase.size() > sentence.size()) continue;
      if (std::equal(phrase.begin(), phrase.end(), sentence.begin() + begin)) {
        hits.push_back({begin, static_cast<uint32_t>(begin + phrase.size()), ids[p]});
      }
    }
  }
  std::sort(hits.begin(), hits.end(), [](const PhraseHit& a, const PhraseHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  // The same word sequence added twice is one phrase: keep one hit per (begin, end).
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const PhraseHit& a, const PhraseHit& b) { return a.begin == b.begin && a.end == b.end; }),
             hits.end());
  return hits;
}

TEST(PhraseMatcher, FindsOverlappingPhrases) {
  PhraseMatcher m;
  std::vector<WordId> north_korea = {1, 2}, north_korean = {1, 3}, korea = {2}, north = {1};
  uint32_t a = m.Add(north_korea), b = m.Add(north_korean), c = m.Add(korea), d = m.Add(north);
  EXPECT_EQ(m.Add(north_korea), a);  // added twice: same id
  std::vector<WordId> sentence = {7, 1, 2, 9, 1, 3};
  std::vector<PhraseHit> hits;
  m.FindAll(sentence, hits);
  ASSERT_EQ(hits.size(), 5u);
  EXPECT_EQ(hits[0].phrase, d);
  EXPECT_EQ(hits[1].phrase, a);
  EXPECT_EQ(hits[2].phrase, c);
  EXPECT_EQ(hits[3].phrase, d);
  EXPECT_EQ(hits[4].phrase, b);
  hits.clear();
  m.FindLongestAt(sentence, hits);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].phrase, a);
  EXPECT_EQ(hits[1].phrase, c);
  EXPECT_EQ(hits[2].phrase, b);
}

TEST(PhraseMatcher, AgreesWithNaiveTwinOnRandomInput) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    PhraseMatcher m;
    std::vector<std::vector<WordId>> phrases;
    std::vector<uint32_t> ids;
    const WordId alphabet = 2 + rng() % 6;  // small alphabets give many overlaps
    int phrase_count = 1 + static_cast<int>(rng() % 60);
    for (int p = 0; p < phrase_count; ++p) {
      std::vector<WordId> phrase(1 + rng() % 4);
      for (WordId& w : phrase) w = 1 + rng() % alphabet;
      phrases.push_back(phrase);
      ids.push_back(m.Add(phrase));
    }
    for (int s = 0; s < 20; ++s) {
      std::vector<WordId> sentence(rng() % 30);
      for (WordId& w : sentence) w = rng() % (alphabet + 1);  // 0 = an unknown word
      std::vector<PhraseHit> fast;
      m.FindAll(sentence, fast);
      std::vector<PhraseHit> slow = NaiveFindAll(phrases, ids, sentence);
      ASSERT_EQ(fast.size(), slow.size()) << "round " << round;
      for (size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].begin, slow[i].begin);
        EXPECT_EQ(fast[i].end, slow[i].end);
        EXPECT_EQ(fast[i].phrase, slow[i].phrase);
      }
    }
  }
}

}  // namespace
}  // namespace dyad::dict
