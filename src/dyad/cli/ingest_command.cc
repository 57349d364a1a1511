// dyad ingest: reads documents (JSON Lines, plain text, HTML pages, RSS/Atom feeds; files, directories or URLs),
// codes them and stores articles, events and mentions. Idempotent: what is stored already is skipped.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "dyad/cli/common.h"
#include "dyad/pipeline/ingester.h"
#include "dyad/watch/curl_fetcher.h"

namespace dyad::cli {
namespace {

struct IngestCommandOptions {
  DictionaryFlags dict;
  StoreFlags store;
  std::vector<std::string> inputs;
  std::string date;
  int threads = 0;  // 0: not given (config ingest.threads, else 1)
  int batch = 0;    // 0: not given (config ingest.batch, else 4096)
  bool strict = false;
  bool quiet = false;
};

// A one-line progress bar on a terminal: bytes done of the total, articles per second and time left.
class ProgressBar {
 public:
  ProgressBar(bool enabled, uint64_t total) : enabled_(enabled), total_(total) {}
  void Update(uint64_t done, int64_t articles) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double fraction = total_ > 0 ? std::min(1.0, static_cast<double>(done) / total_) : 0;
    const int filled = static_cast<int>(fraction * 30);
    const double rate = seconds > 0 ? articles / seconds : 0;
    const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    fmt::print(stderr, "\r[{:<30}] {:5.1f}%  {:.0f} articles/s  ETA {:.0f}s ", std::string(filled, '#'),
               fraction * 100, rate, eta);
  }
  void Done() {
    if (enabled_) fmt::print(stderr, "\r{:<80}\r", "");
  }

 private:
  bool enabled_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

// Fetches a URL and ingests what it serves (a page, a feed's items, a JSON Lines file).
Status IngestUrl(const std::string& url, pipeline::Ingester& ingester) {
  watch::CurlFetcher fetcher;
  watch::FetchRequest request;
  request.url = url;
  request.user_agent = "dyad/0.1 (+https://github.com/dyad)";
  Result<watch::FetchResponse> response = fetcher.Fetch(request);
  if (!response.ok()) return response.status();
  if (response->http_status != 200) {
    return IoError(fmt::format("{}: HTTP {}", url, response->http_status));
  }
  return ingester.IngestDocument(response->url, response->body, response->content_type);
}

// Expands directories into the files under them (sorted, so the order and the store do not depend on the
// file system).
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && !pipeline::IsHttpUrl(input) && std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec)) {
        if (entry.is_regular_file()) found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input);
    }
  }
  return files;
}

int RunIngest(const IngestCommandOptions& options) {
  Result<config::Config> config = options.store.LoadConfig();
  if (!config.ok()) {
    fmt::print(stderr, "dyad ingest: {}\n", config.status().message());
    return 1;
  }
  if (options.threads != 0) config->ingest.threads.Set(options.threads, "flag --threads");
  if (options.batch != 0) config->ingest.batch.Set(options.batch, "flag --batch");
  if (Status valid = config::Validate(*config); !valid.ok()) {
    fmt::print(stderr, "dyad ingest: {}\n", valid.message());
    return 2;
  }
  pipeline::IngestOptions ingest;
  ingest.threads = static_cast<int>(config->ingest.threads.value);
  ingest.batch = static_cast<int>(config->ingest.batch.value);
  if (!options.date.empty()) {
    Result<Date> date = Date::Parse(options.date);
    if (!date.ok()) {
      fmt::print(stderr, "dyad ingest: --date: {}\n", date.status().message());
      return 2;
    }
    ingest.default_date = *date;
  }
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(options.store);
  if (!store) return 1;

  const std::vector<std::string> files = ExpandInputs(options.inputs.empty() ? std::vector<std::string>{"-"}
                                                                             : options.inputs);
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    if (f != "-" && !pipeline::IsHttpUrl(f)) total += std::filesystem::file_size(f, ec);
  }
  ProgressBar bar(!options.quiet && isatty(STDERR_FILENO) != 0, total);
  uint64_t done_before = 0;
  pipeline::Ingester* ingester_ptr = nullptr;
  ingest.on_progress = [&](uint64_t bytes) {
    bar.Update(done_before + bytes, ingester_ptr->stats().articles);
  };
  ingest.on_error = [&](const Status& s) {
    bar.Done();
    fmt::print(stderr, "dyad ingest: {}; skipped\n", s.message());
  };
  pipeline::Ingester ingester(*dict, *store, ingest);
  ingester_ptr = &ingester;
  const auto start = std::chrono::steady_clock::now();
  int failures = 0;
  for (const std::string& file : files) {
    Status status = pipeline::IsHttpUrl(file) ? IngestUrl(file, ingester) : ingester.IngestFile(file);
    if (!status.ok()) {
      bar.Done();
      fmt::print(stderr, "dyad ingest: {}; skipped\n", status.message());
      ++failures;
    }
    std::error_code ec;
    if (file != "-" && !pipeline::IsHttpUrl(file)) done_before += std::filesystem::file_size(file, ec);
    bar.Update(done_before, ingester.stats().articles);
  }
  Status flushed = ingester.Flush();
  bar.Done();
  if (!flushed.ok()) {
    fmt::print(stderr, "dyad ingest: the store failed: {}\n", flushed.message());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The analytics' daily aggregates take the new events now, so that the first query after a load is fast.
  Status refreshed = store->RefreshAggregates();
  if (!refreshed.ok()) {
    fmt::print(stderr, "dyad ingest: updating the aggregates: {}\n", refreshed.message());
    return 1;
  }
  const pipeline::IngestStats& s = ingester.stats();
  fmt::print(stderr,
             "dyad ingest: {} articles ({} new, {} already stored), {} sentences, {} new events, {} reports merged "
             "into stored events, {} bad records skipped; {:.2f}s, {:.0f} sentences/s\n",
             s.articles, s.added_articles, s.skipped_articles, s.sentences, s.new_events, s.merged_events,
             s.bad_records + failures, seconds, seconds > 0 ? s.sentences / seconds : 0);
  return options.strict && (s.bad_records + failures) > 0 ? 1 : 0;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IngestCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Code and store documents: JSON Lines, plain text, HTML pages, RSS/Atom feeds (files, directories or URLs)");
  cmd->add_option("inputs", options->inputs,
                  "Files, directories or http(s) URLs (default: JSON Lines on standard input)");
  cmd->add_option("--date", options->date, "Date for documents that carry none (plain text, undated pages)");
  cmd->add_option("-j,--threads", options->threads,
                  "Coder threads (default: config ingest.threads, else 1; the store does not depend on it)");
  cmd->add_option("--batch", options->batch, "Articles per transaction (default: config ingest.batch, else 4096)");
  cmd->add_flag("--strict", options->strict, "Exit non-zero when any record was bad");
  cmd->add_flag("-q,--quiet", options->quiet, "No progress bar");
  options->dict.Register(*cmd);
  options->store.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunIngest(*options); });
}

}  // namespace dyad::cli
