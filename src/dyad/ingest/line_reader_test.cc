#include "dyad/ingest/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace dyad::ingest {
namespace {

class LineReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_line_reader_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // A zip archive holding `members` (name, contents), made with libzip.
  std::string WriteZip(const std::string& name,
                       const std::vector<std::pair<std::string, std::string>>& members) {
    std::string path = (dir_ / name).string();
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(archive, nullptr);
    for (const auto& [member, contents] : members) {
      zip_source_t* source = zip_source_buffer(archive, contents.data(), contents.size(), 0);
      EXPECT_GE(zip_file_add(archive, member.c_str(), source, ZIP_FL_OVERWRITE), 0);
    }
    EXPECT_EQ(zip_close(archive), 0);
    return path;
  }

  static std::vector<std::string> ReadAll(LineReader& reader) {
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.Next(line)) lines.emplace_back(line);
    EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
    return lines;
  }

  std::filesystem::path dir_;
};

TEST_F(LineReaderTest, ReadsPlainLines) {
  Result<LineReader> reader = LineReader::Open(Write("a.tsv", "one\r\ntwo\n\nthree"));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(ReadAll(*reader), (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_EQ(reader->line_number(), 4);
  EXPECT_TRUE(reader->path().ends_with("a.tsv"));
}

TEST_F(LineReaderTest, ReadsShortFilesThatLookLikeNothing) {
  Result<LineReader> empty = LineReader::Open(Write("empty.tsv", ""));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(ReadAll(*empty).empty());
  Result<LineReader> tiny = LineReader::Open(Write("tiny.tsv", "PK"));
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(ReadAll(*tiny), std::vector<std::string>{"PK"});
}

// Lines longer than the reader's 1 MiB chunk, and lines across chunk boundaries.
TEST_F(LineReaderTest, ReadsLinesAcrossChunks) {
  std::string contents;
  std::vector<std::string> expected;
  for (int i = 0; i < 5000; ++i) {
    expected.push_back(std::string(static_cast<size_t>(i * 37 % 1000), static_cast<char>('a' + i % 26)));
    contents += expected.back() + "\n";
  }
  expected.push_back(std::string(3 << 20, 'x'));
  contents += expected.back() + "\n";
  Result<LineReader> reader = LineReader::Open(Write("big.tsv", contents));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadAll(*reader), expected);
}

TEST_F(LineReaderTest, ReadsTheOneFileOfAZipArchive) {
  std::string rows;
  for (int i = 0; i < 100000; ++i) rows += "row " + std::to_string(i) + "\n";
  Result<LineReader> reader = LineReader::Open(
      WriteZip("20250904.export.CSV.zip", {{"__MACOSX/._x", "junk"}, {"20250904.export.CSV", rows}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<std::string> lines = ReadAll(*reader);
  ASSERT_EQ(lines.size(), 100000u);
  EXPECT_EQ(lines[0], "row 0");
  EXPECT_EQ(lines[99999], "row 99999");
  EXPECT_TRUE(reader->path().ends_with("20250904.export.CSV.zip"));

  // The same archive held in memory (as standard input is read).
  std::ifstream in(dir_ / "20250904.export.CSV.zip", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<LineReader> memory = LineReader::FromMemory("<stdin>", bytes);
  ASSERT_TRUE(memory.ok()) << memory.status().ToString();
  EXPECT_EQ(ReadAll(*memory).size(), 100000u);
}

TEST_F(LineReaderTest, RejectsArchivesWithoutExactlyOneFile) {
  Result<LineReader> two = LineReader::Open(WriteZip("two.zip", {{"a.CSV", "1\n"}, {"b.CSV", "2\n"}}));
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("two.zip: want a zip archive holding one file, found 2 files"),
            std::string::npos);
  Result<LineReader> none = LineReader::Open(WriteZip("none.zip", {}));
  ASSERT_FALSE(none.ok());
  Result<LineReader> broken = LineReader::Open(Write("broken.zip", std::string("PK\x03\x04", 4) + "garbage"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("broken.zip: not a readable zip archive"), std::string::npos);
  EXPECT_FALSE(LineReader::FromMemory("m", std::string("PK\x03\x04", 4) + "garbage").ok());
}

TEST_F(LineReaderTest, ReportsAMissingFile) {
  Result<LineReader> missing = LineReader::Open((dir_ / "nope.CSV").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.CSV: cannot open"), std::string::npos);
}

TEST_F(LineReaderTest, ReadsPlainTextFromMemory) {
  Result<LineReader> reader = LineReader::FromMemory("m", "a\nb\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadAll(*reader), (std::vector<std::string>{"a", "b"}));
}

TEST(LineReader, ReadsLinesAcrossChunksAndWithoutFinalNewline) {
  std::string path = ::testing::TempDir() + "/dyad_line_reader_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 100000; ++i) out << "line " << i << "\r\n";
    out << "last";
  }
  Result<LineReader> reader = LineReader::Open(path);
  ASSERT_TRUE(reader.ok());
  std::string_view line;
  int count = 0;
  std::string last;
  while (reader->Next(line)) {
    ++count;
    last = std::string(line);
    if (count == 77777) {
      EXPECT_EQ(line, "line 77776");
    }
  }
  EXPECT_EQ(count, 100001);
  EXPECT_EQ(last, "last");
  EXPECT_TRUE(reader->status().ok());
  std::remove(path.c_str());
  EXPECT_FALSE(LineReader::Open("/nonexistent/file").ok());
}

}  // namespace
}  // namespace dyad::ingest
