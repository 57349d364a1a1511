#include "dyad/interop/gdelt.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/base/strings.h"
#include "dyad/interop/fields.h"
#include "dyad/interop/interop_testing.h"

namespace dyad::interop {
namespace {

std::vector<std::string> Lines(const std::string& fixture) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFixture(fixture));
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

store::EventRecord ParseOk(std::string_view line) {
  GdeltParser parser;
  store::EventRecord event;
  Status status = parser.Parse(line, event);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return event;
}

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in{std::string(line)};
  while (std::getline(in, cell, '\t')) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.push_back("");
  return cells;
}

TEST(Gdelt, ReadsVersion2Rows) {
  std::vector<std::string> lines = Lines("gdelt-v2.CSV");
  ASSERT_EQ(lines.size(), 4u);
  GdeltParser parser;
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse(lines[0], e).ok());
  EXPECT_EQ(parser.version(), GdeltVersion::kV2);
  EXPECT_EQ(e.origin, "gdelt");
  EXPECT_EQ(e.origin_id, "1100000001");
  EXPECT_EQ(e.id, 0);
  EXPECT_EQ(e.date.ToString(), "2025-09-04");
  EXPECT_EQ(e.source, "CHNGOV");
  EXPECT_EQ(e.source_name, "CHINA");
  EXPECT_EQ(e.target, "PRKGOV");
  EXPECT_EQ(e.target_name, "NORTH KOREA");
  EXPECT_EQ(e.code, "040");
  EXPECT_EQ(e.root(), "04");
  EXPECT_EQ(e.goldstein, 1.0);
  EXPECT_EQ(e.quad_class, 1);
  EXPECT_EQ(e.num_mentions, 10);
  EXPECT_EQ(e.num_sources, 2);
  EXPECT_EQ(e.num_articles, 10);
  EXPECT_EQ(e.location.name, "Beijing, Beijing, China");
  EXPECT_EQ(e.location.country, "CHN");  // FIPS CH
  EXPECT_DOUBLE_EQ(e.location.latitude, 39.9289);
  EXPECT_DOUBLE_EQ(e.location.longitude, 116.388);
  EXPECT_EQ(e.url, "https://example.com/v2/1");
  EXPECT_EQ(e.mode, "asserted");
  EXPECT_EQ(e.confidence, 1.0);

  ASSERT_TRUE(parser.Parse(lines[1], e).ok());
  EXPECT_EQ(e.source, "RUSMIL");
  EXPECT_EQ(e.target, "UKR");
  EXPECT_EQ(e.code, "195");
  EXPECT_EQ(e.goldstein, -10.0);
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_EQ(e.location.country, "UKR");  // FIPS UP

  // No place: the location is unknown, whatever the row before had.
  ASSERT_TRUE(parser.Parse(lines[2], e).ok());
  EXPECT_FALSE(e.location.known());
  EXPECT_EQ(e.location.country, "");
  EXPECT_EQ(e.location.latitude, 0.0);

  // A target-less event, and a place whose FIPS code has no ISO code: the name and coordinates stay.
  ASSERT_TRUE(parser.Parse(lines[3], e).ok());
  EXPECT_EQ(e.target, "");
  EXPECT_EQ(e.target_name, "");
  EXPECT_EQ(e.location.name, "Spratly Islands");
  EXPECT_EQ(e.location.country, "");
  EXPECT_DOUBLE_EQ(e.location.latitude, 8.63333);
}

TEST(Gdelt, ReadsVersion1DailyRows) {
  std::vector<std::string> lines = Lines("gdelt-v1-daily.tsv");
  ASSERT_EQ(lines.size(), 2u);
  GdeltParser parser;
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse(lines[0], e).ok());
  EXPECT_EQ(parser.version(), GdeltVersion::kV1Daily);
  EXPECT_EQ(e.origin_id, "300000001");
  EXPECT_EQ(e.date.ToString(), "2013-04-01");
  EXPECT_EQ(e.code, "0311");
  EXPECT_EQ(e.goldstein, 3.4);
  EXPECT_EQ(e.location.name, "Beijing, Beijing, China");
  EXPECT_EQ(e.location.country, "CHN");
  EXPECT_DOUBLE_EQ(e.location.longitude, 116.388);
  EXPECT_EQ(e.url, "http://example.com/daily/1");
  ASSERT_TRUE(parser.Parse(lines[1], e).ok());
  EXPECT_EQ(e.source, "ISRMIL");
  EXPECT_EQ(e.target, "");
  EXPECT_EQ(e.code, "183");
  EXPECT_EQ(e.num_mentions, 7);
  EXPECT_EQ(e.num_sources, 2);
  EXPECT_EQ(e.num_articles, 6);
  EXPECT_EQ(e.location.country, "PSE");  // FIPS GZ
  EXPECT_EQ(e.url, "http://example.com/daily/2");
}

