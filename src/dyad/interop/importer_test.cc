#include "dyad/interop/importer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "dyad/interop/interop_testing.h"
#include "dyad/interop/record_writer.h"
#include "dyad/store/testing.h"

namespace dyad::interop {
namespace {

// An in-memory EventStore that keeps imported events and counts transactions; `fail_after` makes the n-th
// AddImportedEvent fail, as a full disk would.
class FakeStore : public store::UnusedEventStore {
 public:
  Status Begin() override {
    EXPECT_FALSE(open_);
    open_ = true;
    pending_.clear();
    ++begins;
    return Status::Ok();
  }
  Status Commit() override {
    EXPECT_TRUE(open_);
    open_ = false;
    for (auto& [key, event] : pending_) events.emplace(key, std::move(event));
    pending_.clear();
    ++commits;
    return Status::Ok();
  }
  Status BeginBulkLoad() override {
    ++bulk_begins;
    return Status::Ok();
  }
  Status EndBulkLoad() override {
    ++bulk_ends;
    return Status::Ok();
  }
  Status Rollback() override {
    open_ = false;
    pending_.clear();
    ++rollbacks;
    return Status::Ok();
  }
  Result<bool> AddImportedEvent(const store::EventRecord& event) override {
    EXPECT_TRUE(open_) << "an import outside a transaction";
    if (fail_after >= 0 && calls++ >= fail_after) return IoError("disk full");
    auto key = std::make_pair(event.origin, event.origin_id);
    if (events.count(key) > 0 || pending_.count(key) > 0) return false;
    pending_.emplace(key, event);
    order.push_back(event.origin_id);
    return true;
  }
  Status ForEachEvent(const store::EventFilter&,
                      const std::function<bool(const store::EventRecord&)>& visit) override {
    for (const auto& [key, event] : events) {
      if (!visit(event)) break;
    }
    return Status::Ok();
  }
  Result<store::StoreCounts> Counts() override {
    store::StoreCounts counts;
    counts.events = static_cast<int64_t>(events.size());
    return counts;
  }

  std::map<std::pair<std::string, std::string>, store::EventRecord> events;
  int begins = 0, commits = 0, rollbacks = 0;
  int bulk_begins = 0, bulk_ends = 0;
  int fail_after = -1, calls = 0;
  std::vector<std::string> order;  // origin ids in the order they were added

