#include "dyad/interop/icews.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "dyad/interop/interop_testing.h"

namespace dyad::interop {
namespace {

const IcewsCodebook& Codebook() {
  static const IcewsCodebook* const codebook = [] {
    Result<IcewsCodebook> loaded = IcewsCodebook::Load(DYAD_SOURCE_DIR "/data");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new IcewsCodebook(*std::move(loaded));
  }();
  return *codebook;
}

std::vector<std::string> Lines(const std::string& fixture) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFixture(fixture));
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string Code(std::string_view country) {
  std::string scratch;
  return std::string(Codebook().CountryCode(country, scratch));
}

std::string Agent(std::string_view sectors) {
  std::string scratch;
  return std::string(Codebook().AgentCode(sectors, scratch));
}

TEST(IcewsCodebook, NamesCountries) {
  EXPECT_EQ(Code("China"), "CHN");
  EXPECT_EQ(Code("Russian Federation"), "RUS");
  EXPECT_EQ(Code("United States"), "USA");
  EXPECT_EQ(Code("South Korea"), "KOR");
  EXPECT_EQ(Code("Korea, Republic of"), "KOR");
  EXPECT_EQ(Code("Congo, The Democratic Republic of the"), "COD");
  EXPECT_EQ(Code("Bahamas, The"), "BHS");
  EXPECT_EQ(Code("The  Bahamas"), "BHS");
  EXPECT_EQ(Code("Occupied Palestinian Territory"), "PSE");
  EXPECT_EQ(Code("C\xC3\xB4te d\xE2\x80\x99Ivoire"), "CIV");  // diacritics and a curly apostrophe
  EXPECT_EQ(Code("MACAU"), "MAC");                            // from data/interop/icews-countries.tsv
  EXPECT_EQ(Code("Serbia and Montenegro"), "SRB");
  EXPECT_EQ(Code("Korea"), "");  // ambiguous
  EXPECT_EQ(Code("Narnia"), "");
  EXPECT_EQ(Code(""), "");
  EXPECT_EQ(Codebook().CountryName("RUS"), "Russian Federation");
  EXPECT_EQ(Codebook().CountryName("XYZ"), "");
}

// The name written for a country reads back as that country, for every country of the dictionary.
TEST(IcewsCodebook, CountryNamesRoundTrip) {
  Result<std::string> countries = ReadFile(DYAD_SOURCE_DIR "/data/dict/actors/countries.txt");
  ASSERT_TRUE(countries.ok());
  std::istringstream in(*countries);
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.size() < 4 || line[3] != ':' || line[0] == '#') continue;
    const std::string iso = line.substr(0, 3);
    EXPECT_EQ(Code(Codebook().CountryName(iso)), iso) << Codebook().CountryName(iso);
    ++checked;
  }
  EXPECT_GE(checked, 240);
}

TEST(IcewsCodebook, MapsSectorsToAgents) {
  EXPECT_EQ(Agent("Government"), "GOV");
  EXPECT_EQ(Agent("Elite,Executive,Executive Office,Government,Ideological,Communist,Parties"), "GOV");
  EXPECT_EQ(Agent("Military,Army"), "MIL");
  EXPECT_EQ(Agent("Government,Military,Defense / Security Ministry"), "GOV");
  EXPECT_EQ(Agent("Police"), "COP");
  EXPECT_EQ(Agent("Legislative / Parliamentary"), "LEG");
  EXPECT_EQ(Agent("Judicial"), "JUD");
  EXPECT_EQ(Agent("Opposition Major Party (Out Of Government),Parties"), "OPP");
  EXPECT_EQ(Agent("Government Major Party (In Government),Parties"), "PTY");
  EXPECT_EQ(Agent("Protestors / Popular Opposition / Mobs"), "CVL");
  EXPECT_EQ(Agent("Rebel,Insurgents"), "REB");
  EXPECT_EQ(Agent("Business"), "BUS");
  EXPECT_EQ(Agent("News,Media"), "MED");
  EXPECT_EQ(Agent("Education"), "EDU");
  EXPECT_EQ(Agent("Religious"), "REL");
  EXPECT_EQ(Agent("Medical / Health"), "HLH");
  EXPECT_EQ(Agent("Refugees / Displaced"), "REF");
  EXPECT_EQ(Agent("Foreign Ministry"), "GOV");            // a word of a longer sector
  EXPECT_EQ(Agent("Nongovernmental Organizations"), "");  // "government" is not a word of it
  EXPECT_EQ(Agent("Non-Governmental Organizations,Human Rights"), "HRI");
  EXPECT_EQ(Agent("Ideological, Social"), "");
  EXPECT_EQ(Agent(""), "");
  EXPECT_EQ(Agent(" police "), "COP");
}

