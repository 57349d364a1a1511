#include "dyad/ingest/feed_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "dyad/base/files.h"

namespace dyad::ingest {
namespace {

Result<Feed> ReadFixture(const std::string& name) {
  Result<std::string> xml = ReadFile(DYAD_SOURCE_DIR "/tests/ingest/feeds/" + name);
  if (!xml.ok()) return xml.status();
  return ReadFeed(*xml, name);
}

std::string DateOf(const FeedItem& item) { return item.date ? item.date->ToString() : "none"; }

TEST(FeedReader, ReadsRss2) {
  Result<Feed> feed = ReadFixture("rss2.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "The Meridian Ledger - World");
  EXPECT_TRUE(feed->problems.empty());
  ASSERT_EQ(feed->items.size(), 4u);

  const FeedItem& first = feed->items[0];
  EXPECT_EQ(first.title, "Ministers agree to resume grain corridor talks");
  EXPECT_EQ(first.link, "https://www.meridianledger.example/world/2026/03/04/grain-corridor-talks");
  EXPECT_EQ(first.guid, "ledger-2026-0412");
  EXPECT_EQ(first.summary,
            "Foreign ministers agreed on Wednesday to resume talks on a Black Sea grain corridor.");
  EXPECT_EQ(DateOf(first), "2026-03-04");

  const FeedItem& second = feed->items[1];
  EXPECT_EQ(second.link, "https://www.meridianledger.example/world/2026/03/03/storm-ports");
  EXPECT_EQ(second.guid, second.link);
  EXPECT_EQ(second.summary, "Harbour masters ordered ships to stay at anchor until the wind drops.");
  EXPECT_EQ(DateOf(second), "2026-03-03");  // the day as written, not UTC's

  // A permalink guid stands in for the missing link; a two-digit year without a weekday is read.
  EXPECT_EQ(feed->items[2].link, "https://www.meridianledger.example/business/2026/03/02/rates");
  EXPECT_EQ(DateOf(feed->items[2]), "2026-03-02");
  EXPECT_EQ(DateOf(feed->items[3]), "2026-03-01");  // dc:date
}

TEST(FeedReader, ReadsAtom) {
  Result<Feed> feed = ReadFixture("atom.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Harbour Times: Fisheries");
  for (const Status& problem : feed->problems) ADD_FAILURE() << problem.ToString();
  ASSERT_EQ(feed->items.size(), 3u);

  const FeedItem& first = feed->items[0];
  EXPECT_EQ(first.title, "Coastal states sign fisheries accord");
  EXPECT_EQ(first.link, "https://harbourtimes.example/news/fisheries-accord");
  EXPECT_EQ(first.guid, "tag:harbourtimes.example,2026:story-123");
  EXPECT_EQ(first.summary, "Norway and Iceland signed an agreement to share mackerel quotas.");
  EXPECT_EQ(DateOf(first), "2026-02-27");  // published, not updated

  const FeedItem& second = feed->items[1];
  EXPECT_EQ(second.title, "Ferry timetable & fares change for spring");
  EXPECT_EQ(second.link, "https://harbourtimes.example/news/ferry-timetable");  // not the enclosure
  EXPECT_EQ(second.summary, "Ferries will run every hour.\n\nFares rise by five percent.");
  EXPECT_EQ(DateOf(second), "2026-02-26");  // updated, when there is no published

  // type="text" is not markup, whatever it looks like.
  EXPECT_EQ(feed->items[2].summary, "A keeper has been found after a search <of> two years.");
  EXPECT_EQ(DateOf(feed->items[2]), "2026-02-25");
}

TEST(FeedReader, StripsEscapedAndCdataHtml) {
  Result<Feed> feed = ReadFixture("escaped_html.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Valley Post & Region");
  ASSERT_EQ(feed->items.size(), 3u);
  EXPECT_EQ(feed->items[0].title, "Border crossing to reopen \u2013 trucks first");
  EXPECT_EQ(feed->items[0].summary,
            "Austria and Hungary will reopen the crossing on Monday.\n\nTrucks go first.");
  EXPECT_EQ(feed->items[1].title, "Police run joint checks");
  EXPECT_EQ(feed->items[1].summary, "Police from both countries will run joint checks.\n\nContinue reading");
  EXPECT_EQ(DateOf(feed->items[1]), "2026-01-16");
  EXPECT_EQ(feed->items[2].summary, "The last lane was finished on Saturday.");  // content:encoded
}

TEST(FeedReader, ReadsRss1) {
  Result<Feed> feed = ReadFixture("rdf.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Archive Wire");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].summary, "The vote passed by a wide margin.");
  EXPECT_EQ(DateOf(feed->items[0]), "2026-02-20");
  EXPECT_EQ(feed->items[1].link, "https://archive.example/2026/02/21/envoy");  // from rdf:about
  EXPECT_EQ(DateOf(feed->items[1]), "2026-02-21");
}

TEST(FeedReader, SkipsAnItemWithoutALinkAndSaysWhich) {
  Result<Feed> feed = ReadFixture("missing_link.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[1].link, "https://dailycompass.example/world/3");
  EXPECT_EQ(DateOf(feed->items[1]), "none");  // an unreadable date is no date, not a skipped item
  ASSERT_EQ(feed->problems.size(), 1u);
  EXPECT_EQ(feed->problems[0].message(),
            "missing_link.xml: item 2 (\"Aid convoy reaches the northern province\"): no link; skipped");
}

TEST(FeedReader, NamesThePlaceOfAnXmlError) {
  Result<Feed> feed = ReadFixture("malformed.xml");
  ASSERT_FALSE(feed.ok());
  EXPECT_TRUE(feed.status().message().starts_with("malformed.xml: not well-formed XML at line 8 (byte "))
      << feed.status().message();

  struct Bad {
    std::string_view xml;
    std::string_view message;
  } cases[] = {
      {"", "feed.xml: not well-formed XML at line 1 (byte 0): No document element found"},
      {"just text", "feed.xml: not well-formed XML at line 1 (byte 9): No document element found"},
      {"<?xml version=\"1.0\"?>\n<html><body>a page</body></html>",
       "feed.xml: not an RSS or Atom feed: the root element is <html> (byte 23)"},
      {"<rss version=\"2.0\"><title>x</title></rss>", "feed.xml: <rss> has no <channel>"},
  };
  for (const Bad& bad : cases) {
    Result<Feed> result = ReadFeed(bad.xml, "feed.xml");
    ASSERT_FALSE(result.ok()) << bad.xml;
    EXPECT_TRUE(result.status().message().starts_with(bad.message)) << result.status().message();
  }
}

TEST(FeedReader, SurvivesHostileInput) {
  std::mt19937 random(11);
  std::string junk(64 * 1024, '\0');
  for (char& c : junk) c = char(random());
  EXPECT_FALSE(ReadFeed(junk, "junk").ok());

  std::string deep = "<rss><channel><item><link>https://x.example/</link><description>";
  for (int i = 0; i < 10000; ++i) deep += "&lt;div&gt;";
  deep += "bottom</description><title>";
  for (int i = 0; i < 10000; ++i) deep += "<t>";
  for (int i = 0; i < 10000; ++i) deep += "</t>";
  deep += "</title></item></channel></rss>";
  Result<Feed> feed = ReadFeed(deep, "deep");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].summary, "bottom");

  std::string undeclared = "<rss><channel><title>Caf\xE9</title></channel></rss>";
  feed = ReadFeed(undeclared, "cp1252");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Caf\uFFFD");
  feed = ReadFeed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + undeclared, "latin1");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Caf\u00E9");
}

}  // namespace
}  // namespace dyad::ingest