TEST(Gdelt, ReadsVersion1HistoricalRows) {
  std::vector<std::string> lines = Lines("gdelt-v1-historical.tsv");
  ASSERT_EQ(lines.size(), 2u);
  GdeltParser parser;
  store::EventRecord e;
  ASSERT_TRUE(parser.Parse(lines[0], e).ok());
  EXPECT_EQ(parser.version(), GdeltVersion::kV1Historical);
  EXPECT_EQ(e.date.ToString(), "1979-01-01");
  EXPECT_EQ(e.origin_id, "255000001");
  EXPECT_EQ(e.source, "CHNGOV");
  EXPECT_EQ(e.target, "PRKGOV");
  EXPECT_EQ(e.num_mentions, 4);
  EXPECT_EQ(e.location.country, "CHN");
  EXPECT_DOUBLE_EQ(e.location.latitude, 39.9289);
  EXPECT_EQ(e.url, "");
  ASSERT_TRUE(parser.Parse(lines[1], e).ok());
  EXPECT_EQ(e.date.ToString(), "2013-03-31");
  EXPECT_EQ(e.code, "190");
  EXPECT_EQ(e.location.name, "Kyiv, Kyyiv, Misto, Ukraine");
  EXPECT_EQ(e.location.country, "UKR");
  EXPECT_DOUBLE_EQ(e.location.longitude, 30.5167);
}

TEST(Gdelt, ColumnCountsOfTheVariants) {
  EXPECT_EQ(GdeltColumnCount(GdeltVersion::kV1Historical), 57);
  EXPECT_EQ(GdeltColumnCount(GdeltVersion::kV1Daily), 58);
  EXPECT_EQ(GdeltColumnCount(GdeltVersion::kV2), 61);
  for (const char* fixture : {"gdelt-v1-historical.tsv", "gdelt-v1-daily.tsv", "gdelt-v2.CSV"}) {
    for (const std::string& line : Lines(fixture)) {
      GdeltParser parser;
      store::EventRecord e;
      ASSERT_TRUE(parser.Parse(line, e).ok()) << fixture;
      EXPECT_EQ(Split(line).size(), static_cast<size_t>(GdeltColumnCount(parser.version()))) << fixture;
    }
  }
}

TEST(Gdelt, SaysWhatIsWrongWithABadRow) {
  std::vector<std::string> lines = Lines("gdelt-bad-rows.tsv");
  ASSERT_EQ(lines.size(), 9u);
  const char* expected[] = {
      "",
      "want 57, 58 or 61 tab-separated columns (GDELT 1.0 historical, 1.0 daily, 2.0), found 40",
      "bad SQLDATE (want YYYYMMDD) '20250231'",
      "bad EventCode '99X'",
      "bad GoldsteinScale 'high'",
      "bad NumMentions '-3'",
      "bad GLOBALEVENTID 'abc'",
      "bad ActionGeo_Lat 'north'",
      "",
  };
  GdeltParser parser;
  store::EventRecord e;
  for (size_t i = 0; i < lines.size(); ++i) {
    Status status = parser.Parse(lines[i], e);
    if (expected[i][0] == '\0') {
      EXPECT_TRUE(status.ok()) << "line " << i + 1 << ": " << status.ToString();
    } else {
      EXPECT_EQ(status.message(), expected[i]) << "line " << i + 1;
    }
  }
  EXPECT_FALSE(parser.Parse("", e).ok());
  EXPECT_FALSE(parser.Parse(std::string(70, '\t'), e).ok());
  std::vector<std::string> cells = Split(lines[0]);
  auto with = [&](size_t column, const std::string& value) {
    std::vector<std::string> c = cells;
    c[column] = value;
    std::string line;
    for (size_t i = 0; i < c.size(); ++i) line += (i ? "\t" : "") + c[i];
    return line;
  };
  EXPECT_TRUE(parser.Parse(with(26, "2011"), e).ok());
  EXPECT_FALSE(parser.Parse(with(26, "2111"), e).ok());  // no root 21
  EXPECT_FALSE(parser.Parse(with(26, "00"), e).ok());
  EXPECT_FALSE(parser.Parse(with(26, "04011"), e).ok());
  EXPECT_FALSE(parser.Parse(with(29, "5"), e).ok());
  EXPECT_FALSE(parser.Parse(with(30, "nan"), e).ok());
  EXPECT_FALSE(parser.Parse(with(30, "inf"), e).ok());
  EXPECT_FALSE(parser.Parse(with(30, ""), e).ok());
  EXPECT_FALSE(parser.Parse(with(33, "1.5"), e).ok());
  EXPECT_FALSE(parser.Parse(with(1, "2025090"), e).ok());
  EXPECT_TRUE(parser.Parse(with(56, ""), e).ok());  // a place without coordinates
  EXPECT_TRUE(parser.Parse(with(30, "+2.5"), e).ok());
  EXPECT_EQ(e.goldstein, 2.5);
}

