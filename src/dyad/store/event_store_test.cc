// The same tests for both backends: SQLite always; PostgreSQL when DYAD_TEST_POSTGRES_URL names a database
// (scripts/with-postgres starts a throwaway server and sets it; ctest runs this binary under it as
// store_postgres).
#include "dyad/store/event_store.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "dyad/store/sql.h"

namespace dyad::store {
namespace {

const dict::CameoCode kMeet{"040", "Consult", 1.0, 1, "CONSULT", "", true};
const dict::CameoCode kSanction{"163", "Impose embargo", -8.0, 4, "SANCTION", "", false};
const dict::CameoCode kAttack{"190", "Use conventional military force", -10.0, 4, "FIGHT", "", false};

Date D(const char* text) { return *Date::Parse(text); }

coder::Article MakeArticle(std::string id, const char* date, std::string text, std::string url = "",
                           std::string source = "Example Wire") {
  coder::Article a;
  a.id = std::move(id);
  a.date = D(date);
  a.text = std::move(text);
  a.url = std::move(url);
  a.source = std::move(source);
  a.title = "Title of " + a.id;
  return a;
}

coder::Event MakeEvent(const char* source, const char* target, const dict::CameoCode& code, const char* date,
                       uint32_t sentence = 0) {
  coder::Event e;
  e.source = source;
  e.target = target;
  e.cameo = &code;
  e.date = D(date);
  e.sentence = sentence;
  e.evidence = {0, 10};
  e.confidence = 0.9;
  e.source_text = source;
  e.target_text = target;
  e.verb_text = "did";
  e.mentions.push_back({sentence, {0, 10}});
  return e;
}

std::vector<EventRecord> AllEvents(EventStore& store, const EventFilter& filter = {}) {
  std::vector<EventRecord> out;
  Status status = store.ForEachEvent(filter, [&](const EventRecord& e) {
    out.push_back(e);
    return true;
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

class EventStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("DYAD_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') GTEST_SKIP() << "DYAD_TEST_POSTGRES_URL is not set";
      location_ = url;
      // A clean schema for each test.
      Result<std::unique_ptr<SqlConnection>> admin = OpenPostgres(location_);
      ASSERT_TRUE(admin.ok()) << admin.status().ToString();
      ASSERT_TRUE((*admin)->Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;").ok());
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("dyad_store_test_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "dyad.db").string();
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Empties the store (close it first).
  void Wipe() {
    if (GetParam() == "postgresql") {
      Result<std::unique_ptr<SqlConnection>> admin = OpenPostgres(location_);
      ASSERT_TRUE(admin.ok()) << admin.status().ToString();
      ASSERT_TRUE((*admin)->Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;").ok());
    } else {
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
    }
  }

  std::unique_ptr<EventStore> Open(StoreOptions options = {}) {
    Result<std::unique_ptr<EventStore>> store = EventStore::Open(location_, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  std::string location_;
  std::filesystem::path dir_;
};

TEST_P(EventStoreTest, StoresArticleEventsAndMentions) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->backend(), GetParam());
  coder::Article a = MakeArticle("a1", "2026-03-01", "China and North Korea met. They met again.");
  coder::Event meet = MakeEvent("CHN", "PRK", kMeet, "2026-03-01");
  meet.mentions.push_back({1, {27, 42}});
  Result<AddArticleResult> r = store->AddArticle(a, {meet});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->added);
  EXPECT_EQ(r->new_events, 1);
  Result<StoreCounts> counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 1);
  EXPECT_EQ(counts->events, 1);
  EXPECT_EQ(counts->mentions, 2);
  std::vector<EventRecord> events = AllEvents(*store);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].code, "040");
  EXPECT_EQ(events[0].date, D("2026-03-01"));
  EXPECT_EQ(events[0].num_mentions, 2);
  EXPECT_EQ(events[0].num_articles, 1);
  EXPECT_EQ(events[0].num_sources, 1);
  EXPECT_EQ(events[0].origin, "dyad");
  EXPECT_EQ(events[0].quad_class, 1);

  Result<std::optional<ArticleRecord>> stored = store->FindArticle(r->article_id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->text, a.text);
  EXPECT_EQ((*stored)->source, "Example Wire");
  EXPECT_EQ((*stored)->external_id, "a1");
}

TEST_P(EventStoreTest, SameArticleTwiceAddsNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  coder::Article a = MakeArticle("a1", "2026-03-01", "Text one.", "https://example.org/1");
  ASSERT_TRUE(store->AddArticle(a, {MakeEvent("CHN", "PRK", kMeet, "2026-03-01")}).ok());
  // Same URL, other text; same text, other URL and id: both are the article already stored.
  coder::Article same_url = MakeArticle("a2", "2026-03-01", "Text one, updated.", "https://example.org/1");
  coder::Article same_text = MakeArticle("a3", "2026-03-02", "Text one.", "https://mirror.example.net/1");
  for (const coder::Article& again : {a, same_url, same_text}) {
    Result<AddArticleResult> r = store->AddArticle(again, {MakeEvent("CHN", "PRK", kMeet, "2026-03-01")});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->added);
  }
  Result<StoreCounts> counts = store->Counts();
  EXPECT_EQ(counts->articles, 1);
  EXPECT_EQ(counts->events, 1);
  EXPECT_EQ(counts->mentions, 1);
  Result<bool> has = store->HasArticleUrl("https://example.org/1");
  EXPECT_TRUE(has.ok() && *has);
  has = store->HasArticleUrl("https://example.org/2");
  EXPECT_TRUE(has.ok() && !*has);
}

TEST_P(EventStoreTest, ReportsOfOneEventBecomeOneEventWithGdeltCounts) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Begin().ok());
  // Three reports of the same sanctions within a day, two publishers; one report far later is a new event.
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("a", "2026-03-01", "A.", "", "Wire One"),
                               {MakeEvent("USA", "PRK", kSanction, "2026-03-01")})
                  .ok());
  Result<AddArticleResult> b = store->AddArticle(MakeArticle("b", "2026-03-02", "B.", "", "Wire One"),
                                                 {MakeEvent("USA", "PRK", kSanction, "2026-03-02")});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->merged_events, 1);
  coder::Event twice = MakeEvent("USA", "PRK", kSanction, "2026-03-01");
  twice.mentions.push_back({3, {40, 50}});
  ASSERT_TRUE(store->AddArticle(MakeArticle("c", "2026-03-01", "C.", "", "Wire Two"), {twice}).ok());
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("d", "2026-03-20", "D.", "", "Wire Two"),
                               {MakeEvent("USA", "PRK", kSanction, "2026-03-20")})
                  .ok());
  // Other direction, other code: other events.
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("e", "2026-03-01", "E.", "", "Wire Two"),
                               {MakeEvent("PRK", "USA", kSanction, "2026-03-01"),
                                MakeEvent("USA", "PRK", kAttack, "2026-03-01")})
                  .ok());
  ASSERT_TRUE(store->Commit().ok());

  EventFilter filter;
  filter.source = "USA";
  filter.target = "PRK";
  filter.code = "163";
  std::vector<EventRecord> events = AllEvents(*store, filter);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].date, D("2026-03-01"));
  EXPECT_EQ(events[0].num_mentions, 4);
  EXPECT_EQ(events[0].num_articles, 3);
  EXPECT_EQ(events[0].num_sources, 2);
  EXPECT_EQ(events[1].date, D("2026-03-20"));
  EXPECT_EQ(events[1].num_articles, 1);
  EXPECT_EQ(store->Counts()->events, 4);
}

