#include "dyad/coder/golden.h"

#include <gtest/gtest.h>

namespace dyad::coder {
namespace {

TEST(Golden, ParsesCasesAndReportsErrorsWithTheirLine) {
  auto cases = ParseGolden(
      "# c\narticle 2025-09-04\n  Kim met Xi.\n  Second line.\nexpect PRKGOV CHNGOV 040\nexpect PRK - 042 on 2025-09-02\n"
      "\narticle 2024-01-01\n  Nothing.\nexpect none\n",
      "f.golden");
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].article.text, "Kim met Xi. Second line.");
  ASSERT_EQ((*cases)[0].expected.size(), 2u);
  EXPECT_EQ((*cases)[0].expected[1].target, "");
  EXPECT_EQ((*cases)[0].expected[1].date, "2025-09-02");
  EXPECT_TRUE((*cases)[1].expect_none);

  auto bad = ParseGolden("article 2025-09-04\n  text\nexpect PRK\n", "g.golden");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("g.golden:3"), std::string::npos);
  EXPECT_FALSE(ParseGolden("article 2025-09-04\n  text\n", "h.golden").ok());
  EXPECT_FALSE(ParseGolden("article 2025-13-04\n  text\nexpect none\n", "h.golden").ok());
}

TEST(Golden, ScoresSymmetricCodesInEitherDirection) {
  dict::CameoTable table = *dict::CameoTable::Parse(
      "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tsymmetric\n"
      "040\tConsult\t1.0\t1\tconsult\t\tyes\n190\tFight\t-10.0\t4\tassault\t\tno\n",
      "t");
  GoldenCase c;
  c.expected = {{"CHNGOV", "PRKGOV", "040", ""}, {"RUSMIL", "UKR", "190", ""}};
  Event meet, fight;
  meet.source = "PRKGOV";
  meet.target = "CHNGOV";
  meet.cameo = table.Find("040");
  fight.source = "UKR";
  fight.target = "RUSMIL";
  fight.cameo = table.Find("190");
  EvalReport report;
  ScoreCase(c, {meet, fight}, table, report);
  const Score& stc = report.overall[static_cast<int>(Level::kSourceTargetCode)];
  EXPECT_EQ(stc.true_positives, 1);   // the meeting, reversed
  EXPECT_EQ(stc.false_negatives, 1);  // the attack is directed: reversed is wrong
  EXPECT_EQ(stc.false_positives, 1);
  EXPECT_EQ(report.overall[0].true_positives, 2);  // roots agree
}

TEST(Golden, ChecksTheDateWhenTheExpectationGivesOne) {
  dict::CameoTable table = *dict::CameoTable::Parse(
      "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tsymmetric\n040\tConsult\t1.0\t1\tconsult\t\tyes\n", "t");
  GoldenCase c;
  c.expected = {{"CHNGOV", "PRKGOV", "040", "2025-09-02"}};
  Event meet;
  meet.source = "CHNGOV";
  meet.target = "PRKGOV";
  meet.cameo = table.Find("040");
  meet.date = Date::FromCivil(2025, 9, 4);
  EvalReport wrong_day;
  ScoreCase(c, {meet}, table, wrong_day);
  EXPECT_EQ(wrong_day.overall[static_cast<int>(Level::kSourceTargetCode)].true_positives, 0);
  EXPECT_EQ(wrong_day.overall[static_cast<int>(Level::kCode)].true_positives, 1);  // codes alone ignore dates
  meet.date = Date::FromCivil(2025, 9, 2);
  EvalReport right_day;
  ScoreCase(c, {meet}, table, right_day);
  EXPECT_EQ(right_day.overall[static_cast<int>(Level::kSourceTargetCode)].true_positives, 1);
}

}  // namespace
}  // namespace dyad::coder
