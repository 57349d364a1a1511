#include "dyad/dict/dict_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace dyad::dict {
namespace {

TEST(DictFile, ParsesEntriesWithDatesAndComments) {
  DictionaryText out;
  ParseDictionaryText(
      "# people\n"
      "\n"
      "USAGOV 2017-01-20..2021-01-20: Donald Trump | Donald J. Trump  # first term\n"
      "USAELI: Donald Trump\n"
      "PRK: North Korea|DPRK\n",
      "people.txt", out);
  ASSERT_TRUE(out.errors.empty()) << out.errors[0];
  ASSERT_EQ(out.entries.size(), 3u);
  EXPECT_EQ(out.entries[0].code, "USAGOV");
  EXPECT_TRUE(out.entries[0].dated);
  EXPECT_EQ(out.entries[0].range.ToString(), "2017-01-20..2021-01-20");
  EXPECT_EQ(out.entries[0].phrases, (std::vector<std::string>{"Donald Trump", "Donald J. Trump"}));
  EXPECT_EQ(out.entries[0].Where(), "people.txt:3");
  EXPECT_FALSE(out.entries[1].dated);
  EXPECT_EQ(out.entries[2].phrases.size(), 2u);
}

TEST(DictFile, ReportsEveryBadLineWithItsPlace) {
  DictionaryText out;
  ParseDictionaryText(
      "PRK North Korea\n"          // no colon
      "prk: North Korea\n"         // lower-case code
      "PRK 2020..2019: Korea\n"    // inverted range
      "PRK 2020-02-30..: Korea\n"  // no such day
      "PRK: North Korea | \n"      // empty phrase
      "PRK: fine\n",
      "bad.txt", out);
  ASSERT_EQ(out.errors.size(), 5u);
  EXPECT_EQ(out.errors[0].rfind("bad.txt:1:", 0), 0u) << out.errors[0];
  EXPECT_EQ(out.errors[1].rfind("bad.txt:2:", 0), 0u);
  EXPECT_NE(out.errors[2].find("inverted"), std::string::npos);
  EXPECT_EQ(out.errors[4].rfind("bad.txt:5:", 0), 0u);
  EXPECT_EQ(out.entries.size(), 1u);  // the good line survives
}

TEST(DictFile, FollowsIncludesAndCatchesCycles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "dyad_dict_file_test";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "main.txt") << "include sub/a.txt\nUSA: United States\n";
  std::ofstream(dir / "sub" / "a.txt") << "PRK: North Korea\ninclude b.txt\n";
  std::ofstream(dir / "sub" / "b.txt") << "CHN: China\ninclude a.txt\n";
  DictionaryText out = ReadDictionary((dir / "main.txt").string());
  ASSERT_EQ(out.entries.size(), 3u);
  EXPECT_EQ(out.entries[0].code, "PRK");
  EXPECT_EQ(out.entries[1].code, "CHN");
  EXPECT_EQ(out.entries[2].code, "USA");
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].find("cycle"), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("b.txt:2"), std::string::npos) << out.errors[0];

  DictionaryText missing = ReadDictionary((dir / "nope.txt").string());
  ASSERT_EQ(missing.errors.size(), 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad::dict
