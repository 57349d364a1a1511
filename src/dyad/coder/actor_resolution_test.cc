// The actor-resolution set (tests/actors/resolution.tsv): phrases resolved as the coder resolves a noun phrase,
// at a date. Names, titles, demonyms with agents, organisations, metonyms and dated roles.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "dyad/coder/coder.h"

namespace dyad::coder {
namespace {

TEST(ActorResolution, EveryCaseResolves) {
  dict::DictionaryOptions options;
  options.data_dir = DYAD_SOURCE_DIR "/data";
  auto dict = dict::Dictionary::Load(options);
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  Coder coder(**dict);
  std::ifstream in(DYAD_SOURCE_DIR "/tests/actors/resolution.tsv");
  std::string line, failures;
  int line_number = 0, cases = 0, wrong = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#' || line.rfind("phrase\t", 0) == 0) continue;
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    ASSERT_NE(t2, std::string::npos) << "resolution.tsv:" << line_number << ": want phrase<TAB>date<TAB>expected";
    std::string phrase = line.substr(0, t1), date_text = line.substr(t1 + 1, t2 - t1 - 1);
    std::string expected = line.substr(t2 + 1);
    if (!expected.empty() && expected.back() == '\r') expected.pop_back();
    if (expected == "-") expected.clear();
    Result<Date> date = Date::Parse(date_text);
    ASSERT_TRUE(date.ok()) << "resolution.tsv:" << line_number << ": " << date.status().message();
    Mention mention;
    std::string got = coder.ResolvePhrase(phrase, *date, mention) ? mention.code : "";
    ++cases;
    if (got != expected) {
      ++wrong;
      failures += fmt::format("  resolution.tsv:{}: \"{}\" on {}: want {}, got {}\n", line_number, phrase, date_text,
                              expected.empty() ? "-" : expected, got.empty() ? "-" : got);
    }
  }
  ASSERT_GE(cases, 500) << "the actor-resolution set is missing or short";
  std::printf("actor resolution: %d/%d right\n", cases - wrong, cases);
  EXPECT_EQ(wrong, 0) << failures;
}

}  // namespace
}  // namespace dyad::coder