TEST(IcewsCodebook, SectorNamesRoundTrip) {
  for (const char* agent : {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "PTY", "CRM",
                            "HRI", "BUS", "MED", "EDU", "REL", "HLH", "LAB", "REF", "CVL", "ELI"}) {
    const std::string_view name = Codebook().SectorName(agent);
    EXPECT_FALSE(name.empty()) << agent;
    EXPECT_EQ(Agent(name), agent) << name;
  }
  EXPECT_EQ(Codebook().SectorName("XXX"), "");
}

TEST(IcewsCodebook, ReportsBadDataLines) {
  dict::CameoTable cameo = *dict::CameoTable::Parse("040\tConsult\t1.0\t1\tconsult\t\tyes\n", "c");
  EXPECT_TRUE(IcewsCodebook::Parse("CHN: China\n", "", "GOV\tGovernment\n", cameo).ok());
  Result<IcewsCodebook> twice =
      IcewsCodebook::Parse("CHN: China\n", "", "GOV\tGovernment\nMIL\tgovernment\n", cameo);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "icews-sectors.tsv:2: sector 'government' listed twice");
  EXPECT_FALSE(IcewsCodebook::Parse("CHN: China\n", "", "gov\tGovernment\n", cameo).ok());
  EXPECT_FALSE(IcewsCodebook::Parse("CHN: China\n", "China\n", "GOV\tGovernment\n", cameo).ok());
  EXPECT_FALSE(IcewsCodebook::Parse("CHN China\n", "", "GOV\tGovernment\n", cameo).ok());
  EXPECT_FALSE(IcewsCodebook::Load("/nonexistent").ok());
}

TEST(Icews, ReadsRowsByColumnName) {
  std::vector<std::string> lines = Lines("icews.tab");
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0] + "\n", IcewsHeader());
  IcewsParser parser(Codebook());
  ASSERT_TRUE(parser.ParseHeader(lines[0]).ok());
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse(lines[1], e).ok());
  EXPECT_EQ(e.origin, "icews");
  EXPECT_EQ(e.origin_id, "926685:2014-01-01");
  EXPECT_EQ(e.date.ToString(), "2014-01-01");
  EXPECT_EQ(e.source, "CHNGOV");
  EXPECT_EQ(e.source_name, "Xi Jinping");
  EXPECT_EQ(e.target, "KORGOV");
  EXPECT_EQ(e.target_name, "Park Geun-Hye");
  EXPECT_EQ(e.code, "036");
  EXPECT_EQ(e.goldstein, 4.0);  // Intensity
  EXPECT_EQ(e.quad_class, 1);   // from the CAMEO table
  EXPECT_EQ(e.num_mentions, 1);
  EXPECT_EQ(e.location.name, "Beijing");
  EXPECT_EQ(e.location.country, "CHN");
  EXPECT_DOUBLE_EQ(e.location.latitude, 39.9075);
  EXPECT_DOUBLE_EQ(e.location.longitude, 116.397);
  EXPECT_EQ(e.url, "");
  EXPECT_EQ(e.mode, "asserted");

  ASSERT_TRUE(parser.Parse(lines[2], e).ok());
  EXPECT_EQ(e.source, "INDCOP");
  EXPECT_EQ(e.target, "IND");  // a country without a sector
  EXPECT_EQ(e.code, "173");
  EXPECT_EQ(e.goldstein, -5.0);
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_EQ(e.location.name, "Kolkata District");  // no city: the district
  EXPECT_EQ(e.location.country, "IND");

  ASSERT_TRUE(parser.Parse(lines[3], e).ok());
  EXPECT_EQ(e.source, "");  // no country: no code, the name stays
  EXPECT_EQ(e.source_name, "United Nations");
  EXPECT_EQ(e.target, "UKRCVL");

  ASSERT_TRUE(parser.Parse(lines[4], e).ok());
  EXPECT_EQ(e.source, "RUSMIL");
  EXPECT_EQ(e.target, "UKR");
  EXPECT_FALSE(e.location.known());
  EXPECT_EQ(e.location.country, "");

  // The same Event ID on another date is another event; "20" lost its leading zero.
  ASSERT_TRUE(parser.Parse(lines[5], e).ok());
  EXPECT_EQ(e.origin_id, "926685:2015-06-01");
  EXPECT_EQ(e.code, "020");
  EXPECT_EQ(e.source, "IRNGOV");
  EXPECT_EQ(e.target, "IRNOPP");
}

