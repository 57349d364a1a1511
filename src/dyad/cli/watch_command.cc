// dyad watch: polls RSS and Atom feeds, fetches the pages of new items and stores their events, until SIGINT
// or SIGTERM (or after one round with --once). docs/watch.md.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "dyad/cli/common.h"
#include "dyad/pipeline/ingester.h"
#include "dyad/watch/curl_fetcher.h"
#include "dyad/watch/ingester_sink.h"
#include "dyad/watch/watcher.h"

namespace dyad::cli {
namespace {

struct WatchCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;
  std::vector<std::string> feeds;
  bool once = false;
  int64_t interval_seconds = 0;  // 0: not given on the command line
  int64_t timeout_seconds = 0;
  int threads = 0;
};

// Set by the first SIGINT or SIGTERM; the watcher stops between requests. The handler is reset to the
// default, so a second signal ends dyad at once.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the stop flag is set from a signal handler");

extern "C" void OnStopSignal(int) { stop_requested.store(true); }

class StopSignals {
 public:
  StopSignals() {
    struct sigaction action = {};
    action.sa_handler = &OnStopSignal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ = {}, old_term_ = {};
};

int RunWatch(const WatchCommandOptions& options) {
  Result<config::Config> config = options.store.LoadConfig();
  if (!config.ok()) {
    fmt::print(stderr, "dyad watch: {}\n", config.status().message());
    return 1;
  }
  options.dict.ApplyTo(*config);
  if (!options.feeds.empty()) config->watch.feeds.Set(options.feeds, "command line");
  if (options.interval_seconds != 0)
    config->watch.interval_seconds.Set(options.interval_seconds, "flag --interval");
  if (options.timeout_seconds != 0)
    config->watch.timeout_seconds.Set(options.timeout_seconds, "flag --timeout");
  if (options.threads != 0) config->ingest.threads.Set(options.threads, "flag --threads");
  if (Status valid = config::Validate(*config); !valid.ok()) {
    fmt::print(stderr, "dyad watch: {}\n", valid.message());
    return 2;
  }
  if (config->watch.feeds.value.empty()) {
    fmt::print(stderr, "dyad watch: no feeds: give their URLs, or list them as watch.feeds in dyad.toml\n");
    return 2;
  }

  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(options.store);
  if (!store) return 1;
  pipeline::IngestOptions ingest_options;
  ingest_options.threads = static_cast<int>(config->ingest.threads.value);
  ingest_options.batch = static_cast<int>(config->ingest.batch.value);
  ingest_options.on_error = [](const Status& status) {
    fmt::print(stderr, "dyad watch: {}; skipped\n", status.message());
  };
  pipeline::Ingester ingester(*dict, *store, ingest_options);
  watch::IngesterSink sink(ingester);

  stop_requested.store(false);
  StopSignals signals;
  watch::CurlOptions curl_options;
  curl_options.cancel = &stop_requested;
  watch::CurlFetcher fetcher(curl_options);
  watch::WatchOptions watch_options;
  watch_options.feeds = config->watch.feeds.value;
  watch_options.policy.interval_seconds = config->watch.interval_seconds.value;
  watch_options.policy.timeout_seconds = config->watch.timeout_seconds.value;
  watch_options.policy.max_backoff_seconds = config->watch.max_backoff_seconds.value;
  watch_options.policy.user_agent = config->watch.user_agent.value;
  watch::Watcher watcher(watch_options, fetcher, *store, sink, stop_requested);

  Status status;
  if (options.once) {
    Result<watch::RoundReport> round = watcher.PollRound(watch::Round::kAllButBackingOff);
    status = round.status();
  } else {
    status = watcher.Run();
  }
  if (Status flushed = ingester.Flush(); status.ok()) status = flushed;
  if (!status.ok()) {
    fmt::print(stderr, "dyad watch: {}\n", status.ToString());
    return 1;
  }
  const pipeline::IngestStats& stats = ingester.stats();
  fmt::print(stderr,
             "dyad watch: {} articles added, {} new events, {} merged into stored ones, {} bad records skipped\n",
             stats.added_articles, stats.new_events, stats.merged_events, stats.bad_records);
  return 0;
}

}  // namespace

void AddWatchCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WatchCommandOptions>();
  CLI::App* cmd = app.add_subcommand("watch", "Poll RSS/Atom feeds and store the events of new articles");
  cmd->add_option("feeds", options->feeds, "Feed URLs (default: watch.feeds from the config file)");
  cmd->add_flag("--once", options->once,
                "Poll every feed once (except those backing off after failures) and exit");
  cmd->add_option("--interval", options->interval_seconds,
                  "Seconds between polls of a feed (default: config, else 300)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout", options->timeout_seconds,
                  "Seconds one HTTP request may take (default: config, else 20)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("-j,--threads", options->threads, "Coder threads (default: config ingest.threads, else 1)")
      ->check(CLI::PositiveNumber);
  options->store.Register(*cmd);
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunWatch(*options); });
}

}  // namespace dyad::cli