TEST_P(EventStoreTest, DeduplicationWindowIsConfigurable) {
  StoreOptions options;
  options.dedup_window_days = -1;
  auto store = Open(options);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(
      store->AddArticle(MakeArticle("a", "2026-03-01", "A."), {MakeEvent("USA", "PRK", kMeet, "2026-03-01")})
          .ok());
  ASSERT_TRUE(
      store->AddArticle(MakeArticle("b", "2026-03-01", "B."), {MakeEvent("USA", "PRK", kMeet, "2026-03-01")})
          .ok());
  EXPECT_EQ(store->Counts()->events, 2);
}

TEST_P(EventStoreTest, RolledBackArticleLeavesNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(
      store->AddArticle(MakeArticle("a", "2026-03-01", "A."), {MakeEvent("USA", "PRK", kMeet, "2026-03-01")})
          .ok());
  ASSERT_TRUE(store->Rollback().ok());
  Result<StoreCounts> counts = store->Counts();
  EXPECT_EQ(counts->articles, 0);
  EXPECT_EQ(counts->events, 0);
  EXPECT_EQ(counts->sources, 0);
  // The publisher cache was cleared with the rollback: storing again works.
  ASSERT_TRUE(
      store->AddArticle(MakeArticle("a", "2026-03-01", "A."), {MakeEvent("USA", "PRK", kMeet, "2026-03-01")})
          .ok());
  EXPECT_EQ(store->Counts()->articles, 1);
}

