#include "dyad/pipeline/ingester.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "dyad/base/files.h"
#include "dyad/dict/testing.h"

namespace dyad::pipeline {
namespace {

const std::string kSamples = DYAD_SOURCE_DIR "/data/samples/articles.jsonl";

class IngesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_ingester_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::EventStore> OpenStore(const std::string& name) {
    auto store = store::EventStore::Open((dir_ / name).string());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(*store);
  }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Every stored event as one line, ids included: two stores with the same lines are the same.
  static std::string Dump(store::EventStore& store) {
    std::string out;
    Status status = store.ForEachEvent({}, [&](const store::EventRecord& e) {
      out += fmt::format("{} {} {} {} {} {} {} {} {} {}\n", e.id, e.date.ToString(), e.source, e.target, e.code,
                         e.num_mentions, e.num_sources, e.num_articles, e.location.name, e.mode);
      return true;
    });
    EXPECT_TRUE(status.ok());
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(IngesterTest, StoresTheSampleNewsAndAddsNothingTheSecondTime) {
  auto store = OpenStore("dyad.db");
  IngestStats first;
  {
    Ingester ingester(dict::BuiltinDictionaryForTests(), *store, {});
    ASSERT_TRUE(ingester.IngestFile(kSamples).ok());
    ASSERT_TRUE(ingester.Flush().ok());
    first = ingester.stats();
  }
  EXPECT_EQ(first.articles, 126);
  EXPECT_EQ(first.added_articles, 126);
  EXPECT_GT(first.new_events, 200);
  EXPECT_GT(first.sentences, 500);
  Result<store::StoreCounts> counts = store->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 126);
  EXPECT_EQ(counts->events, first.new_events);
  EXPECT_GE(counts->mentions, counts->events);
  const std::string before = Dump(*store);

  Ingester again(dict::BuiltinDictionaryForTests(), *store, {});
  ASSERT_TRUE(again.IngestFile(kSamples).ok());
  ASSERT_TRUE(again.Flush().ok());
  EXPECT_EQ(again.stats().added_articles, 0);
  EXPECT_EQ(again.stats().skipped_articles, 126);
  EXPECT_EQ(again.stats().new_events, 0);
  EXPECT_EQ(Dump(*store), before);
  EXPECT_EQ(store->Counts()->mentions, counts->mentions);
}

TEST_F(IngesterTest, TheStoreDoesNotDependOnThreadsOrBatchSize) {
  auto one = OpenStore("one.db");
  auto two = OpenStore("two.db");
  {
    Ingester ingester(dict::BuiltinDictionaryForTests(), *one, {});
    ASSERT_TRUE(ingester.IngestFile(kSamples).ok());
  }
  IngestOptions options;
  options.threads = 2;
  options.batch = 7;
  {
    Ingester ingester(dict::BuiltinDictionaryForTests(), *two, options);
    ASSERT_TRUE(ingester.IngestFile(kSamples).ok());
  }
  EXPECT_EQ(Dump(*one), Dump(*two));
}

TEST_F(IngesterTest, BadRecordsAreReportedWithTheirPlaceAndSkipped) {
  std::string path = Write("news.jsonl",
                           "{\"id\": \"a\", \"date\": \"2026-03-01\", \"text\": \"China and North Korea signed a "
                           "trade agreement in Beijing on Sunday.\"}\n"
                           "{\"id\": \"b\", \"date\": \"2026-13-01\", \"text\": \"Bad date.\"}\n"
                           "not json at all\n"
                           "\n"
                           "{\"id\": \"c\", \"date\": \"2026-03-02\", \"text\": \"Russia and Ukraine exchanged "
                           "prisoners on Monday.\"}\n");
  auto store = OpenStore("dyad.db");
  std::vector<std::string> errors;
  IngestOptions options;
  options.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  Ingester ingester(dict::BuiltinDictionaryForTests(), *store, options);
  ASSERT_TRUE(ingester.IngestFile(path).ok());
  ASSERT_TRUE(ingester.Flush().ok());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("news.jsonl:2"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("news.jsonl:3"), std::string::npos) << errors[1];
  EXPECT_EQ(ingester.stats().bad_records, 2);
  EXPECT_EQ(store->Counts()->articles, 2);
}

TEST_F(IngesterTest, PlainTextNeedsADate) {
  std::string path = Write("note.txt", "North Korea fired a ballistic missile into the sea on Monday.\n");
  auto store = OpenStore("dyad.db");
  std::vector<std::string> errors;
  IngestOptions options;
  options.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  {
    Ingester ingester(dict::BuiltinDictionaryForTests(), *store, options);
    ASSERT_TRUE(ingester.IngestFile(path).ok());
  }
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("note.txt"), std::string::npos);
  options.default_date = *Date::Parse("2026-03-02");
  Ingester ingester(dict::BuiltinDictionaryForTests(), *store, options);
  ASSERT_TRUE(ingester.IngestFile(path).ok());
  ASSERT_TRUE(ingester.Flush().ok());
  EXPECT_EQ(store->Counts()->articles, 1);
  EXPECT_EQ(store->Counts()->events, 1);
}

TEST_F(IngesterTest, AReportInALaterArticleJoinsTheStoredEvent) {
  std::string path =
      Write("two.jsonl",
            "{\"id\": \"a\", \"date\": \"2026-03-01\", \"source\": \"Wire One\", \"text\": \"The United States "
            "imposed new sanctions on North Korea on Sunday.\"}\n"
            "{\"id\": \"b\", \"date\": \"2026-03-01\", \"source\": \"Wire Two\", \"text\": \"The U.S. slapped "
            "new sanctions on North Korea on Sunday, officials said.\"}\n");
  auto store = OpenStore("dyad.db");
  Ingester ingester(dict::BuiltinDictionaryForTests(), *store, {});
  ASSERT_TRUE(ingester.IngestFile(path).ok());
  ASSERT_TRUE(ingester.Flush().ok());
  std::vector<store::EventRecord> events;
  ASSERT_TRUE(store->ForEachEvent({}, [&](const store::EventRecord& e) {
    events.push_back(e);
    return true;
  }).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].num_articles, 2);
  EXPECT_EQ(events[0].num_sources, 2);
  EXPECT_EQ(ingester.stats().merged_events, 1);
}

}  // namespace
}  // namespace dyad::pipeline
