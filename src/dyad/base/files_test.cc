#include "dyad/base/files.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

namespace dyad {
namespace {

class IncludeWalkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("dyad_files_test_{}", ::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& contents) { std::ofstream(dir_ / name) << contents; }

  // Reads `top` with a handler for which "include PATH" is an include and anything else a line to record as
  // "FILE_NAME:LINE text".
  std::vector<std::string> Walk(const std::string& top) {
    IncludeWalker walker(errors_);
    std::vector<std::string> seen;
    std::function<void(const std::filesystem::path&, const std::string&)> read =
        [&](const std::filesystem::path& path, const std::string& from) {
          walker.Read(path, from, [&](const std::string& file, int number, std::string_view line) {
            if (line.substr(0, 8) == "include ") {
              read(std::filesystem::path(file).parent_path() / line.substr(8),
                   fmt::format("{}:{}", file, number));
            } else {
              seen.push_back(
                  fmt::format("{}:{} {}", std::filesystem::path(file).filename().string(), number, line));
            }
          });
        };
    read(dir_ / top, "");
    return seen;
  }

  std::filesystem::path dir_;
  std::vector<std::string> errors_;
};

TEST_F(IncludeWalkerTest, ReadsIncludesDepthFirstInFileOrder) {
  Write("top.txt", "a\ninclude sub/one.txt\nb\n");
  Write("sub/one.txt", "c\ninclude two.txt\nd");
  Write("sub/two.txt", "e\n");
  EXPECT_EQ(Walk("top.txt"), (std::vector<std::string>{"top.txt:1 a", "one.txt:1 c", "two.txt:1 e",
                                                       "one.txt:3 d", "top.txt:3 b"}));
  EXPECT_TRUE(errors_.empty());
}

TEST_F(IncludeWalkerTest, ReportsCyclesRepeatsAndMissingFilesAtTheIncludeLine) {
  Write("top.txt", "include sub/one.txt\ninclude sub/one.txt\ninclude missing.txt\nz\n");
  Write("sub/one.txt", "x\ninclude ../top.txt\n");
  EXPECT_EQ(Walk("top.txt"), (std::vector<std::string>{"one.txt:1 x", "top.txt:4 z"}));
  const std::string top = (dir_ / "top.txt").string(), one = (dir_ / "sub/one.txt").string();
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_EQ(errors_[0],
            fmt::format("{}:2: include cycle through {}", one, (dir_ / "sub/../top.txt").string()));
  EXPECT_EQ(errors_[1], fmt::format("{}:2: {} is included twice", top, (dir_ / "sub/one.txt").string()));
  EXPECT_EQ(errors_[2].substr(0, top.size() + 3), top + ":3:");
  EXPECT_NE(errors_[2].find("missing.txt: cannot open"), std::string::npos) << errors_[2];
}

TEST_F(IncludeWalkerTest, AMissingTopFileIsAnErrorWithoutAPlace) {
  EXPECT_TRUE(Walk("nothing.txt").empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].find((dir_ / "nothing.txt").string()), 0u) << errors_[0];
}

}  // namespace
}  // namespace dyad