TEST_P(EventStoreTest, ImportedEventsAreIdempotentOnTheirOriginId) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EventRecord e;
  e.date = D("2025-08-01");
  e.source = "RUSGOV";
  e.target = "PRK";
  e.code = "0311";
  e.goldstein = 5.2;
  e.quad_class = 1;
  e.origin = "gdelt";
  e.origin_id = "1234567890";
  e.num_mentions = 12;
  e.location = {"Pyongyang", "PRK", 39.03, 125.75};
  Result<bool> added = store->AddImportedEvent(e);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(*added);
  added = store->AddImportedEvent(e);
  ASSERT_TRUE(added.ok());
  EXPECT_FALSE(*added);
  e.origin = "icews";  // the same number from another dataset is another event
  EXPECT_TRUE(*store->AddImportedEvent(e));
  EventFilter filter;
  filter.origin = "gdelt";
  std::vector<EventRecord> events = AllEvents(*store, filter);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].origin_id, "1234567890");
  EXPECT_EQ(events[0].num_mentions, 12);
  EXPECT_DOUBLE_EQ(events[0].goldstein, 5.2);
  EXPECT_EQ(events[0].location.name, "Pyongyang");
  EXPECT_DOUBLE_EQ(events[0].location.latitude, 39.03);
}

// Runs of imported events (many rows per statement) store what one-by-one AddImportedEvent stores: the same
// rows, in the same order, the repeats within a run and across runs skipped, and the count of rows added.
TEST_P(EventStoreTest, RunsOfImportedEventsStoreWhatOneByOneStores) {
  std::vector<EventRecord> rows;
  for (int i = 0; i < 300; ++i) {
    EventRecord e;
    e.date = D("2025-08-01").AddDays(i % 40);
    e.source = i % 3 == 0 ? "RUSGOV" : "USA";
    e.target = i % 7 == 0 ? "" : "PRK";
    e.code = i % 2 == 0 ? "0311" : "190";
    e.goldstein = i % 2 == 0 ? 5.2 : -10;
    e.quad_class = i % 2 == 0 ? 1 : 4;
    e.origin = "gdelt";
    e.origin_id = std::to_string(1000 + (i % 250));  // rows 250 and on repeat earlier ones
    e.num_mentions = i;
    if (i % 5 != 0) e.location = {"Pyongyang", "PRK", 39.03, 125.75 + i};
    e.url = fmt::format("https://example.com/{}", i);
    rows.push_back(e);
  }
  auto one_by_one = Open();
  ASSERT_NE(one_by_one, nullptr);
  int64_t added_one_by_one = 0;
  ASSERT_TRUE(one_by_one->Begin().ok());
  for (const EventRecord& e : rows) added_one_by_one += *one_by_one->AddImportedEvent(e) ? 1 : 0;
  ASSERT_TRUE(one_by_one->Commit().ok());
  std::vector<EventRecord> expected = AllEvents(*one_by_one);
  one_by_one.reset();
  Wipe();

  auto runs = Open();
  ASSERT_NE(runs, nullptr);
  ASSERT_TRUE(runs->Begin().ok());
  int64_t added = 0;
  for (size_t begin = 0; begin < rows.size(); begin += 130) {  // two full statements of 64 and a tail each
    Result<int64_t> run =
        runs->AddImportedEvents(std::span(rows).subspan(begin, std::min<size_t>(130, rows.size() - begin)));
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    added += *run;
  }
  ASSERT_TRUE(runs->Commit().ok());
  EXPECT_EQ(added, 250);
  EXPECT_EQ(added, added_one_by_one);
  Result<int64_t> again = runs->AddImportedEvents(rows);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  std::vector<EventRecord> got = AllEvents(*runs);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].id, expected[i].id);
    EXPECT_EQ(got[i].origin_id, expected[i].origin_id);
    EXPECT_EQ(got[i].date, expected[i].date);
    EXPECT_EQ(got[i].source, expected[i].source);
    EXPECT_EQ(got[i].target, expected[i].target);
    EXPECT_EQ(got[i].code, expected[i].code);
    EXPECT_EQ(got[i].num_mentions, expected[i].num_mentions);
    EXPECT_EQ(got[i].location.name, expected[i].location.name);
    EXPECT_DOUBLE_EQ(got[i].location.longitude, expected[i].location.longitude);
    EXPECT_EQ(got[i].url, expected[i].url);
  }
}