TEST(Gdelt, RepairsInvalidUtf8) {
  std::vector<std::string> lines = Lines("gdelt-v2.CSV");
  std::vector<std::string> cells = Split(lines[0]);
  cells[6] = "CHI\xffNA";
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "\t" : "") + cells[i];
  store::EventRecord e = ParseOk(line);
  EXPECT_EQ(e.source_name, "CHI\xEF\xBF\xBDNA");
  EXPECT_EQ(e.target, "PRKGOV");
}

TEST(Gdelt, KnowsAHeaderLine) {
  EXPECT_TRUE(IsGdeltHeader("GLOBALEVENTID\tSQLDATE\tMonthYear"));
  EXPECT_TRUE(IsGdeltHeader("GlobalEventID\tDay"));
  EXPECT_FALSE(IsGdeltHeader("1100000001\t20250904"));
  EXPECT_FALSE(IsGdeltHeader(""));
}

TEST(Gdelt, WritesVersion2Rows) {
  store::EventRecord e;
  e.id = 42;
  e.date = *Date::Parse("2025-09-04");
  e.source = "CHNGOV";
  e.source_name = "Xi Jinping";
  e.target = "IGOUNOMIL";
  e.code = "0311";
  e.goldstein = 3.4;
  e.quad_class = 1;
  e.location = {"Pyongyang", "PRK", 39.0392, 125.7625};
  e.num_mentions = 3;
  e.url = "https://example.com/a";
  std::string out;
  AppendGdeltRow(e, out);
  ASSERT_EQ(out.back(), '\n');
  std::vector<std::string> c = Split(std::string_view(out).substr(0, out.size() - 1));
  ASSERT_EQ(c.size(), 61u);
  EXPECT_EQ(c[0], "42");  // not from GDELT: the store id
  EXPECT_EQ(c[1], "20250904");
  EXPECT_EQ(c[2], "202509");
  EXPECT_EQ(c[3], "2025");
  EXPECT_EQ(c[4], "2025.6767");  // 247th day
  EXPECT_EQ(c[5], "CHNGOV");
  EXPECT_EQ(c[6], "Xi Jinping");
  EXPECT_EQ(c[7], "CHN");   // Actor1CountryCode
  EXPECT_EQ(c[12], "GOV");  // Actor1Type1Code
  EXPECT_EQ(c[15], "IGOUNOMIL");
  EXPECT_EQ(c[17], "");     // no country
  EXPECT_EQ(c[18], "UNO");  // Actor2KnownGroupCode
  EXPECT_EQ(c[22], "IGO");
  EXPECT_EQ(c[23], "MIL");
  EXPECT_EQ(c[26], "0311");
  EXPECT_EQ(c[27], "031");
  EXPECT_EQ(c[28], "03");
  EXPECT_EQ(c[29], "1");
  EXPECT_EQ(c[30], "3.4");
  EXPECT_EQ(c[31], "3");
  EXPECT_EQ(c[35], "0");  // Actor1Geo_Type: none
  EXPECT_EQ(c[51], "4");  // ActionGeo_Type: world city
  EXPECT_EQ(c[52], "Pyongyang");
  EXPECT_EQ(c[53], "KN");  // FIPS of PRK
  EXPECT_EQ(c[56], "39.0392");
  EXPECT_EQ(c[57], "125.7625");
  EXPECT_EQ(c[59], "20250904000000");
  EXPECT_EQ(c[60], "https://example.com/a");

  // Read back: the same event, now from GDELT with the written GLOBALEVENTID.
  store::EventRecord back = ParseOk(std::string_view(out).substr(0, out.size() - 1));
  store::EventRecord expected = e;
  expected.origin = "gdelt";
  expected.origin_id = "42";
  EXPECT_TRUE(SameEvent(back, expected));
}

