#include "dyad/interop/fips_codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "dyad/base/files.h"

namespace dyad::interop {
namespace {

TEST(FipsTable, MapsGdeltCountryCodesToIsoAlpha3) {
  const FipsTable& table = FipsTable::Builtin();
  EXPECT_EQ(table.IsoFromFips("UP"), "UKR");
  EXPECT_EQ(table.IsoFromFips("GM"), "DEU");
  EXPECT_EQ(table.IsoFromFips("CH"), "CHN");
  EXPECT_EQ(table.IsoFromFips("KN"), "PRK");
  EXPECT_EQ(table.IsoFromFips("KS"), "KOR");
  EXPECT_EQ(table.IsoFromFips("UK"), "GBR");
  EXPECT_EQ(table.IsoFromFips("EZ"), "CZE");
  EXPECT_EQ(table.IsoFromFips("KV"), "XKX");
  EXPECT_EQ(table.IsoFromFips("OD"), "SSD");
  EXPECT_EQ(table.IsoFromFips("GZ"), "PSE");
  EXPECT_EQ(table.IsoFromFips("WE"), "PSE");
  EXPECT_EQ(table.IsoFromFips("RI"), "SRB");
  EXPECT_EQ(table.IsoFromFips("RB"), "SRB");
  EXPECT_EQ(table.IsoFromFips("PG"), "");  // Spratly Islands: disputed, left out
  EXPECT_EQ(table.IsoFromFips("ZZ"), "");
  EXPECT_EQ(table.IsoFromFips("up"), "");
  EXPECT_EQ(table.IsoFromFips(""), "");
  EXPECT_EQ(table.IsoFromFips("UKR"), "");
}

TEST(FipsTable, WritesTheFirstCodeListedForAnIsoCode) {
  const FipsTable& table = FipsTable::Builtin();
  EXPECT_EQ(table.FipsFromIso("UKR"), "UP");
  EXPECT_EQ(table.FipsFromIso("PSE"), "WE");
  EXPECT_EQ(table.FipsFromIso("SRB"), "RI");
  EXPECT_EQ(table.FipsFromIso("AUS"), "AS");
  EXPECT_EQ(table.FipsFromIso("GBR"), "UK");
  EXPECT_EQ(table.FipsFromIso("XYZ"), "");
  EXPECT_TRUE(table.IsIsoCode("CHN"));
  EXPECT_FALSE(table.IsIsoCode("IGO"));
  EXPECT_FALSE(table.IsIsoCode("GOV"));
}

// Every country and territory of dyad's country dictionary has a FIPS code, and each ISO code reads back from
// the FIPS code written for it. Only Aland (part of Finland in FIPS 10-4) and Bonaire, Sint Eustatius and
// Saba (no FIPS code of their own) have none.
TEST(FipsTable, CoversEveryCountryOfTheDictionary) {
  const FipsTable& table = FipsTable::Builtin();
  Result<std::string> countries = ReadFile(DYAD_SOURCE_DIR "/data/dict/actors/countries.txt");
  ASSERT_TRUE(countries.ok()) << countries.status().ToString();
  std::istringstream in(*countries);
  std::string line;
  // Entries start "XYZ:" (three capitals and a colon); std::regex is avoided (GCC 12 warns inside it under ASan).
  auto is_entry = [](const std::string& l) {
    auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
    return l.size() >= 4 && l[3] == ':' && std::all_of(l.begin(), l.begin() + 3, capital);
  };
  int checked = 0;
  while (std::getline(in, line)) {
    if (!is_entry(line)) continue;
    const std::string iso = line.substr(0, 3);
    if (iso == "ALA" || iso == "BES") continue;
    EXPECT_TRUE(table.IsIsoCode(iso)) << iso << " has no FIPS code in data/interop/fips-iso3.tsv";
    EXPECT_EQ(table.IsoFromFips(table.FipsFromIso(iso)), iso);
    ++checked;
  }
  EXPECT_GE(checked, 240);
  EXPECT_GE(table.size(), 250u);
}

TEST(FipsTable, ReportsBadLinesWithTheirPlace) {
  EXPECT_TRUE(FipsTable::Parse("# comment\n\nUP\tUKR\tUkraine\n", "t.tsv").ok());
  Result<FipsTable> twice = FipsTable::Parse("UP\tUKR\tUkraine\nUP\tRUS\tRussia\n", "t.tsv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "t.tsv:2: FIPS code UP listed twice");
  Result<FipsTable> short_line = FipsTable::Parse("UP UKR Ukraine\n", "t.tsv");
  ASSERT_FALSE(short_line.ok());
  EXPECT_NE(short_line.status().message().find("t.tsv:1:"), std::string::npos);
  EXPECT_FALSE(FipsTable::Parse("up\tUKR\tUkraine\n", "t.tsv").ok());
  EXPECT_FALSE(FipsTable::Parse("UP\tUK\tUkraine\n", "t.tsv").ok());
  EXPECT_FALSE(FipsTable::Parse("# nothing\n", "t.tsv").ok());
}

}  // namespace
}  // namespace dyad::interop
