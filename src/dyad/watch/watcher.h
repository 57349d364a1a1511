// The feed watcher behind `dyad watch`: polls RSS and Atom feeds with conditional GETs, fetches the page of
// every item whose link is not stored yet, and hands the articles to a sink (the Ingester in production,
// ingester_sink.h). A feed that fails backs off exponentially (poll_policy.h). Each feed's state lives in the
// store, so a restarted watcher resumes where the last one stopped. docs/watch.md describes the behaviour.
//
// Not thread-safe: one thread drives a Watcher. Only the stop flag may be set from elsewhere (a signal
// handler).
#ifndef DYAD_WATCH_WATCHER_H_
#define DYAD_WATCH_WATCHER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dyad/base/status.h"
#include "dyad/coder/event.h"
#include "dyad/ingest/feed_reader.h"
#include "dyad/store/event_store.h"
#include "dyad/watch/fetcher.h"
#include "dyad/watch/poll_policy.h"

namespace dyad::watch {

// Where the watcher puts the articles it reads.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // Codes and stores an article, or skips it when it is stored already. A bad article is the sink's to
  // report; an error means the store failed and watching cannot go on.
  virtual Status Add(coder::Article article) = 0;
  // Commits every article Add has taken so far.
  virtual Status Commit() = 0;
  // Articles newly stored since the sink was made, as of the last Commit.
  virtual int64_t added_articles() const = 0;
};

struct WatchOptions {
  std::vector<std::string> feeds;  // http:// or https:// URLs, polled in this order
  PollPolicy policy;
  // Receives each log line, without the newline. Default: standard error, as "dyad watch: <UTC time> <line>".
  std::function<void(std::string_view)> log;
  // Unix seconds now. Default: the system clock; tests set their own.
  std::function<int64_t()> now;
};

enum class FeedOutcome {
  kFetched,      // a 200 with a feed: its new items were ingested
  kNotModified,  // a 304: nothing new
  kFailed,       // a transport error, HTTP >= 400 or a feed that cannot be read: backing off now
  kSkipped,      // not polled: waiting for its next poll (or backing off, in a single round)
  kInterrupted,  // stopped in the middle: what was ingested is committed, the rest comes next time
};

struct FeedReport {
  std::string url;
  FeedOutcome outcome = FeedOutcome::kSkipped;
  int items = 0;         // items in the feed
  int new_items = 0;     // items whose link was not stored yet
  int from_summary = 0;  // new items ingested from the feed's title and summary: the page was not usable
  std::string error;     // kFailed: why
};

struct RoundReport {
  std::vector<FeedReport> feeds;  // one per configured feed, in order (fewer when stopped)
  int64_t added_articles = 0;     // newly stored in this round
  int Count(FeedOutcome outcome) const;
};

class Watcher {
 public:
  // Nothing is owned: the fetcher, store, sink and stop flag must outlive the Watcher.
  Watcher(WatchOptions options, Fetcher& fetcher, store::EventStore& store, ArticleSink& sink,
          const std::atomic<bool>& stop);

  // One round now. Round::kAllButBackingOff (--once) polls every feed except those backing off after a
  // failure; Round::kDue only those whose next poll has come. Stops between requests when the stop flag is
  // set. Feed failures are reported, not returned: an error means the store failed.
  Result<RoundReport> PollRound(Round round);

  // Rounds until the stop flag is set, sleeping until the next feed is due. Returns OK when stopped.
  Status Run();

 private:
  // What a new item became: its page, or its title and summary when the page was not usable.
  enum class ItemSource { kPage, kSummary, kNothing, kInterrupted };

  Status PollFeed(store::FeedState& state, FeedReport& report);
  Status RecordFeedFailure(store::FeedState& state, FeedReport& report, std::string error, int64_t started);
  Result<bool> IsNew(const ingest::FeedItem& item);
  ItemSource ReadItem(const ingest::FeedItem& item, const ingest::Feed& feed, coder::Article& article);
  Result<store::FeedState> LoadState(const std::string& url);
  int64_t Now() const { return options_.now(); }
  bool stopping() const { return stop_.load(); }
  void Log(const std::string& line) const { options_.log(line); }

  WatchOptions options_;
  Fetcher& fetcher_;
  store::EventStore& store_;
  ArticleSink& sink_;
  const std::atomic<bool>& stop_;
  std::unordered_set<std::string> seen_this_round_;  // links (or guids) already taken in this round
  std::unordered_set<std::string> unreadable_;       // links that gave nothing at all: not fetched again
};

}  // namespace dyad::watch

#endif  // DYAD_WATCH_WATCHER_H_
