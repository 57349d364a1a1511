// dyad eval: runs golden files and prints precision, recall and F1 per root and overall.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "dyad/base/files.h"
#include "dyad/cli/common.h"
#include "dyad/coder/coder.h"
#include "dyad/coder/golden.h"

namespace dyad::cli {
namespace {

struct EvalOptions {
  DictionaryFlags dict;
  std::vector<std::string> paths;
  double min_f1 = 0;
  std::string level = "source-target-root";
  bool verbose = false;
};

constexpr const char* kLevelNames[] = {"root", "code", "source-target-code", "source-target-root"};

std::vector<std::string> GoldenFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".golden") files.push_back(entry.path().string());
      }
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

int RunEval(const EvalOptions& options) {
  int level = -1;
  for (int i = 0; i < 4; ++i) {
    if (options.level == kLevelNames[i]) level = i;
  }
  if (level < 0) {
    fmt::print(stderr, "dyad eval: unknown --level '{}' (root, code, source-target-code, source-target-root)\n",
               options.level);
    return 2;
  }
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(std::string(DYAD_BUILTIN_SOURCE_DIR) + "/tests/golden");
  std::vector<std::string> files = GoldenFiles(paths);
  if (files.empty()) {
    fmt::print(stderr, "dyad eval: no .golden files in {}\n", fmt::join(paths, ", "));
    return 1;
  }
  coder::Coder coder(*dict);
  coder::EvalReport report;
  int errors = 0;
  std::vector<coder::Event> events;
  for (const std::string& file : files) {
    Result<std::string> contents = ReadFile(file);
    if (!contents.ok()) {
      fmt::print(stderr, "dyad eval: {}\n", contents.status().message());
      ++errors;
      continue;
    }
    Result<std::vector<coder::GoldenCase>> cases = coder::ParseGolden(*contents, file);
    if (!cases.ok()) {
      fmt::print(stderr, "dyad eval: {}\n", cases.status().message());
      ++errors;
      continue;
    }
    for (const coder::GoldenCase& c : *cases) {
      events.clear();
      coder.CodeArticle(c.article, events);
      coder::ScoreCase(c, events, dict->cameo(), report);
    }
  }
  if (options.verbose) {
    for (const std::string& f : report.failures) fmt::print("FAIL {}\n", f);
  }
  fmt::print("{} cases in {} files, {} fully right\n\n", report.cases, files.size(), report.cases_passed);
  fmt::print("{:<6}", "root");
  for (const char* name : kLevelNames) fmt::print(" | {:^26}", name);
  fmt::print("\n{:<6}", "");
  for (int i = 0; i < 4; ++i) fmt::print(" | {:>8} {:>8} {:>8}", "P", "R", "F1");
  fmt::print("\n");
  std::vector<std::string> roots;
  for (const auto& [root, score] : report.by_root[0]) roots.push_back(root);
  for (const std::string& root : roots) {
    fmt::print("{:<6}", root);
    for (int i = 0; i < 4; ++i) {
      const coder::Score& s = report.by_root[i][root];
      fmt::print(" | {:>8.3f} {:>8.3f} {:>8.3f}", s.precision(), s.recall(), s.f1());
    }
    fmt::print("\n");
  }
  fmt::print("{:<6}", "all");
  for (int i = 0; i < 4; ++i) {
    const coder::Score& s = report.overall[i];
    fmt::print(" | {:>8.3f} {:>8.3f} {:>8.3f}", s.precision(), s.recall(), s.f1());
  }
  fmt::print("\n");
  double f1 = report.overall[level].f1();
  if (errors > 0) return 1;
  if (f1 < options.min_f1) {
    fmt::print(stderr, "dyad eval: F1 {:.3f} at {} level is below --min-f1 {:.3f}\n", f1, kLevelNames[level],
               options.min_f1);
    return 1;
  }
  return 0;
}

}  // namespace

void AddEvalCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Score the coder against golden files (precision, recall, F1)");
  cmd->add_option("paths", options->paths, "Golden files or directories (default: the source tree's tests/golden)");
  cmd->add_option("--min-f1", options->min_f1, "Fail when F1 at --level is below this");
  cmd->add_option("--level", options->level,
                  "Level --min-f1 applies to: root, code, source-target-code, source-target-root (default)");
  cmd->add_flag("-v,--verbose", options->verbose, "Print every case that is not fully right");
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunEval(*options); });
}

}  // namespace dyad::cli
