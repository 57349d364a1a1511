#include "dyad/dict/dictionary.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "dyad/dict/testing.h"

namespace dyad::dict {
namespace {

// Resolves a whole phrase the way the matcher sees it in a sentence.
std::string Resolve(const Dictionary& dict, std::string_view phrase, std::string_view date) {
  text::TokenizedSentence tokens;
  text::Tokenize(phrase, text::Span{0, static_cast<uint32_t>(phrase.size())}, tokens);
  TokenKeys keys;
  dict.ComputeKeys(tokens, keys);
  std::vector<PhraseHit> hits;
  dict.actors().FindLongestAt(keys.keys, hits);
  for (const PhraseHit& hit : hits) {
    if (hit.begin == 0 && hit.end == tokens.tokens.size()) {
      const ActorSpell* spell = dict.ResolveActor(hit.phrase, *Date::Parse(date));
      return spell ? spell->code : "";
    }
  }
  return "";
}

TEST(Dictionary, LoadsTheBuiltInDictionariesCleanly) {
  const Dictionary& dict = BuiltinDictionaryForTests();
  EXPECT_TRUE(dict.errors().empty());
  Dictionary::Stats stats = dict.stats();
  EXPECT_GT(stats.actor_phrases, 500u);
  EXPECT_GT(stats.agent_phrases, 100u);
  EXPECT_GT(stats.verb_patterns, 60u);
}

TEST(Dictionary, ResolvesDatedRoles) {
  const Dictionary& dict = BuiltinDictionaryForTests();
  EXPECT_EQ(Resolve(dict, "Donald Trump", "2019-05-01"), "USAGOV");
  EXPECT_EQ(Resolve(dict, "Donald Trump", "2025-09-05"), "USAGOV");
  EXPECT_EQ(Resolve(dict, "Donald Trump", "2022-05-01"), "USAELI");
  EXPECT_EQ(Resolve(dict, "Kim Jong Un", "2025-09-04"), "PRKGOV");
  EXPECT_EQ(Resolve(dict, "Kremlin", "2025-09-04"), "RUSGOV");
  EXPECT_EQ(Resolve(dict, "North Korea", "2025-09-04"), "PRK");
}

TEST(Dictionary, ShortAcronymsAreCaseSensitive) {
  const Dictionary& dict = BuiltinDictionaryForTests();
  EXPECT_EQ(Resolve(dict, "US", "2025-01-01"), "USA");
  EXPECT_EQ(Resolve(dict, "us", "2025-01-01"), "");
  EXPECT_EQ(Resolve(dict, "Nato", "2025-01-01"), "IGONAT");
}

TEST(Dictionary, UserOverlayReplacesAndAdds) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "dyad_overlay_test";
  fs::create_directories(dir);
  std::ofstream(dir / "actors.txt") << "XYZREB: Free Widget Front\nUSAELI 2017-01-20..2021-01-20: Donald Trump\n";
  DictionaryOptions options;
  options.data_dir = DYAD_SOURCE_DIR "/data";
  options.user_dict_dir = dir.string();
  Result<std::unique_ptr<Dictionary>> dict = Dictionary::Load(options);
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  EXPECT_EQ(Resolve(**dict, "Free Widget Front", "2020-01-01"), "XYZREB");
  EXPECT_EQ(Resolve(**dict, "Donald Trump", "2019-05-01"), "USAELI");  // replaced
  EXPECT_EQ(Resolve(**dict, "Donald Trump", "2025-09-05"), "USAGOV");  // untouched
  fs::remove_all(dir);
}

TEST(Dictionary, BadUserFilesAreReportedWithTheirPlace) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "dyad_overlay_bad_test";
  fs::create_directories(dir);
  std::ofstream(dir / "verbs.txt") << "999: frobnicate\n";
  DictionaryOptions options;
  options.data_dir = DYAD_SOURCE_DIR "/data";
  options.user_dict_dir = dir.string();
  Result<std::unique_ptr<Dictionary>> dict = Dictionary::Load(options);
  ASSERT_FALSE(dict.ok());
  EXPECT_NE(dict.status().message().find("verbs.txt:1: unknown CAMEO code 999"), std::string::npos)
      << dict.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad::dict
