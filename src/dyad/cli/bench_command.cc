// dyad bench: end-to-end throughput of `dyad code` (JSON parsing, splitting, tokenizing, coding, formatting) on a
// JSON Lines file held in memory. Prints the median of several runs.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "dyad/base/files.h"
#include "dyad/cli/common.h"
#include "dyad/coder/coder.h"
#include "dyad/coder/event_writer.h"
#include "dyad/ingest/jsonl_reader.h"

namespace dyad::cli {
namespace {

struct BenchOptions {
  DictionaryFlags dict;
  std::string file;
  int runs = 5;
};

std::string DefaultBenchFile() {
  std::string shared = std::string(DYAD_BUILTIN_SOURCE_DIR) + "/../shared/data/news-reuters21578.jsonl";
  std::error_code ec;
  if (std::filesystem::exists(shared, ec)) return shared;
  return std::string(DYAD_BUILTIN_SOURCE_DIR) + "/data/samples/articles.jsonl";
}

int RunBench(const BenchOptions& options) {
  std::string path = options.file.empty() ? DefaultBenchFile() : options.file;
  Result<std::string> contents = ReadFile(path);
  if (!contents.ok()) {
    fmt::print(stderr, "dyad bench: {}\n", contents.status().message());
    return 1;
  }
  auto load_start = std::chrono::steady_clock::now();
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start).count();
  std::vector<double> seconds;
  coder::CoderStats stats;
  uint64_t events = 0;
  for (int run = 0; run < std::max(1, options.runs); ++run) {
    coder::Coder coder(*dict);
    ingest::JsonlArticleParser parser;
    coder::Article article;
    std::vector<coder::Event> batch;
    std::string out;
    events = 0;
    auto start = std::chrono::steady_clock::now();
    std::string_view rest = *contents;
    int line_number = 0;
    while (!rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      ++line_number;
      if (line.empty()) continue;
      if (!parser.Parse(line, "bench", article).ok()) continue;
      batch.clear();
      coder.CodeArticle(article, batch);
      for (const coder::Event& e : batch) coder::AppendEvent(e, coder::EventFormat::kJsonl, out);
      events += batch.size();
      out.clear();
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    stats = coder.stats();
  }
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted[sorted.size() / 2];
  fmt::print("file: {}\n", path);
  fmt::print("dictionary load: {:.0f} ms\n", load_ms);
  fmt::print("articles: {}, sentences: {}, events: {}, text: {:.1f} MB\n", stats.articles, stats.sentences, events,
             stats.bytes / 1e6);
  fmt::print("runs (s): {:.3f}\n", fmt::join(seconds, ", "));
  fmt::print("median: {:.3f} s, {:.0f} sentences/s, {:.1f} MB/s (one thread)\n", median, stats.sentences / median,
             stats.bytes / 1e6 / median);
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure end-to-end coding speed on a JSON Lines file");
  cmd->add_option("file", options->file,
                  "JSON Lines articles (default: ../shared/data/news-reuters21578.jsonl, else the bundled sample)");
  cmd->add_option("--runs", options->runs, "Runs; the median is reported (default 5)");
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunBench(*options); });
}

}  // namespace dyad::cli
