#include "dyad/watch/watcher.h"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <thread>

#include "dyad/ingest/html_reader.h"

namespace dyad::watch {
namespace {

// "2025-09-04T10:00:00Z"
std::string UtcTime(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm utc;
  if (gmtime_r(&t, &utc) == nullptr) return std::to_string(unix_seconds);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsSuccess(int http_status) { return http_status >= 200 && http_status < 300; }

const char* Plural(int64_t n) { return n == 1 ? "" : "s"; }

}  // namespace

int RoundReport::Count(FeedOutcome outcome) const {
  return static_cast<int>(std::count_if(feeds.begin(), feeds.end(),
                                        [&](const FeedReport& feed) { return feed.outcome == outcome; }));
}

Watcher::Watcher(WatchOptions options, Fetcher& fetcher, store::EventStore& store, ArticleSink& sink,
                 const std::atomic<bool>& stop)
    : options_(std::move(options)), fetcher_(fetcher), store_(store), sink_(sink), stop_(stop) {
  if (!options_.now) options_.now = &SystemNow;
  if (!options_.log) {
    options_.log = [](std::string_view line) {
      fmt::print(stderr, "dyad watch: {} {}\n", UtcTime(SystemNow()), line);
    };
  }
}

Result<store::FeedState> Watcher::LoadState(const std::string& url) {
  Result<std::optional<store::FeedState>> loaded = store_.LoadFeedState(url);
  if (!loaded.ok()) return loaded.status();
  if (loaded->has_value()) return **loaded;
  store::FeedState state;
  state.url = url;  // never polled: due now
  return state;
}

Result<RoundReport> Watcher::PollRound(Round round) {
  RoundReport report;
  seen_this_round_.clear();
  const int64_t added_before = sink_.added_articles();
  for (const std::string& url : options_.feeds) {
    if (stopping()) break;
    Result<store::FeedState> state = LoadState(url);
    if (!state.ok()) return state.status();
    FeedReport& feed = report.feeds.emplace_back();
    feed.url = url;
    if (!ShouldPoll(*state, Now(), round)) {
      feed.outcome = FeedOutcome::kSkipped;
      // In a watch loop waiting is the normal case; a single round says why a feed was left out.
      if (round == Round::kAllButBackingOff) {
        Log(fmt::format("{}: backing off after {} failure{} ({}); next poll at {}", url, state->failures,
                        Plural(state->failures), state->last_error, UtcTime(state->next_poll)));
      }
      continue;
    }
    DYAD_RETURN_IF_ERROR(PollFeed(*state, feed));
  }
  report.added_articles = sink_.added_articles() - added_before;
  const int polled = static_cast<int>(report.feeds.size()) - report.Count(FeedOutcome::kSkipped);
  if (polled > 0 || round == Round::kAllButBackingOff) {
    Log(fmt::format(
        "round done: {} feed{} polled ({} fetched, {} not modified, {} failed), {} skipped, {} article{} "
        "added",
        polled, Plural(polled), report.Count(FeedOutcome::kFetched), report.Count(FeedOutcome::kNotModified),
        report.Count(FeedOutcome::kFailed), report.Count(FeedOutcome::kSkipped), report.added_articles,
        Plural(report.added_articles)));
  }
  return report;
}

Status Watcher::PollFeed(store::FeedState& state, FeedReport& report) {
  const int64_t started = Now();
  Result<FetchResponse> response = fetcher_.Fetch(FeedRequest(state, options_.policy));
  if (stopping()) {  // the answer may be a cancelled transfer: record nothing, poll again next time
    report.outcome = FeedOutcome::kInterrupted;
    return Status::Ok();
  }
  if (!response.ok()) return RecordFeedFailure(state, report, response.status().message(), started);
  if (response->http_status == 304) {
    RecordNotModified(state, started, options_.policy);
    report.outcome = FeedOutcome::kNotModified;
    Log(fmt::format("{}: not modified", state.url));
    return store_.SaveFeedState(state);
  }
  if (!IsSuccess(response->http_status)) {
    return RecordFeedFailure(state, report, fmt::format("{}: HTTP {}", state.url, response->http_status),
                             started);
  }
  Result<ingest::Feed> feed = ingest::ReadFeed(response->body, state.url);
  if (!feed.ok()) return RecordFeedFailure(state, report, feed.status().message(), started);
  for (const Status& problem : feed->problems) Log(fmt::format("{}; item skipped", problem.message()));

  report.items = static_cast<int>(feed->items.size());
  bool interrupted = false;
  for (const ingest::FeedItem& item : feed->items) {
    if (stopping()) {
      interrupted = true;
      break;
    }
    Result<bool> is_new = IsNew(item);
    if (!is_new.ok()) return is_new.status();
    if (!*is_new) continue;
    coder::Article article;
    const ItemSource source = ReadItem(item, *feed, article);
    if (source == ItemSource::kInterrupted) {
      interrupted = true;
      break;
    }
    ++report.new_items;
    if (source == ItemSource::kNothing) continue;
    if (source == ItemSource::kSummary) ++report.from_summary;
    DYAD_RETURN_IF_ERROR(sink_.Add(std::move(article)));
  }
  // The articles are committed before the feed's new validators are saved: a crash in between makes the next
  // run fetch the feed again and skip what is stored, never lose items behind a 304.
  DYAD_RETURN_IF_ERROR(sink_.Commit());
  if (interrupted) {
    report.outcome = FeedOutcome::kInterrupted;
    Log(fmt::format("{}: stopped after {} new item{}; the rest comes next time", state.url, report.new_items,
                    Plural(report.new_items)));
    return Status::Ok();
  }
  RecordFetched(state, *response, started, options_.policy);
  report.outcome = FeedOutcome::kFetched;
  Log(fmt::format("{}: {} item{}, {} new{}", state.url, report.items, Plural(report.items), report.new_items,
                  report.from_summary > 0 ? fmt::format(" ({} from the feed's summary)", report.from_summary)
                                          : std::string()));
  return store_.SaveFeedState(state);
}

Status Watcher::RecordFeedFailure(store::FeedState& state, FeedReport& report, std::string error,
                                  int64_t started) {
  RecordFailure(state, error, started, options_.policy);
  report.outcome = FeedOutcome::kFailed;
  report.error = std::move(error);
  Log(fmt::format("{}; failure {} in a row, next poll in {} s", report.error, state.failures,
                  state.next_poll - started));
  return store_.SaveFeedState(state);
}

Result<bool> Watcher::IsNew(const ingest::FeedItem& item) {
  const std::string& key = !item.link.empty() ? item.link : item.guid;
  if (key.empty() || unreadable_.contains(key)) return false;
  // The same page in two feeds, or twice in one, is taken once; the store may not show it before the commit.
  if (!seen_this_round_.insert(key).second) return false;
  if (item.link.empty()) return true;
  Result<bool> stored = store_.HasArticleUrl(item.link);
  if (!stored.ok()) return stored.status();
  return !*stored;
}

Watcher::ItemSource Watcher::ReadItem(const ingest::FeedItem& item, const ingest::Feed& feed,
                                      coder::Article& article) {
  // An item without a date is taken as today's news: it is in the feed now.
  const Date date = item.date ? *item.date : Date::FromDays(static_cast<int32_t>(Now() / 86400));
  std::string problem = "the item has no link";
  if (!item.link.empty()) {
    FetchRequest request;
    request.url = item.link;
    request.timeout_seconds = options_.policy.timeout_seconds;
    request.user_agent = options_.policy.user_agent;
    Result<FetchResponse> page = fetcher_.Fetch(request);
    if (stopping()) return ItemSource::kInterrupted;
    if (!page.ok()) {
      problem = page.status().message();
    } else if (!IsSuccess(page->http_status)) {
      problem = fmt::format("{}: HTTP {}", item.link, page->http_status);
    } else {
      // The stored URL is the feed's link, not where redirects ended: that is what the next poll looks up.
      Result<coder::Article> read = ingest::ReadHtmlArticle(page->body, {item.link, item.link, date});
      if (read.ok()) {
        article = *std::move(read);
        if (article.title.empty()) article.title = item.title;
        if (article.source.empty()) article.source = feed.title;
        return ItemSource::kPage;
      }
      problem = read.status().message();
    }
  }
  if (item.title.empty() && item.summary.empty()) {
    unreadable_.insert(!item.link.empty() ? item.link : item.guid);
    Log(fmt::format("{}; the item has no title or summary either: skipped", problem));
    return ItemSource::kNothing;
  }
  Log(fmt::format("{}; ingested the feed's title and summary instead", problem));
  article.id = !item.guid.empty() ? item.guid : item.link;
  article.date = date;
  article.title = item.title;
  article.url = item.link;
  article.source = feed.title;
  article.text = item.summary.empty() ? item.title : item.title + "\n\n" + item.summary;
  return ItemSource::kSummary;
}

Status Watcher::Run() {
  if (options_.feeds.empty()) return InvalidArgument("no feeds to watch");
  Log(fmt::format("watching {} feed{}, every {} s", options_.feeds.size(), Plural(options_.feeds.size()),
                  options_.policy.interval_seconds));
  while (!stopping()) {
    Result<RoundReport> round = PollRound(Round::kDue);
    if (!round.ok()) return round.status();
    // Sleep until the earliest next poll, waking often enough to notice the stop flag.
    int64_t wake = std::numeric_limits<int64_t>::max();
    for (const std::string& url : options_.feeds) {
      Result<store::FeedState> state = LoadState(url);
      if (!state.ok()) return state.status();
      wake = std::min(wake, state->next_poll);
    }
    while (!stopping() && Now() < wake) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Log("stopped");
  return Status::Ok();
}

}  // namespace dyad::watch