 private:
  bool open_ = false;
  std::map<std::pair<std::string, std::string>, store::EventRecord> pending_;
};

const IcewsCodebook& Codebook() {
  static const IcewsCodebook* const codebook =
      new IcewsCodebook(*IcewsCodebook::Load(DYAD_SOURCE_DIR "/data"));
  return *codebook;
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_importer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  ImportOptions CollectingOptions(int64_t batch = 10000) {
    ImportOptions options;
    options.batch_rows = batch;
    options.on_bad_row = [this](const Status& status) { bad_rows_.push_back(status.message()); };
    return options;
  }

  std::string Zip(const std::string& name, const std::string& member, const std::string& contents) {
    std::string path = (dir_ / name).string();
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(archive, nullptr);
    zip_source_t* source = zip_source_buffer(archive, contents.data(), contents.size(), 0);
    EXPECT_GE(zip_file_add(archive, member.c_str(), source, ZIP_FL_OVERWRITE), 0);
    EXPECT_EQ(zip_close(archive), 0);
    return path;
  }

  std::filesystem::path dir_;
  std::vector<std::string> bad_rows_;
};

TEST_F(ImporterTest, ImportsEveryGdeltVariantOnce) {
  FakeStore store;
  {
    Importer importer(store, nullptr, CollectingOptions());
    for (const char* fixture : {"gdelt-v1-historical.tsv", "gdelt-v1-daily.tsv", "gdelt-v2.CSV"}) {
      ASSERT_TRUE(importer.ImportFile(FixturePath(fixture), ImportFormat::kGdelt).ok());
    }
    ASSERT_TRUE(importer.Flush().ok());
    EXPECT_EQ(importer.stats().rows, 8);
    EXPECT_EQ(importer.stats().added, 8);
    EXPECT_EQ(importer.stats().present, 0);
    EXPECT_EQ(importer.stats().bad, 0);
  }
  EXPECT_EQ(store.events.size(), 8u);
  EXPECT_EQ(store.events.at({"gdelt", "300000002"}).location.country, "PSE");

  Importer again(store, nullptr, CollectingOptions());
  ASSERT_TRUE(again.ImportFile(FixturePath("gdelt-v2.CSV"), ImportFormat::kGdelt).ok());
  ASSERT_TRUE(again.Flush().ok());
  EXPECT_EQ(again.stats().rows, 4);
  EXPECT_EQ(again.stats().added, 0);
  EXPECT_EQ(again.stats().present, 4);
  EXPECT_EQ(store.events.size(), 8u);
}

TEST_F(ImporterTest, ReportsBadRowsWithFileAndLineAndKeepsTheGoodOnes) {
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions());
  const std::string path = FixturePath("gdelt-bad-rows.tsv");
  ASSERT_TRUE(importer.ImportFile(path, ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(importer.stats().rows, 9);
  EXPECT_EQ(importer.stats().added, 2);
  EXPECT_EQ(importer.stats().bad, 7);
  ASSERT_EQ(bad_rows_.size(), 7u);
  EXPECT_EQ(bad_rows_[0], path +
                              ":2: want 57, 58 or 61 tab-separated columns (GDELT 1.0 historical, 1.0 daily, "
                              "2.0), found 40");
  EXPECT_EQ(bad_rows_[1], path + ":3: bad SQLDATE (want YYYYMMDD) '20250231'");
  EXPECT_EQ(bad_rows_[6], path + ":8: bad ActionGeo_Lat 'north'");
  EXPECT_EQ(store.events.count({"gdelt", "1200000001"}), 1u);
  EXPECT_EQ(store.events.count({"gdelt", "1200000009"}), 1u);
}

TEST_F(ImporterTest, SkipsAHeaderAndBlankLines) {
  std::string contents =
      "GLOBALEVENTID\tSQLDATE\tMonthYear\n\n" + ReadFixture("gdelt-v2.CSV") + "\n \r\n\t\t\n";
  std::string path = (dir_ / "with-header.tsv").string();
  std::ofstream(path) << contents;
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions());
  ASSERT_TRUE(importer.ImportFile(path, ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(importer.stats().rows, 5);
  EXPECT_EQ(importer.stats().added, 4);
  ASSERT_EQ(bad_rows_.size(), 1u);  // a line of tabs is a row, with nothing in it
  EXPECT_NE(bad_rows_[0].find("with-header.tsv:9: want 57, 58 or 61"), std::string::npos) << bad_rows_[0];
}

TEST_F(ImporterTest, ReadsAZippedFile) {
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions());
  std::string path = Zip("20250904.export.CSV.zip", "20250904.export.CSV", ReadFixture("gdelt-bad-rows.tsv"));
  ASSERT_TRUE(importer.ImportFile(path, ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(importer.stats().added, 2);
  EXPECT_EQ(importer.stats().bad, 7);
  ASSERT_FALSE(bad_rows_.empty());
  EXPECT_EQ(bad_rows_[1], path + ":3: bad SQLDATE (want YYYYMMDD) '20250231'");
}

TEST_F(ImporterTest, CommitsInBatches) {
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions(3));
  ASSERT_TRUE(importer.ImportFile(FixturePath("gdelt-bad-rows.tsv"), ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(store.begins, 3);  // 9 rows, 3 a transaction
  EXPECT_EQ(store.commits, 3);
  EXPECT_EQ(store.events.size(), 2u);
}

// Rows are parsed on helper threads in blocks of 1,024 lines; what the store sees (order, transactions) and
// what is reported (line numbers) must not show it. Bad rows sit on both sides of block boundaries, and the
// transactions (777 rows) cut blocks in the middle.
TEST_F(ImporterTest, ManyBlocksAreStoredAndReportedInFileOrder) {
  std::string row = ReadFixture("gdelt-v2.CSV");
  row = row.substr(row.find('\t'), row.find('\n') - row.find('\t') + 1);  // a row without its id
  std::string contents;
  std::vector<std::string> want_order;
  std::vector<int> want_bad;
  for (int line = 1; line <= 5000; ++line) {
    if (line == 1024 || line == 1025 || line == 2049 || line == 3000 || line == 5000) {
      contents += "not a row\n";
      want_bad.push_back(line);
    } else if (line % 1000 == 500) {
      contents += "\n";  // blank: no row at all
    } else {
      const std::string id = std::to_string(5000000 + line);
      contents += id + row;
      want_order.push_back(id);
    }
  }
  const std::string path = (dir_ / "many.tsv").string();
  std::ofstream(path) << contents;
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions(777));
  ASSERT_TRUE(importer.ImportFile(path, ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(store.order, want_order);
  EXPECT_EQ(importer.stats().rows, 4995);
  EXPECT_EQ(importer.stats().added, 4990);
  EXPECT_EQ(store.begins, 7);  // ceil(4995 / 777)
  ASSERT_EQ(bad_rows_.size(), want_bad.size());
  for (size_t i = 0; i < want_bad.size(); ++i) {
    EXPECT_EQ(bad_rows_[i].substr(0, bad_rows_[i].find(": ")), fmt::format("{}:{}", path, want_bad[i]));
  }

  FakeStore failing;  // a store failure in the middle stops the reading and the parsing threads
  failing.fail_after = 1500;
  Importer stopped(failing, nullptr, CollectingOptions(400));
  Status status = stopped.ImportFile(path, ImportFormat::kGdelt);
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_TRUE(stopped.store_failed());
  // Three transactions of 400 rows were committed; the third held the bad lines 1024 and 1025.
  EXPECT_EQ(failing.events.size(), 1198u);
  EXPECT_EQ(stopped.stats().added, 1198);
  EXPECT_EQ(failing.rollbacks, 1);
}

// Each file alone is a bulk load of its own; BeginLoad/EndLoad make several files one, so that the store decides
// once on all their rows whether to rebuild its query indexes.
TEST_F(ImporterTest, SeveralFilesCanBeOneLoad) {
  const std::vector<std::string> files = {FixturePath("gdelt-v1-historical.tsv"), FixturePath("gdelt-v1-daily.tsv"),
                                          FixturePath("gdelt-v2.CSV")};
  FakeStore alone;
  {
    Importer importer(alone, nullptr, CollectingOptions());
    for (const std::string& file : files) ASSERT_TRUE(importer.ImportFile(file, ImportFormat::kGdelt).ok());
  }
  EXPECT_EQ(alone.bulk_begins, 3);
  EXPECT_EQ(alone.bulk_ends, 3);

  FakeStore together;
  Importer importer(together, nullptr, CollectingOptions(4));
  ASSERT_TRUE(importer.BeginLoad().ok());
  EXPECT_FALSE(importer.BeginLoad().ok());  // loads do not nest
  for (const std::string& file : files) ASSERT_TRUE(importer.ImportFile(file, ImportFormat::kGdelt).ok());
  EXPECT_EQ(together.bulk_ends, 0);
  ASSERT_TRUE(importer.EndLoad().ok());
  EXPECT_EQ(together.bulk_begins, 1);
  EXPECT_EQ(together.bulk_ends, 1);
  EXPECT_EQ(together.events.size(), alone.events.size());
  EXPECT_EQ(importer.stats().added, static_cast<int64_t>(alone.events.size()));
}

TEST_F(ImporterTest, StopsAndRollsBackOnAStoreFailure) {
  FakeStore store;
  store.fail_after = 5;
  ImportOptions options = CollectingOptions(2);
  Importer importer(store, nullptr, options);
  ASSERT_TRUE(importer.ImportFile(FixturePath("gdelt-v1-historical.tsv"), ImportFormat::kGdelt).ok());
  ASSERT_TRUE(importer.ImportFile(FixturePath("gdelt-v1-daily.tsv"), ImportFormat::kGdelt).ok());
  Status status = importer.ImportFile(FixturePath("gdelt-v2.CSV"), ImportFormat::kGdelt);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_TRUE(importer.store_failed());
  EXPECT_EQ(store.rollbacks, 1);
  EXPECT_TRUE(importer.Flush().ok());
  EXPECT_EQ(store.events.size(), 4u);  // the two committed batches
  EXPECT_EQ(importer.stats().added, 4);
}

TEST_F(ImporterTest, ReportsFilesItCannotRead) {
  FakeStore store;
  Importer importer(store, nullptr, CollectingOptions());
  Status missing = importer.ImportFile((dir_ / "missing.CSV").string(), ImportFormat::kGdelt);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("missing.CSV: cannot open"), std::string::npos);
  EXPECT_FALSE(importer.store_failed());
  Status no_header = Importer(store, &Codebook(), CollectingOptions())
                         .ImportFile(FixturePath("gdelt-v2.CSV"), ImportFormat::kIcews);
  EXPECT_FALSE(no_header.ok());
  EXPECT_NE(no_header.message().find("gdelt-v2.CSV:1: not an ICEWS header row"), std::string::npos);
}

TEST_F(ImporterTest, ImportsIcews) {
  FakeStore store;
  Importer importer(store, &Codebook(), CollectingOptions());
  ASSERT_TRUE(importer.ImportFile(FixturePath("icews.tab"), ImportFormat::kIcews).ok());
  ASSERT_TRUE(importer.ImportFile(FixturePath("icews-bad-rows.tab"), ImportFormat::kIcews).ok());
  ASSERT_TRUE(importer.Flush().ok());
  EXPECT_EQ(importer.stats().rows, 12);
  EXPECT_EQ(importer.stats().added, 5);
  EXPECT_EQ(importer.stats().present, 2);  // the second file's good rows are icews.tab's first two
  EXPECT_EQ(importer.stats().bad, 5);
  ASSERT_EQ(bad_rows_.size(), 5u);
  EXPECT_EQ(bad_rows_[0],
            FixturePath("icews-bad-rows.tab") + ":3: bad Event Date '2014-13-01' (want YYYY-MM-DD)");
  EXPECT_EQ(store.events.at({"icews", "926685:2015-06-01"}).target, "IRNOPP");
}

// Export -> import gives the same events, through the real SQLite store: GDELT rows of every variant written
// as GDELT 2.0 rows, and ICEWS rows written as ICEWS rows.
TEST_F(ImporterTest, RoundTripsThroughSqlite) {
  auto all_events = [](store::EventStore& store) {
    std::vector<store::EventRecord> events;
    EXPECT_TRUE(store
                    .ForEachEvent({},
                                  [&](const store::EventRecord& e) {
                                    events.push_back(e);
                                    return true;
                                  })
                    .ok());
    return events;
  };
  struct Case {
    ImportFormat format;
    ExportFormat export_format;
    std::vector<const char*> fixtures;
  };
  for (const Case& c : {Case{ImportFormat::kGdelt,
                             ExportFormat::kGdelt,
                             {"gdelt-v1-historical.tsv", "gdelt-v1-daily.tsv", "gdelt-v2.CSV"}},
                        Case{ImportFormat::kIcews, ExportFormat::kIcews, {"icews.tab"}}}) {
    const std::string suffix = c.format == ImportFormat::kGdelt ? "gdelt" : "icews";
    Result<std::unique_ptr<store::EventStore>> first =
        store::EventStore::Open((dir_ / (suffix + "1.db")).string());
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    {
      Importer importer(**first, &Codebook(), CollectingOptions());
      for (const char* fixture : c.fixtures)
        ASSERT_TRUE(importer.ImportFile(FixturePath(fixture), c.format).ok());
      ASSERT_TRUE(importer.Flush().ok());
    }
    std::vector<store::EventRecord> before = all_events(**first);
    ASSERT_FALSE(before.empty());
    std::string exported = ExportHeader(c.export_format);
    for (const store::EventRecord& e : before) AppendExportRecord(e, c.export_format, &Codebook(), exported);
    const std::string path = (dir_ / (suffix + ".export")).string();
    std::ofstream(path, std::ios::binary) << exported;

    Result<std::unique_ptr<store::EventStore>> second =
        store::EventStore::Open((dir_ / (suffix + "2.db")).string());
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    {
      Importer importer(**second, &Codebook(), CollectingOptions());
      ASSERT_TRUE(importer.ImportFile(path, c.format).ok());
      ASSERT_TRUE(importer.Flush().ok());
      EXPECT_EQ(importer.stats().added, static_cast<int64_t>(before.size()));
    }
    std::vector<store::EventRecord> after = all_events(**second);
    ASSERT_EQ(after.size(), before.size());
    for (size_t i = 0; i < before.size(); ++i)
      EXPECT_TRUE(SameEvent(before[i], after[i])) << suffix << " " << i;
    EXPECT_TRUE(bad_rows_.empty());
  }
}

}  // namespace
}  // namespace dyad::interop