TEST(Icews, FindsColumnsInAnyOrder) {
  IcewsParser parser(Codebook());
  ASSERT_TRUE(
      parser
          .ParseHeader(
              "\xEF\xBB\xBF\"CAMEO Code\"\tevent_date\tExtra\tSource Country\tEVENT ID\tCity\tCountry")
          .ok());
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse("190\t2014-02-01 00:00:00\tx\t\"Ukraine\"\t77\tDonetsk\tUkraine", e).ok());
  EXPECT_EQ(e.code, "190");
  EXPECT_EQ(e.goldstein, -10.0);  // no Intensity column: the table's value
  EXPECT_EQ(e.date.ToString(), "2014-02-01");
  EXPECT_EQ(e.source, "UKR");
  EXPECT_EQ(e.target, "");
  EXPECT_EQ(e.origin_id, "77:2014-02-01");
  EXPECT_EQ(e.location.name, "Donetsk");
  EXPECT_EQ(e.location.country, "UKR");
  EXPECT_EQ(e.location.latitude, 0.0);

  Status missing = parser.ParseHeader("Event ID\tSource Name\tCAMEO\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.message(), "not an ICEWS header row: no column \"Event Date\", \"CAMEO Code\"");
  EXPECT_FALSE(parser.Parse("1\t2", e).ok());  // no header
}

TEST(Icews, SaysWhatIsWrongWithABadRow) {
  std::vector<std::string> lines = Lines("icews-bad-rows.tab");
  ASSERT_EQ(lines.size(), 8u);
  IcewsParser parser(Codebook());
  ASSERT_TRUE(parser.ParseHeader(lines[0]).ok());
  const char* expected[] = {"",
                            "",
                            "bad Event Date '2014-13-01' (want YYYY-MM-DD)",
                            "unknown CAMEO Code '999'",
                            "want 20 tab-separated columns (as the header has), found 12",
                            "bad Intensity 'strong'",
                            "empty Event ID",
                            ""};
  store::EventRecord e;
  for (size_t i = 1; i < lines.size(); ++i) {
    Status status = parser.Parse(lines[i], e);
    if (expected[i][0] == '\0') {
      EXPECT_TRUE(status.ok()) << "line " << i + 1 << ": " << status.ToString();
    } else {
      EXPECT_EQ(status.message(), expected[i]) << "line " << i + 1;
    }
  }
}

TEST(Icews, ReadsWindows1252Bytes) {
  IcewsParser parser(Codebook());
  ASSERT_TRUE(parser.ParseHeader("Event ID\tEvent Date\tCAMEO Code\tSource Name\tSource Country").ok());
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse("5\t2014-01-01\t042\tFran\xe7ois Hollande \x96 Pr\xe9sident\tFrance", e).ok());
  EXPECT_EQ(e.source_name, "Fran\xC3\xA7ois Hollande \xE2\x80\x93 Pr\xC3\xA9sident");
  EXPECT_EQ(e.source, "FRA");
}

TEST(Icews, WritesRowsThatReadBackTheSame) {
  std::vector<std::string> lines = Lines("icews.tab");
  IcewsParser parser(Codebook());
  ASSERT_TRUE(parser.ParseHeader(lines[0]).ok());
  for (size_t i = 1; i < lines.size(); ++i) {
    store::EventRecord first;
    ASSERT_TRUE(parser.Parse(lines[i], first).ok());
    std::string out;
    AppendIcewsRow(first, Codebook(), out);
    ASSERT_EQ(out.back(), '\n');
    store::EventRecord second;
    Status status = parser.Parse(std::string_view(out).substr(0, out.size() - 1), second);
    ASSERT_TRUE(status.ok()) << status.ToString() << "\n" << out;
    EXPECT_TRUE(SameEvent(first, second)) << out;
  }

  // An event dyad coded: the store id is the Event ID; the country and sector come from the actor code.
  store::EventRecord e;
  e.id = 12;
  e.date = *Date::Parse("2025-09-04");
  e.source = "PRKMIL";
  e.source_name = "North Korean troops";
  e.target = "IGOUNO";  // no country: written without one, read back without a code
  e.code = "190";
  e.goldstein = -10;
  e.quad_class = 4;
  e.location = {"Kursk", "RUS", 51.7304, 36.1926};
  std::string out;
  AppendIcewsRow(e, Codebook(), out);
  EXPECT_EQ(
      out,
      "12\t2025-09-04\tNorth Korean troops\tMilitary\tNorth Korea\tUse conventional military force, not "
      "specified below\t190\t-10\t\t\t\t\t\t\tKursk\t\t\tRussian Federation\t51.7304\t36.1926\n");
  store::EventRecord back;
  ASSERT_TRUE(parser.Parse(std::string_view(out).substr(0, out.size() - 1), back).ok());
  EXPECT_EQ(back.source, "PRKMIL");
  EXPECT_EQ(back.target, "");
  EXPECT_EQ(back.origin_id, "12:2025-09-04");
  EXPECT_EQ(back.location.country, "RUS");
}

}  // namespace
}  // namespace dyad::interop