// A bulk load drops the query indexes only once it is large next to the store, and builds them again at its end;
// a small one (a 15-minute GDELT update into a store of years) keeps them, so that it costs what its rows cost.
TEST_P(EventStoreTest, OnlyALargeBulkLoadDropsAndRebuildsTheQueryIndexes) {
  StoreOptions options;
  options.bulk_load_min_rows = 100;
  auto store = Open(options);
  ASSERT_NE(store, nullptr);
  auto has_index = [&](const char* name) {
    Result<std::unique_ptr<SqlConnection>> db =
        GetParam() == "postgresql" ? OpenPostgres(location_) : OpenSqlite(location_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return false;
    Result<std::unique_ptr<SqlStatement>> s = (*db)->Prepare(
        GetParam() == "postgresql" ? "SELECT count(*) FROM pg_indexes WHERE indexname = $1"
                                   : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = $1");
    EXPECT_TRUE(s.ok());
    (*s)->BindText(1, name);
    EXPECT_TRUE(*(*s)->Step());
    return (*s)->Int(0) == 1;
  };
  int next_id = 0;
  auto rows = [&](int n) {
    std::vector<EventRecord> out(n);
    for (EventRecord& e : out) {
      e.date = D("2025-08-01").AddDays(next_id % 30);
      e.source = next_id % 2 == 0 ? "USA" : "CHN";
      e.target = "PRK";
      e.code = "0311";
      e.quad_class = 1;
      e.origin = "gdelt";
      e.origin_id = std::to_string(++next_id);
    }
    return out;
  };
  auto load = [&](int n) {
    ASSERT_TRUE(store->Begin().ok());
    Result<int64_t> added = store->AddImportedEvents(rows(n));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    EXPECT_EQ(*added, n);
    ASSERT_TRUE(store->Commit().ok());
  };
  load(600);  // outside a bulk load
  ASSERT_TRUE(store->BeginBulkLoad().ok());
  load(120);  // above the minimum, below a quarter of the 600 stored
  EXPECT_TRUE(has_index("events_dyad"));
  load(40);   // 160 rows: a quarter of 600 is 150
  EXPECT_FALSE(has_index("events_dyad"));
  EXPECT_FALSE(has_index("events_target"));
  EXPECT_FALSE(has_index("events_date"));
  EXPECT_TRUE(has_index("events_origin"));  // idempotence keeps its index
  ASSERT_TRUE(store->EndBulkLoad().ok());
  for (const char* name : {"events_dyad", "events_target", "events_date"}) EXPECT_TRUE(has_index(name)) << name;

  ASSERT_TRUE(store->BeginBulkLoad().ok());  // 760 stored now: a quarter is 190
  load(150);
  ASSERT_TRUE(store->EndBulkLoad().ok());
  EXPECT_TRUE(has_index("events_dyad"));
  EventFilter usa;
  usa.source = "USA";
  EXPECT_EQ(AllEvents(*store, usa).size(), 455u);
}

TEST_P(EventStoreTest, FiltersSelectByActorDyadCodeDateAndText) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("a", "2026-01-05", "Beijing hosted talks on the peninsula."),
                               {MakeEvent("CHNGOV", "PRKGOV", kMeet, "2026-01-05")})
                  .ok());
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("b", "2026-02-10", "Washington extended sanctions on Pyongyang."),
                               {MakeEvent("USA", "PRK", kSanction, "2026-02-10")})
                  .ok());
  ASSERT_TRUE(store
                  ->AddArticle(MakeArticle("c", "2026-03-15", "Shelling near the border."),
                               {MakeEvent("RUSMIL", "UKR", kAttack, "2026-03-15"),
                                MakeEvent("PRKGOV", "CHNGOV", kMeet, "2026-03-15")})
                  .ok());
  ASSERT_TRUE(store->Commit().ok());

  auto count = [&](EventFilter f) { return AllEvents(*store, f).size(); };
  EXPECT_EQ(count({}), 4u);
  EventFilter f;
  f.actor = "PRK";
  EXPECT_EQ(count(f), 3u);
  f = {};
  f.source = "CHN";
  f.target = "PRK";
  EXPECT_EQ(count(f), 1u);
  f.either_direction = true;
  EXPECT_EQ(count(f), 2u);
  f = {};
  f.code = "19";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.from = D("2026-02-01");
  f.to = D("2026-02-28");
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.text = "sanctions";
  std::vector<EventRecord> found = AllEvents(*store, f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "163");
  f = {};
  f.limit = 2;
  EXPECT_EQ(count(f), 2u);
  // Visiting stops when asked.
  int seen = 0;
  ASSERT_TRUE(store->ForEachEvent({}, [&](const EventRecord&) { return ++seen < 3; }).ok());
  EXPECT_EQ(seen, 3);

  // Keyset paging: pages of two, each after the last id of the one before, give every event once, in order.
  const std::vector<EventRecord> all = AllEvents(*store);
  std::vector<int64_t> paged;
  f = {};
  f.limit = 2;
  for (int page = 0; page < 100; ++page) {
    std::vector<EventRecord> events = AllEvents(*store, f);
    for (const EventRecord& e : events) paged.push_back(e.id);
    if (events.size() < 2) break;
    f.after_id = events.back().id;
  }
  std::vector<int64_t> expected;
  for (const EventRecord& e : all) expected.push_back(e.id);
  EXPECT_EQ(paged, expected);
  f = {};
  f.after_id = 987654;  // no such event: nothing follows it
  EXPECT_EQ(count(f), 0u);

  // The aggregates' version: 0 before the first refresh, the last event id after it.
  Result<int64_t> before = store->AggregatedThrough();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(*before, 0);
  ASSERT_TRUE(store->RefreshAggregates().ok());
  Result<int64_t> after = store->AggregatedThrough();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, expected.empty() ? 0 : *std::max_element(expected.begin(), expected.end()));
}

