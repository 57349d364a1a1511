#include "dyad/knowledge/knowledge_base.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "dyad/base/files.h"
#include "dyad/base/strings.h"

namespace dyad::knowledge {
namespace {

namespace fs = std::filesystem;

Date D(const char* text) { return *Date::Parse(text); }

// A fresh directory per test, with files written from (name, contents) pairs.
fs::path WriteTree(const std::string& name, const std::map<std::string, std::string>& files) {
  fs::path dir = fs::temp_directory_path() / ("dyad_knowledge_test_" + name);
  fs::remove_all(dir);
  for (const auto& [path, contents] : files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path) << contents;
  }
  return dir;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Whether some problem starts with `where` ("file:line:") and mentions `what`.
bool HasProblem(const std::vector<std::string>& problems, const std::string& where, std::string_view what) {
  return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
    return p.find(where) != std::string::npos && p.find(what) != std::string::npos;
  });
}

std::vector<std::string> Ids(const std::vector<const Fact*>& facts) {
  std::vector<std::string> ids;
  for (const Fact* f : facts) ids.push_back(f->id);
  return ids;
}

constexpr char kGroups[] =
    "group NATO IGONAT: North Atlantic Treaty Organization\n"
    "group UNSC_P5 IGOUNO: permanent members\n"
    "group UNSC_E10 IGOUNO: elected members\n"
    "group UNSC IGOUNO +UNSC_P5 +UNSC_E10: the Security Council\n";

constexpr char kMembers[] =
    "membership/nato-usa 1949-08-24.. group=NATO: USA | North Atlantic Treaty | The United States is a "
    "founding member.\n"
    "membership/nato-fin 2023-04-04.. group=NATO: FIN | Accession protocol | Finland joined NATO on 4 April "
    "2023.\n"
    "membership/nato-swe 2024-03-07.. group=NATO: SWE | Accession protocol | Sweden joined NATO on 7 March "
    "2024.\n"
    "membership/unsc-p5-chn 1971-10-25.. group=UNSC_P5: CHN | UNGA 2758 | China holds a permanent seat.\n"
    "membership/unsc-2025-dnk 2025-01-01..2026-12-31 group=UNSC_E10: DNK | UNGA election | Denmark holds a "
    "seat.\n";

TEST(KnowledgeLine, ParsesAFactWithEveryPart) {
  ParsedKnowledgeLine parsed;
  std::string error;
  ASSERT_TRUE(ParseKnowledgeLine(
      "sanctions/unsc-1718 2006-10-14..: IGOUNO PRK | UNSC Resolution 1718 | The UN Security Council has "
      "sanctioned North Korea since October 2006.  # trailing comment",
      parsed, error))
      << error;
  ASSERT_EQ(parsed.type, ParsedKnowledgeLine::Type::kFact);
  const Fact& f = parsed.fact;
  EXPECT_EQ(f.id, "sanctions/unsc-1718");
  EXPECT_EQ(f.kind, "sanctions");
  EXPECT_EQ(f.range.ToString(), "2006-10-14..");
  EXPECT_EQ(f.actors, (std::vector<std::string>{"IGOUNO", "PRK"}));
  EXPECT_EQ(f.authority, "UNSC Resolution 1718");
  EXPECT_EQ(f.sentence, "The UN Security Council has sanctioned North Korea since October 2006.");
  EXPECT_FALSE(f.scheduled);
}

