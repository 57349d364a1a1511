#include "dyad/text/sentence_splitter.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "dyad/text/abbreviations.h"

namespace dyad::text {

bool AbbreviationTablesAreSorted();

namespace {

std::vector<std::string> Split(std::string_view text, SplitterOptions options = {}) {
  std::vector<Span> spans;
  SplitSentences(text, spans, options);
  std::vector<std::string> out;
  for (Span s : spans) out.emplace_back(s.Of(text));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SentenceSplitter, TablesAreSorted) { EXPECT_TRUE(AbbreviationTablesAreSorted()); }

TEST(SentenceSplitter, KnowsAbbreviationsAndInitials) {
  EXPECT_EQ(Split("Gen. Kim and Lt. Col. Park met U.S. officials. They left."),
            (Strings{"Gen. Kim and Lt. Col. Park met U.S. officials.", "They left."}));
  EXPECT_EQ(Split("George W. Bush spoke. He left the U.S. The talks ended."),
            (Strings{"George W. Bush spoke.", "He left the U.S.", "The talks ended."}));
  EXPECT_EQ(Split("Prices rose 3.5 pct on Sept. 4 at 10 a.m. Officials said so."),
            (Strings{"Prices rose 3.5 pct on Sept. 4 at 10 a.m.", "Officials said so."}));
}

TEST(SentenceSplitter, HandlesQuotesAndDatelines) {
  EXPECT_EQ(Split("BEIJING, Sept 4 (Reuters) - China said it would help. \"We agree.\" He left."),
            (Strings{"BEIJING, Sept 4 (Reuters) - China said it would help.", "\"We agree.\"", "He left."}));
  EXPECT_EQ(Split("\"Why?\" he asked. Nobody answered."), (Strings{"\"Why?\" he asked.", "Nobody answered."}));
}

TEST(SentenceSplitter, HandlesWrappedWireCopy) {
  EXPECT_EQ(Split("The bank said it\nwould cut rates.\n    Traders were surprised.\n Reuter\n"),
            (Strings{"The bank said it\nwould cut rates.", "Traders were surprised.", "Reuter"}));
}

TEST(SentenceSplitter, KnowsWhatFollowsCompaniesAndTimes) {
  EXPECT_EQ(Split("Tesla Inc. Chief Executive Elon Musk met officials. Samsung Electronics Co. Ltd. agreed."),
            (Strings{"Tesla Inc. Chief Executive Elon Musk met officials.",
                     "Samsung Electronics Co. Ltd. agreed."}));
  EXPECT_EQ(Split("He spoke at 3 p.m. EDT on Monday. It ended at 5 p.m. Analysts were unmoved."),
            (Strings{"He spoke at 3 p.m. EDT on Monday.", "It ended at 5 p.m.", "Analysts were unmoved."}));
  EXPECT_EQ(Split("The blast came at 6:45 p.m. (0945 GMT) near the port. Apple Inc. (AAPL.O) fell."),
            (Strings{"The blast came at 6:45 p.m. (0945 GMT) near the port.", "Apple Inc. (AAPL.O) fell."}));
  EXPECT_EQ(Split("ST. LOUIS (AP) - A jury agreed. The missile \"could reach the U.S.\" Analysts doubt it."),
            (Strings{"ST. LOUIS (AP) - A jury agreed.", "The missile \"could reach the U.S.\"",
                     "Analysts doubt it."}));
}

TEST(SentenceSplitter, KeepsLineUnitsApart) {
  EXPECT_EQ(Split("Prices rose in October.\nbrk@yna.co.kr\n(END)"),
            (Strings{"Prices rose in October.", "brk@yna.co.kr", "(END)"}));
  EXPECT_EQ(Split("(LEAD) N. Korea fires missile into East Sea: JCS\nSEOUL, March 14 (Yonhap) -- It fired."),
            (Strings{"(LEAD) N. Korea fires missile into East Sea: JCS", "SEOUL, March 14 (Yonhap) -- It fired."}));
  EXPECT_EQ(Split("The parties must:\n1. Cease fire.\n2. Allow aid."),
            (Strings{"The parties must:", "1. Cease fire.", "2. Allow aid."}));
  // A number that starts a hard-wrapped line is not a list item.
  EXPECT_EQ(Split("The exchange raised margins on contracts outstanding at March\n13. Chinese April rose."),
            (Strings{"The exchange raised margins on contracts outstanding at March\n13.", "Chinese April rose."}));
}

TEST(SentenceSplitter, CutsRunawaySentences) {
  std::string text(100000, 'a');
  for (size_t i = 7; i < text.size(); i += 8) text[i] = ' ';
  Strings parts = Split(text, SplitterOptions{1000});
  EXPECT_GE(parts.size(), 100u);
  for (const std::string& p : parts) EXPECT_LE(p.size(), 1000u);
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split(" \n\n\t ").empty());
}

// The labelled set in tests/text/sentences.txt: `=== name [sep=newline|para]`, then the expected sentences one a
// line; "+ " continues the previous sentence after a hard line break.
struct Case {
  std::string name;
  std::string text;
  Strings expected;
};

std::vector<Case> ReadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line, sep = " ";
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back({line.substr(4), "", {}});
      sep = " ";
      if (line.find("sep=newline") != std::string::npos) sep = "\n";
      if (line.find("sep=para") != std::string::npos) sep = "\n\n";
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos || cases.empty()) continue;
    Case& c = cases.back();
    if (line.rfind("+ ", 0) == 0 && !c.expected.empty()) {
      std::string rest = line.substr(2);
      c.expected.back().append(1, '\n').append(rest);
      c.text.append(1, '\n').append(rest);
      continue;
    }
    if (!c.expected.empty()) c.text += sep;
    c.text += line;
    c.expected.push_back(line);
  }
  for (Case& c : cases) {
    for (std::string& s : c.expected) {
      size_t b = s.find_first_not_of(" \t\n");
      size_t e = s.find_last_not_of(" \t\n");
      s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }
  }
  return cases;
}

TEST(SentenceSplitter, LabelledSetErrorRateAtMostOnePercent) {
  std::vector<Case> cases = ReadCases(DYAD_SOURCE_DIR "/tests/text/sentences.txt");
  ASSERT_GE(cases.size(), 300u) << "the labelled set is missing or short";
  int wrong = 0, boundaries = 0, boundary_errors = 0;
  std::string report;
  for (const Case& c : cases) {
    Strings got = Split(c.text);
    boundaries += static_cast<int>(c.expected.size());
    if (got == c.expected) continue;
    ++wrong;
    boundary_errors += std::abs(static_cast<int>(got.size()) - static_cast<int>(c.expected.size())) + 1;
    report += fmt::format("--- {}\n  want: {}\n  got:  {}\n", c.name, fmt::join(c.expected, " || "),
                          fmt::join(got, " || "));
  }
  double error_rate = static_cast<double>(wrong) / static_cast<double>(cases.size());
  std::printf("sentence splitter: %zu cases, %d sentences, %d cases wrong (%.2f%%)\n", cases.size(), boundaries,
              wrong, 100 * error_rate);
  EXPECT_LE(error_rate, 0.01) << report;
}

}  // namespace
}  // namespace dyad::text