TEST_P(EventStoreTest, FeedStateRoundTrips) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Result<std::optional<FeedState>> missing = store->LoadFeedState("http://127.0.0.1/feed.xml");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  FeedState f{
      "http://127.0.0.1/feed.xml", "\"abc\"", "Tue, 03 Mar 2026 10:00:00 GMT", 100, 400, 2, "HTTP 500"};
  ASSERT_TRUE(store->SaveFeedState(f).ok());
  f.failures = 0;
  f.last_error.clear();
  ASSERT_TRUE(store->SaveFeedState(f).ok());
  Result<std::optional<FeedState>> loaded = store->LoadFeedState(f.url);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->etag, "\"abc\"");
  EXPECT_EQ((*loaded)->next_poll, 400);
  EXPECT_EQ((*loaded)->failures, 0);
}

TEST_P(EventStoreTest, ReopeningKeepsDataAndSchema) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(
        store
            ->AddArticle(MakeArticle("a", "2026-03-01", "A."), {MakeEvent("USA", "PRK", kMeet, "2026-03-01")})
            .ok());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Counts()->events, 1);
}

TEST_P(EventStoreTest, RefusesAStoreFromANewerDyad) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
  }
  Result<std::unique_ptr<SqlConnection>> db =
      IsPostgresLocation(location_) ? OpenPostgres(location_) : OpenSqlite(location_);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Execute("INSERT INTO schema_version (version) VALUES (999)").ok());
  Result<std::unique_ptr<EventStore>> store = EventStore::Open(location_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer"), std::string::npos);
}