TEST(KnowledgeLine, ParsesLeadersScheduledItemsShortDatesAndGroups) {
  ParsedKnowledgeLine leader;
  std::string error;
  ASSERT_TRUE(ParseKnowledgeLine(
      "leader/usa-trump-2 2025-01-20.. role=head-of-state-and-government person=\"Donald Trump\": USA | "
      "2024 election | Donald Trump has been President since 20 January 2025.",
      leader, error))
      << error;
  EXPECT_EQ(leader.fact.person, "Donald Trump");
  EXPECT_EQ(leader.fact.role, "head-of-state-and-government");

  ParsedKnowledgeLine summit;
  ASSERT_TRUE(
      ParseKnowledgeLine("summit/g20-2026 2026-12 scheduled: USA IGOGTW | G20 presidency | The United States "
                         "hosts the G20 summit in December 2026.",
                         summit, error))
      << error;
  EXPECT_TRUE(summit.fact.scheduled);
  EXPECT_EQ(summit.fact.range.ToString(), "2026-12-01..2026-12-31");  // a bare month is that month

  ParsedKnowledgeLine group;
  ASSERT_TRUE(ParseKnowledgeLine("group UNSC IGOUNO +UNSC_P5: the Security Council", group, error)) << error;
  ASSERT_EQ(group.type, ParsedKnowledgeLine::Type::kGroup);
  EXPECT_EQ(group.group.name, "UNSC");
  EXPECT_EQ(group.group.actor_code, "IGOUNO");
  EXPECT_EQ(group.group.includes, (std::vector<std::string>{"UNSC_P5"}));

  ParsedKnowledgeLine include;
  ASSERT_TRUE(ParseKnowledgeLine("include leaders.txt", include, error));
  EXPECT_EQ(include.include_path, "leaders.txt");
  ParsedKnowledgeLine blank;
  ASSERT_TRUE(ParseKnowledgeLine("   # only a comment", blank, error));
  EXPECT_EQ(blank.type, ParsedKnowledgeLine::Type::kNothing);
}

TEST(KnowledgeLine, ActorCodeShapes) {
  for (const char* good : {"PRK", "PRKGOV", "USAMILGOV", "IGONAT", "IGONATMIL", "NGOICR", "IMGISL", "XKX"}) {
    EXPECT_TRUE(IsValidActorCode(good)) << good;
  }
  for (const char* bad : {"PR", "prk", "PRKG", "PRKXYZ", "IGO", "IGONA", "NATO", "PRK1", "IGONATXXX"}) {
    EXPECT_FALSE(IsValidActorCode(bad)) << bad;
  }
  EXPECT_EQ(BaseActor("PRKGOV"), "PRK");
  EXPECT_EQ(BaseActor("IGONATMIL"), "IGONAT");
}