TEST(Gdelt, KeepsAGdeltEventIdAndCleansCells) {
  store::EventRecord e = ParseOk(Lines("gdelt-v2.CSV")[0]);
  e.id = 7;
  e.source_name = "A\tB\nC";
  std::string out;
  AppendGdeltRow(e, out);
  EXPECT_TRUE(out.starts_with("1100000001\t"));
  store::EventRecord back = ParseOk(std::string_view(out).substr(0, out.size() - 1));
  EXPECT_EQ(back.source_name, "A B C");
  EXPECT_EQ(back.origin_id, "1100000001");
}

// Every fixture row, of every variant, reads back the same after it is written as a GDELT 2.0 row.
TEST(Gdelt, RoundTripsEveryVariant) {
  for (const char* fixture : {"gdelt-v1-historical.tsv", "gdelt-v1-daily.tsv", "gdelt-v2.CSV"}) {
    for (const std::string& line : Lines(fixture)) {
      store::EventRecord first = ParseOk(line);
      std::string out;
      AppendGdeltRow(first, out);
      store::EventRecord second = ParseOk(std::string_view(out).substr(0, out.size() - 1));
      EXPECT_TRUE(SameEvent(first, second)) << fixture << ": " << line;
    }
  }
}

// SplitTabs against the obvious split, on random lines of tabs and letters.
TEST(Fields, SplitTabsAgreesWithAPlainSplit) {
  std::mt19937 random(7);
  std::string_view fields[8];
  for (int round = 0; round < 2000; ++round) {
    std::string line;
    const int length = static_cast<int>(random() % 20);
    for (int i = 0; i < length; ++i)
      line.push_back(random() % 3 == 0 ? '\t' : static_cast<char>('a' + random() % 3));
    std::vector<std::string> expected;
    std::string cell;
    for (char c : line) {
      if (c == '\t') {
        expected.push_back(cell);
        cell.clear();
      } else {
        cell.push_back(c);
      }
    }
    expected.push_back(cell);
    const size_t count = SplitTabs(line, fields, 8);
    if (expected.size() > 8) {
      EXPECT_EQ(count, 9u) << line;
      continue;
    }
    ASSERT_EQ(count, expected.size()) << line;
    for (size_t i = 0; i < count; ++i) EXPECT_EQ(fields[i], expected[i]) << line;
  }
}

TEST(Fields, ParsesNumbersStrictly) {
  int64_t i = 0;
  double d = 0;
  EXPECT_TRUE(ParseInt64("123", i));
  EXPECT_EQ(i, 123);
  EXPECT_TRUE(ParseInt64("-4", i));
  EXPECT_FALSE(ParseInt64("", i));
  EXPECT_FALSE(ParseInt64("12a", i));
  EXPECT_FALSE(ParseInt64(" 12", i));
  EXPECT_FALSE(ParseInt64("99999999999999999999", i));
  EXPECT_TRUE(ParseDouble("-10.0", d));
  EXPECT_EQ(d, -10.0);
  EXPECT_TRUE(ParseDouble("1e2", d));
  EXPECT_EQ(d, 100.0);
  EXPECT_FALSE(ParseDouble("+", d));
  EXPECT_FALSE(ParseDouble("1.5x", d));
  EXPECT_FALSE(ParseDouble("nan", d));
  EXPECT_FALSE(ParseDouble("1e999", d));
  std::string out;
  AppendNumber(39.0392, out);
  out += ' ';
  AppendNumber(-10.0, out);
  out += ' ';
  AppendNumber(0.1 + 0.2, out);
  EXPECT_EQ(out, "39.0392 -10 0.30000000000000004");
}

}  // namespace
}  // namespace dyad::interop