TEST(PrincipalOf, CountryOrganisationOrSector) {
  EXPECT_EQ(PrincipalOf("PRKGOV"), "PRK");
  EXPECT_EQ(PrincipalOf("PRK"), "PRK");
  EXPECT_EQ(PrincipalOf("IGOUNO"), "IGOUNO");
  EXPECT_EQ(PrincipalOf("IGOUNOKIO"), "IGOUNO");
  EXPECT_EQ(PrincipalOf("NGOAMN"), "NGOAMN");
  EXPECT_EQ(PrincipalOf("COP"), "COP");
  EXPECT_TRUE(IsPrincipal("CHN"));
  EXPECT_FALSE(IsPrincipal("CHNGOV"));
  EXPECT_FALSE(IsPrincipal(""));
}

// The daily aggregates count asserted events by day, QuadClass and pair of principals, incrementally.
TEST_P(EventStoreTest, AggregatesCountAssertedEventsIncrementally) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  int next_id = 1;
  auto add = [&](const char* source, const char* target, const char* date, int quad, double goldstein,
                 const char* mode = "asserted") {
    EventRecord e;
    e.date = D(date);
    e.source = source;
    e.target = target;
    e.code = quad <= 2 ? "040" : "190";
    e.goldstein = goldstein;
    e.quad_class = quad;
    e.mode = mode;
    e.origin = "gdelt";
    e.origin_id = std::to_string(next_id++);
    ASSERT_TRUE(*store->AddImportedEvent(e));
  };
  add("CHNGOV", "PRK", "2025-09-01", 1, 1.0);
  add("CHN", "PRKGOV", "2025-09-01", 1, 3.0);
  add("CHN", "PRK", "2025-09-01", 4, -10.0);
  add("CHN", "PRK", "2025-09-02", 1, 1.0, "future");  // not counted: it has not happened
  add("PRK", "CHN", "2025-09-02", 2, 7.0);
  add("IGOUNOKIO", "PRK", "2025-09-03", 3, -4.0);
  add("RUS", "", "2025-09-03", 3, -2.0);  // no target: volume only
  ASSERT_TRUE(store->RefreshAggregates().ok());

  auto rows = [&](const AggregateFilter& filter) {
    std::vector<std::string> out;
    Status status = store->ForEachDailyCount(filter, [&](const DailyCount& c) {
      out.push_back(fmt::format("{} {} {} q{} g{}", c.source, c.target, c.day.ToString(),
                                fmt::join(c.quad, ","), c.goldstein_sum));
      return true;
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
  };
  AggregateFilter chn_prk;
  chn_prk.sources = {"CHN"};
  chn_prk.targets = {"PRK"};
  EXPECT_EQ(rows(chn_prk), (std::vector<std::string>{"CHN PRK 2025-09-01 q2,0,0,1 g-6"}));
  chn_prk.either_direction = true;
  EXPECT_EQ(rows(chn_prk).size(), 2u);
  AggregateFilter any;
  EXPECT_EQ(rows(any).size(), 3u);  // the IGOUNO row included
  std::vector<std::string> volume;
  ASSERT_TRUE(store
                  ->ForEachDailyVolume(std::nullopt, std::nullopt,
                                       [&](Date d, int64_t n) {
                                         volume.push_back(fmt::format("{} {}", d.ToString(), n));
                                         return true;
                                       })
                  .ok());
  EXPECT_EQ(volume, (std::vector<std::string>{"2025-09-01 3", "2025-09-02 1", "2025-09-03 2"}));

  // A second refresh with nothing new changes nothing; new events are added to the existing rows.
  ASSERT_TRUE(store->RefreshAggregates().ok());
  add("CHN", "PRK", "2025-09-01", 1, 2.0);
  ASSERT_TRUE(store->RefreshAggregates().ok());
  chn_prk.either_direction = false;
  chn_prk.from = D("2025-09-01");
  chn_prk.to = D("2025-09-01");
  EXPECT_EQ(rows(chn_prk), (std::vector<std::string>{"CHN PRK 2025-09-01 q3,0,0,1 g-4"}));
}

TEST_P(EventStoreTest, MentionsAreFoundByEventAndByArticle) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  coder::Article article = MakeArticle("wire-7", "2025-09-03", "Xi met Kim. Kim praised Xi.");
  Result<AddArticleResult> added =
      store->AddArticle(article, {MakeEvent("CHNGOV", "PRKGOV", kMeet, "2025-09-03", 0),
                                  MakeEvent("PRKGOV", "CHNGOV", kAttack, "2025-09-03", 1)});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  Result<int64_t> id = store->FindArticleByExternalId("wire-7");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, added->article_id);
  EXPECT_EQ(*store->FindArticleByExternalId("nope"), 0);
  std::vector<MentionRecord> mentions;
  MentionFilter by_article;
  by_article.article_id = added->article_id;
  ASSERT_TRUE(store
                  ->ForEachMention(by_article,
                                   [&](const MentionRecord& m) {
                                     mentions.push_back(m);
                                     return true;
                                   })
                  .ok());
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].sentence, 0);
  EXPECT_EQ(mentions[1].sentence, 1);
  EXPECT_EQ(mentions[0].source_text, "CHNGOV");
  MentionFilter by_event;
  by_event.event_id = mentions[1].event_id;
  int n = 0;
  ASSERT_TRUE(store
                  ->ForEachMention(by_event,
                                   [&](const MentionRecord& m) {
                                     EXPECT_EQ(m.article_id, added->article_id);
                                     EXPECT_EQ(m.sentence, 1);
                                     ++n;
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(n, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(EventStoreOpen, NamesTheLocationWhenItCannotOpen) {
  Result<std::unique_ptr<EventStore>> store = EventStore::Open("/nonexistent-dir/sub/dyad.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("/nonexistent-dir/sub/dyad.db"), std::string::npos);
  store = EventStore::Open("postgresql://127.0.0.1:1/nothing?connect_timeout=2");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("PostgreSQL"), std::string::npos);
}

}  // namespace
}  // namespace dyad::store

namespace dyad::store {
namespace {

// The aggregates summed in C++ (RefreshAggregates) against the SQL twin (RefreshAggregatesInSql), on two
// SQLite stores given the same random events in two rounds, so that the second round updates rows the first
// made; the C++ one reads the events in chunks of 97 ids, so that rows of one key are summed in several chunks.
TEST(AggregatesTwin, SummingInCodeMatchesTheSqlStatements) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / fmt::format("dyad_aggregates_twin_{}", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string fast = (dir / "fast.db").string(), twin = (dir / "twin.db").string();
  const char* actors[] = {"CHN",    "CHNGOV",    "PRK",    "PRKMIL", "USA",
                          "IGOUNO", "IGOUNOKIO", "NGOAMN", "COP",    ""};
  const char* modes[] = {"asserted", "asserted", "asserted", "future", "hypothetical"};
  uint64_t seed = 12345;
  auto next = [&](uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  int id = 0;
  auto add_round = [&](int events) {
    std::vector<EventRecord> batch;
    for (int i = 0; i < events; ++i) {
      EventRecord e;
      e.date = D("2025-12-20").AddDays(static_cast<int32_t>(next(40)));
      e.source = actors[next(10)];
      e.target = actors[next(10)];
      e.quad_class = static_cast<int>(next(5));  // 0 never counts in the dyad tables
      e.code = e.quad_class <= 2 ? "040" : "190";
      e.goldstein = static_cast<double>(next(200)) / 10.0 - 10.0;
      e.mode = modes[next(5)];
      e.origin = "gdelt";
      e.origin_id = std::to_string(++id);
      batch.push_back(std::move(e));
    }
    for (const std::string& path : {fast, twin}) {
      Result<std::unique_ptr<EventStore>> store = EventStore::Open(path);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      for (const EventRecord& e : batch) ASSERT_TRUE((*store)->AddImportedEvent(e).ok());
    }
    {  // in chunks of 97 ids, so that rows of one key are summed in several chunks
      Result<std::unique_ptr<SqlConnection>> db = OpenSqlite(fast);
      ASSERT_TRUE(db.ok());
      Status refreshed = RefreshAggregates(**db, "BEGIN IMMEDIATE", 97);
      ASSERT_TRUE(refreshed.ok()) << refreshed.ToString();
    }
    Result<std::unique_ptr<SqlConnection>> db = OpenSqlite(twin);
    ASSERT_TRUE(db.ok());
    Status refreshed = RefreshAggregatesInSql(**db, "BEGIN IMMEDIATE");
    ASSERT_TRUE(refreshed.ok()) << refreshed.ToString();
  };
  auto dump = [](const std::string& path) {
    Result<std::unique_ptr<SqlConnection>> db = OpenSqlite(path);
    EXPECT_TRUE(db.ok());
    std::vector<std::string> rows;
    for (const char* sql :
         {"SELECT 'd', source, target, day, verbal_cooperation, material_cooperation, verbal_conflict, "
          "material_conflict, goldstein_sum FROM dyad_daily ORDER BY source, target, day",
          "SELECT 'w', source, target, week, verbal_cooperation, material_cooperation, verbal_conflict, "
          "material_conflict, goldstein_sum FROM dyad_weekly ORDER BY source, target, week",
          "SELECT 'v', '', '', day, events, 0, 0, 0, 0 FROM volume_daily ORDER BY day"}) {
      Result<std::unique_ptr<SqlStatement>> s = (*db)->Prepare(sql);
      EXPECT_TRUE(s.ok());
      while (*(*s)->Step()) {
        rows.push_back(fmt::format("{} {} {} {} {} {} {} {} {:.6f}", (*s)->Text(0), (*s)->Text(1),
                                   (*s)->Text(2), (*s)->Int(3), (*s)->Int(4), (*s)->Int(5), (*s)->Int(6),
                                   (*s)->Int(7), (*s)->Double(8)));
      }
    }
    return rows;
  };
  add_round(1500);
  add_round(1500);
  const std::vector<std::string> got = dump(fast), want = dump(twin);
  EXPECT_GT(want.size(), 100u);
  EXPECT_EQ(got, want);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dyad::store