TEST(KnowledgeBase, ReportsEveryBadLineWithFileAndLineAndKeepsTheGoodOnes) {
  const std::string facts =
      "treaty/ok 2001-01-01..: USA RUS | A treaty | A good line.\n"                        // 1
      "treaty/bad-date 2001-02-30..: USA | A treaty | Bad day.\n"                          // 2
      "weather/rain 2001-01-01..: USA | Met office | It rained.\n"                         // 3
      "treaty/bad-actor 2001-01-01..: USA NATO | A treaty | Bad actor code.\n"             // 4
      "treaty/no-sentence 2001-01-01..: USA | A treaty |\n"                                // 5
      "treaty/inverted 2020-01-01..2019-01-01: USA | A treaty | Inverted range.\n"         // 6
      "treaty/undated: USA | A treaty | No date.\n"                                        // 7
      "treaty/no-authority 2001-01-01..: USA |  | No authority.\n"                         // 8
      "treaty/lower 2001-01-01..: USA | A treaty | starts in lower case.\n"                // 9
      "treaty/ok 2002-01-01..: USA | Another | Same id again.\n"                           // 10
      "Treaty/Caps 2001-01-01..: USA | A treaty | Bad id.\n"                               // 11
      "treaty/no-colon 2001-01-01.. USA | A treaty | No colon.\n"                          // 12
      "treaty/two-fields 2001-01-01..: USA | A sentence without authority.\n"              // 13
      "leader/no-person 2001-01-01.. role=head-of-state: USA | Election | A leader.\n"     // 14
      "membership/no-group 2001-01-01..: USA | Treaty | A member.\n"                       // 15
      "treaty/odd 2001-01-01.. colour=red: USA | A treaty | Odd attribute.\n"              // 16
      "membership/ghost 2001-01-01.. group=GHOST: USA | Treaty | A member of nothing.\n"   // 17
      "leader/bad-role 2001-01-01.. role=king person=\"X\": USA | Election | A leader.\n"  // 18
      "treaty/no-period 2001-01-01..: USA | A treaty | No full stop\n";                    // 19
  fs::path dir =
      WriteTree("errors", {{"index.txt", "include facts.txt\ninclude missing.txt\n"}, {"facts.txt", facts}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  const std::string f = (dir / "facts.txt").string() + ":";
  const std::vector<std::string> problems = kb->Check();
  EXPECT_TRUE(HasProblem(problems, f + "2:", "bad date")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(HasProblem(problems, f + "3:", "unknown kind 'weather'"));
  EXPECT_TRUE(HasProblem(problems, f + "4:", "bad actor code 'NATO'"));
  EXPECT_TRUE(HasProblem(problems, f + "5:", "missing sentence"));
  EXPECT_TRUE(HasProblem(problems, f + "6:", "inverted"));
  EXPECT_TRUE(HasProblem(problems, f + "7:", "no start date"));
  EXPECT_TRUE(HasProblem(problems, f + "8:", "missing authority"));
  EXPECT_TRUE(HasProblem(problems, f + "9:", "capital letter"));
  EXPECT_TRUE(HasProblem(problems, f + "10:", "duplicate fact id treaty/ok"));
  EXPECT_TRUE(HasProblem(problems, f + "11:", "bad fact id"));
  EXPECT_TRUE(HasProblem(problems, f + "12:", "no ':' found"));
  EXPECT_TRUE(HasProblem(problems, f + "13:", "want 3 fields"));
  EXPECT_TRUE(HasProblem(problems, f + "14:", "needs role=ROLE and person="));
  EXPECT_TRUE(HasProblem(problems, f + "15:", "needs group=NAME"));
  EXPECT_TRUE(HasProblem(problems, f + "16:", "unknown attribute 'colour=red'"));
  EXPECT_TRUE(HasProblem(problems, f + "17:", "undeclared group GHOST"));
  EXPECT_TRUE(HasProblem(problems, f + "18:", "unknown leader role 'king'"));
  EXPECT_TRUE(HasProblem(problems, f + "19:", "end with '.'"));
  EXPECT_TRUE(HasProblem(problems, (dir / "index.txt").string() + ":2:", "cannot open"));
  EXPECT_EQ(problems.size(), 19u) << ::testing::PrintToString(problems);
  ASSERT_EQ(kb->facts().size(), 1u);  // only line 1 survives
  EXPECT_EQ(kb->facts()[0].Where(), f + "1");
  EXPECT_EQ(kb->errors().size(), problems.size());
}

TEST(KnowledgeBase, CheckFindsDuplicatesOverlapsAndGroupCycles) {
  const std::string facts =
      "leader/a-1 2000-01-01..2010-12-31 role=head-of-state person=\"A\": USA | Election | A led.\n"  // 1
      "leader/a-2 2010-06-01.. role=head-of-state person=\"B\": USA | Election | B leads.\n"          // 2
      "leader/a-3 2011-01-01.. role=head-of-government person=\"C\": USA | Election | C governs.\n"   // 3
      "leader/a-4 2012-01-01.. role=head-of-state-and-government person=\"D\": USA | Election | D does "
      "both.\n"                                                                           // 4
      "membership/x-fin-1 2000-01-01.. group=X: FIN | Treaty | Finland joined.\n"         // 5
      "membership/x-fin-2 2005-01-01.. group=X: FIN | Treaty | Finland joined again.\n"   // 6
      "treaty/t-1 2001-01-01..: USA RUS | Treaty of 2001 | Same content.\n"               // 7
      "treaty/t-2 2001-01-01..: RUS USA | Treaty of 2001 | Same content, other words.\n"  // 8
      "treaty/t-3 2003-01-01..: USA | Other | Same content.\n"                            // 9
      "group Y IGONAT +Z: y\n"                                                            // 10
      "group Z IGONAT +Y: z\n"                                                            // 11
      "group X IGONAT: x\n"                                                               // 12
      "group X IGOEUR: x again\n";                                                        // 13
  fs::path dir = WriteTree("check", {{"index.txt", facts}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_TRUE(kb.ok());
  const std::string f = (dir / "index.txt").string() + ":";
  const std::vector<std::string> problems = kb->Check();
  EXPECT_TRUE(HasProblem(problems, f + "2:", "overlaps A")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(HasProblem(problems, f + "4:", "overlaps B"));
  EXPECT_TRUE(HasProblem(problems, f + "4:", "overlaps C"));
  EXPECT_FALSE(
      HasProblem(problems, f + "3:", "overlaps"));  // a head of government beside a head of state is fine
  EXPECT_TRUE(HasProblem(problems, f + "6:", "FIN in X"));
  EXPECT_TRUE(HasProblem(problems, f + "8:", "duplicates treaty/t-1"));
  EXPECT_TRUE(HasProblem(problems, f + "9:", "repeats the sentence of treaty/t-1"));
  EXPECT_TRUE(HasProblem(problems, f + "10:", "group Y includes itself"));
  EXPECT_TRUE(HasProblem(problems, f + "13:", "group X is declared twice"));
  // Membership still works with the surviving declaration of X.
  EXPECT_EQ(kb->MembersOf("X", D("2006-01-01")), (std::vector<std::string>{"FIN"}));
}

TEST(KnowledgeBase, IncludesAreRelativeAndCyclesAreErrors) {
  fs::path dir = WriteTree("include", {{"index.txt", "include sub/a.txt\n"},
                                       {"sub/a.txt", "treaty/a 2001..: USA | T | Fact a.\ninclude b.txt\n"},
                                       {"sub/b.txt", "treaty/b 2002..: USA | T | Fact b.\ninclude a.txt\n"}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_TRUE(kb.ok());
  EXPECT_EQ(kb->facts().size(), 2u);
  EXPECT_TRUE(HasProblem(kb->errors(), (dir / "sub" / "b.txt").string() + ":2:", "include cycle"))
      << ::testing::PrintToString(kb->errors());
}

TEST(KnowledgeBase, MissingIndexIsNotFound) {
  fs::path dir = WriteTree("missing", {{"other.txt", ""}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_FALSE(kb.ok());
  EXPECT_EQ(kb.status().code(), StatusCode::kNotFound);
}

TEST(KnowledgeBase, OverlayReplacesFactsWithTheSameIdAndAddsNewOnes) {
  fs::path data = WriteTree(
      "overlay_data",
      {{"knowledge/index.txt", std::string(kGroups) + kMembers + "treaty/t 2001..: USA | T | Built in.\n"}});
  fs::path overlay =
      WriteTree("overlay_user", {{"index.txt", "include mine.txt\n"},
                                 {"mine.txt",
                                  "treaty/t 2005..: USA RUS | T2 | Replaced by the user.\n"
                                  "treaty/u 2006..: USA | U | Added by the user.\n"
                                  "membership/nato-nor 1949-08-24.. group=NATO: NOR | NAT | Norway.\n"}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(LoadOptions{data.string(), overlay.string()});
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  EXPECT_TRUE(kb->Check().empty()) << ::testing::PrintToString(kb->Check());
  ASSERT_NE(kb->Find("treaty/t"), nullptr);
  EXPECT_EQ(kb->Find("treaty/t")->sentence, "Replaced by the user.");
  EXPECT_EQ(kb->Find("treaty/t")->range.ToString(), "2005-01-01..");
  EXPECT_NE(kb->Find("treaty/u"), nullptr);
  EXPECT_TRUE(Contains(kb->MembersOf("NATO", D("2020-01-01")), "NOR"));
}

TEST(KnowledgeBase, QueriesFilterByDateAndActor) {
  const std::string facts =
      "sanctions/unsc-1718 2006-10-14..: IGOUNO PRK | UNSC Resolution 1718 | The UN sanctions North Korea.\n"
      "alliance/chn-prk 1961-09-10..: CHN PRK | Treaty of 1961 | China and North Korea are allies.\n"
      "alliance/rus-prk 2024-12-04..: RUS PRK | Treaty of 2024 | Russia and North Korea are allies.\n"
      "treaty/old 1990..1999: PRKGOV USA | Agreed Framework | An old agreement.\n"
      "leader/prk-kim 2011-12-17.. role=paramount-leader person=\"Kim Jong Un\": PRK | Succession | Kim "
      "rules.\n"
      "leader/usa-biden 2021-01-20..2025-01-19 role=head-of-state-and-government person=\"Joe Biden\": USA | "
      "E | "
      "Biden was president.\n"
      "leader/usa-trump 2025-01-20.. role=head-of-state-and-government person=\"Donald Trump\": USA | E | "
      "Trump is president.\n"
      "summit/apec-2026 2026-11 scheduled: CHN IGOAPC | APEC | China hosts APEC.\n"
      "summit/g20-2026 2026-12 scheduled: USA IGOGTW | G20 | The US hosts the G20.\n"
      "election/usa-2028 2028-11-07 scheduled: USA | Constitution | The US votes.\n";
  fs::path dir = WriteTree("queries", {{"index.txt", std::string(kGroups) + kMembers + facts}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_TRUE(kb.ok());
  ASSERT_TRUE(kb->Check().empty()) << ::testing::PrintToString(kb->Check());

  // PRKGOV matches facts about PRK; a fact not yet in force is left out.
  EXPECT_EQ(Ids(kb->About("PRKGOV", D("2020-01-01"))),
            (std::vector<std::string>{"sanctions/unsc-1718", "alliance/chn-prk", "leader/prk-kim"}));
  EXPECT_TRUE(Contains(Ids(kb->About("PRK", D("2025-01-01"))), "alliance/rus-prk"));
  // A fact written about PRKGOV is about PRK too.
  EXPECT_EQ(Ids(kb->About("PRK", D("1995-06-01"))),
            (std::vector<std::string>{"alliance/chn-prk", "treaty/old"}));
  EXPECT_EQ(Ids(kb->Between("RUS", "PRKMIL", D("2025-06-01"))),
            (std::vector<std::string>{"alliance/rus-prk"}));
  EXPECT_TRUE(kb->Between("RUS", "PRK", D("2024-06-01")).empty());
  // A group handle stands for its organisation code.
  EXPECT_TRUE(Contains(Ids(kb->About("NATO", D("2024-01-01"))), "membership/nato-fin"));

  std::vector<const Fact*> leaders = kb->Leader("USAGOV", D("2025-01-20"));
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_EQ(leaders[0]->person, "Donald Trump");
  leaders = kb->Leader("USA", D("2025-01-19"));
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_EQ(leaders[0]->person, "Joe Biden");
  EXPECT_TRUE(kb->Leader("USA", D("2020-01-01")).empty());

  EXPECT_EQ(Ids(kb->Scheduled(std::span<const std::string>(), D("2026-01-01"), D("2027-12-31"))),
            (std::vector<std::string>{"summit/apec-2026", "summit/g20-2026"}));
  EXPECT_EQ(Ids(kb->Scheduled("USA", D("2026-01-01"), D("2028-12-31"))),
            (std::vector<std::string>{"summit/g20-2026", "election/usa-2028"}));
  std::vector<std::string> actors = {"CHN", "PRK"};
  EXPECT_EQ(Ids(kb->Scheduled(actors, D("2026-01-01"), D("2028-12-31"))),
            (std::vector<std::string>{"summit/apec-2026"}));
}

TEST(KnowledgeBase, GroupsExpandToMembersAsOfADate) {
  fs::path dir = WriteTree("groups", {{"index.txt", std::string(kGroups) + kMembers}});
  Result<KnowledgeBase> kb = KnowledgeBase::Load(dir.string());
  ASSERT_TRUE(kb.ok());
  EXPECT_TRUE(kb->IsGroup("NATO"));
  EXPECT_FALSE(kb->IsGroup("IGONAT"));
  EXPECT_FALSE(kb->IsGroup("nato"));
  EXPECT_EQ(kb->MembersOf("NATO", D("2022-01-01")), (std::vector<std::string>{"USA"}));
  EXPECT_EQ(kb->MembersOf("NATO", D("2024-01-01")), (std::vector<std::string>{"FIN", "USA"}));
  EXPECT_EQ(kb->MembersOf("NATO", D("2024-03-06")), (std::vector<std::string>{"FIN", "USA"}));
  EXPECT_EQ(kb->MembersOf("NATO", D("2024-03-07")), (std::vector<std::string>{"FIN", "SWE", "USA"}));
  EXPECT_EQ(kb->MembersOf("UNSC", D("2025-06-01")), (std::vector<std::string>{"CHN", "DNK"}));
  EXPECT_EQ(kb->MembersOf("UNSC", D("2027-01-01")), (std::vector<std::string>{"CHN"}));
  EXPECT_TRUE(kb->MembersOf("NOPE", D("2025-01-01")).empty());
  std::vector<std::string> handles = {"NATO", "RUS"};
  EXPECT_EQ(kb->Expand(handles, D("2023-05-01")), (std::vector<std::string>{"FIN", "USA", "RUS"}));
  // A membership fact concerns the organisation too.
  EXPECT_EQ(kb->Find("membership/nato-fin")->actors, (std::vector<std::string>{"FIN", "IGONAT"}));
}

// The real data: loads clean, is big enough, and its country codes are the dictionaries' countries.
TEST(RealKnowledgeBase, LoadsWithoutProblems) {
  const std::string data_dir = std::string(DYAD_SOURCE_DIR) + "/data";
  Result<KnowledgeBase> kb = KnowledgeBase::Load(data_dir + "/knowledge");
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  std::vector<std::string> problems = kb->Check();
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  EXPECT_GE(kb->facts().size(), 300u);

  std::set<std::string> countries;
  Result<std::string> text = ReadFile(data_dir + "/dict/actors/countries.txt");
  ASSERT_TRUE(text.ok());
  LineCursor lines(*text);
  std::string_view line;
  while (lines.Next(line)) {
    if (line.size() > 4 && line[3] == ':') countries.emplace(line.substr(0, 3));
  }
  ASSERT_GT(countries.size(), 200u);
  std::set<std::string> organisations;
  Result<std::string> orgs = ReadFile(data_dir + "/dict/actors/organisations.txt");
  ASSERT_TRUE(orgs.ok());
  LineCursor org_lines(*orgs);
  while (org_lines.Next(line)) {
    if (line.size() > 7 && IsValidActorCode(line.substr(0, 6))) organisations.emplace(line.substr(0, 6));
  }
  for (const Fact& fact : kb->facts()) {
    for (const std::string& actor : fact.actors) {
      std::string base(BaseActor(actor));
      if (base.size() == 3) {
        EXPECT_TRUE(countries.count(base))
            << fact.Where() << ": " << actor << " is not a country in the dictionaries";
      } else {
        EXPECT_TRUE(organisations.count(base))
            << fact.Where() << ": " << actor << " is not an organisation code";
      }
    }
  }
  for (const Group& group : kb->Groups()) EXPECT_TRUE(organisations.count(group.actor_code)) << group.name;

  // Spot checks of facts the issue names.
  const Date d = D("2026-11-01");
  EXPECT_EQ(kb->MembersOf("NATO", d).size(), 32u);
  EXPECT_EQ(kb->MembersOf("EU", d).size(), 27u);
  EXPECT_EQ(kb->MembersOf("EU", D("2019-12-31")).size(), 28u);
  EXPECT_EQ(kb->MembersOf("UNSC", d).size(), 15u);
  EXPECT_EQ(kb->MembersOf("UNSC", D("2027-06-01")).size(), 10u);  // the 2027-2028 intake is not recorded yet
  EXPECT_EQ(kb->MembersOf("G7", d).size(), 7u);
  EXPECT_EQ(kb->MembersOf("G20", d).size(), 21u);
  EXPECT_EQ(kb->MembersOf("ASEAN", d).size(), 11u);
  EXPECT_EQ(kb->MembersOf("AU", d).size(), 55u);
  EXPECT_EQ(kb->MembersOf("BRICS", d).size(), 10u);
  EXPECT_FALSE(Contains(kb->MembersOf("NATO", D("2022-01-01")), "FIN"));
  EXPECT_TRUE(Contains(kb->MembersOf("NATO", D("2024-01-01")), "FIN"));
  EXPECT_FALSE(Contains(kb->MembersOf("NATO", D("2024-03-06")), "SWE"));
  EXPECT_TRUE(Contains(kb->MembersOf("NATO", D("2024-03-07")), "SWE"));
  ASSERT_NE(kb->Find("sanctions/unsc-1718"), nullptr);
  std::vector<const Fact*> leaders = kb->Leader("KORGOV", D("2025-06-04"));
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_EQ(leaders[0]->person, "Lee Jae-myung");
  for (const char* group : {"NATO", "EU", "UNSC", "UNSC_P5", "SCO", "BRICS", "G7", "G20", "ASEAN", "AU",
                            "GCC", "CSTO", "QUAD", "AUKUS", "OPEC"}) {
    EXPECT_FALSE(kb->MembersOf(group, d).empty()) << group;
  }
}

}  // namespace
}  // namespace dyad::knowledge
