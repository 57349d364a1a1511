#include "dyad/watch/watcher.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "dyad/store/testing.h"

namespace dyad::watch {
namespace {

// Answers from a table of URLs; records every request. A URL not in the table is a transport error.
class FakeFetcher : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& request) override {
    requests.push_back(request);
    if (on_fetch) on_fetch(request);
    auto it = answers.find(request.url);
    if (it == answers.end()) return IoError(fmt::format("{}: could not connect", request.url));
    if (it->second.http_status == 200 && !request.if_none_match.empty() &&
        request.if_none_match == it->second.etag) {
      FetchResponse not_modified;
      not_modified.http_status = 304;
      not_modified.etag = it->second.etag;
      return not_modified;
    }
    return it->second;
  }

  void Serve(const std::string& url, std::string body, std::string etag = {}, int http_status = 200) {
    FetchResponse& response = answers[url];
    response.http_status = http_status;
    response.body = std::move(body);
    response.etag = std::move(etag);
    response.url = url;
  }

  int RequestsFor(const std::string& url) const {
    return static_cast<int>(
        std::count_if(requests.begin(), requests.end(), [&](const FetchRequest& r) { return r.url == url; }));
  }

  std::map<std::string, FetchResponse> answers;
  std::vector<FetchRequest> requests;
  std::function<void(const FetchRequest&)> on_fetch;
};

// Only what the watcher uses: article URLs and feed states.
class FakeStore : public store::UnusedEventStore {
 public:
  Result<bool> HasArticleUrl(std::string_view url) override { return urls.contains(std::string(url)); }
  Result<std::optional<store::FeedState>> LoadFeedState(std::string_view url) override {
    auto it = feeds.find(std::string(url));
    if (it == feeds.end()) return std::optional<store::FeedState>();
    return std::optional<store::FeedState>(it->second);
  }
  Status SaveFeedState(const store::FeedState& state) override {
    feeds[state.url] = state;
    return Status::Ok();
  }

  std::set<std::string> urls;
  std::map<std::string, store::FeedState> feeds;
};

// Stores articles in the fake store at Commit, as the Ingester does.
class FakeSink : public ArticleSink {
 public:
  explicit FakeSink(FakeStore& store) : store_(store) {}
  Status Add(coder::Article article) override {
    pending_.push_back(std::move(article));
    return Status::Ok();
  }
  Status Commit() override {
    for (coder::Article& article : pending_) {
      if (!article.url.empty() && !store_.urls.insert(article.url).second) continue;
      articles.push_back(std::move(article));
      ++added_;
    }
    pending_.clear();
    return Status::Ok();
  }
  int64_t added_articles() const override { return added_; }

  std::vector<coder::Article> articles;

 private:
  FakeStore& store_;
  std::vector<coder::Article> pending_;
  int64_t added_ = 0;
};

std::string Rss(const std::vector<std::string>& links) {
  std::string items;
  for (size_t i = 0; i < links.size(); ++i) {
    items += fmt::format(
        "<item><title>Item {0} headline</title><link>{1}</link><guid>{1}</guid>"
        "<description>Summary {0}: the foreign ministers of two neighbouring states met to discuss the "
        "border.</description>"
        "<pubDate>Thu, 04 Sep 2025 0{0}:00:00 GMT</pubDate></item>",
        i + 1, links[i]);
  }
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title>"
         "<link>https://news.test/</link><description>test</description>" +
         items + "</channel></rss>";
}

std::string Page(const std::string& headline) {
  return "<!DOCTYPE html><html><head><title>" + headline +
         "</title><meta property=\"article:published_time\" content=\"2025-09-03T08:00:00Z\"></head><body>"
         "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>" +
         headline +
         "</h1><p>The government of the northern republic said on Wednesday that its delegation would travel "
         "to "
         "the capital of its southern neighbour next week, after months of tension along the shared "
         "border.</p>"
         "<p>Officials from both sides described the planned talks as a first step, and said that trade, "
         "fishing "
         "rights and the return of detained sailors would be on the agenda.</p></article>"
         "<footer>Copyright Test Wire</footer></body></html>";
}

class WatcherTest : public ::testing::Test {
 protected:
  Watcher MakeWatcher(std::vector<std::string> feeds) {
    WatchOptions options;
    options.feeds = std::move(feeds);
    options.policy.interval_seconds = 300;
    options.policy.max_backoff_seconds = 3600;
    options.now = [this] { return now_; };
    options.log = [this](std::string_view line) { log_.emplace_back(line); };
    return Watcher(options, fetcher_, store_, sink_, stop_);
  }

  bool Logged(std::string_view text) const {
    return std::any_of(log_.begin(), log_.end(),
                       [&](const std::string& line) { return line.find(text) != std::string::npos; });
  }

  std::string Log() const {
    std::string all;
    for (const std::string& line : log_) all += line + "\n";
    return all;
  }

  FakeFetcher fetcher_;
  FakeStore store_;
  FakeSink sink_{store_};
  std::atomic<bool> stop_{false};
  int64_t now_ = 1'756'980'000;  // 2025-09-04T10:00:00Z
  std::vector<std::string> log_;
};

const char kFeed[] = "https://news.test/world.rss";

TEST_F(WatcherTest, IngestsEachNewItemFromItsPage) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a", "https://news.test/b"}), "\"v1\"");
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  fetcher_.Serve("https://news.test/b", Page("Border reopens"));
  Watcher watcher = MakeWatcher({kFeed});
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  ASSERT_EQ(round->feeds.size(), 1u);
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(round->feeds[0].items, 2);
  EXPECT_EQ(round->feeds[0].new_items, 2);
  EXPECT_EQ(round->feeds[0].from_summary, 0);
  EXPECT_EQ(round->added_articles, 2);
  ASSERT_EQ(sink_.articles.size(), 2u);
  EXPECT_EQ(sink_.articles[0].url, "https://news.test/a");
  EXPECT_EQ(sink_.articles[0].title, "Talks planned");
  EXPECT_NE(sink_.articles[0].text.find("northern republic"), std::string::npos);
  EXPECT_EQ(sink_.articles[0].date.ToString(), "2025-09-03");  // the page's date wins over the item's

  const store::FeedState& state = store_.feeds.at(kFeed);
  EXPECT_EQ(state.etag, "\"v1\"");
  EXPECT_EQ(state.failures, 0);
  EXPECT_EQ(state.last_poll, now_);
  EXPECT_EQ(state.next_poll, now_ + 300);
  EXPECT_TRUE(Logged("https://news.test/world.rss: 2 items, 2 new")) << Log();
}

TEST_F(WatcherTest, SecondPollSendsTheValidatorsAndIngestsNothing) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}), "\"v1\"");
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  Watcher watcher = MakeWatcher({kFeed});
  ASSERT_TRUE(watcher.PollRound(Round::kAllButBackingOff).ok());
  now_ += 60;
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kNotModified);
  EXPECT_EQ(round->added_articles, 0);
  EXPECT_EQ(fetcher_.requests.back().url, kFeed);
  EXPECT_EQ(fetcher_.requests.back().if_none_match, "\"v1\"");
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/a"), 1);
  EXPECT_EQ(sink_.articles.size(), 1u);
  EXPECT_TRUE(Logged("https://news.test/world.rss: not modified"));
}

TEST_F(WatcherTest, StoredLinksAreNotFetchedAgain) {
  store_.urls.insert("https://news.test/a");
  fetcher_.Serve(kFeed, Rss({"https://news.test/a", "https://news.test/b"}));
  fetcher_.Serve("https://news.test/b", Page("Border reopens"));
  Watcher watcher = MakeWatcher({kFeed});
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].new_items, 1);
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/a"), 0);
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/b"), 1);
}

TEST_F(WatcherTest, ChangedFeedWithoutValidatorsOnlyAddsItsNewItems) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}));
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  fetcher_.Serve("https://news.test/b", Page("Border reopens"));
  Watcher watcher = MakeWatcher({kFeed});
  ASSERT_TRUE(watcher.PollRound(Round::kAllButBackingOff).ok());
  fetcher_.Serve(kFeed, Rss({"https://news.test/b", "https://news.test/a"}));
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].items, 2);
  EXPECT_EQ(round->feeds[0].new_items, 1);
  EXPECT_EQ(round->added_articles, 1);
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/a"), 1);
}

TEST_F(WatcherTest, TheSamePageInTwoFeedsIsTakenOnce) {
  const std::string other = "https://other.test/feed.rss";
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}));
  fetcher_.Serve(other, Rss({"https://news.test/a", "https://news.test/a"}));
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  Watcher watcher = MakeWatcher({kFeed, other});
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[1].new_items, 0);
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/a"), 1);
  EXPECT_EQ(sink_.articles.size(), 1u);
}

TEST_F(WatcherTest, AnUnusablePageFallsBackToTheItemsTitleAndSummary) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/gone", "https://news.test/empty", "https://news.test/down"}));
  fetcher_.Serve("https://news.test/gone", "not here", "", 404);
  fetcher_.Serve("https://news.test/empty", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>");
  // https://news.test/down is not served: a transport error.
  Watcher watcher = MakeWatcher({kFeed});
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(round->feeds[0].from_summary, 3);
  ASSERT_EQ(sink_.articles.size(), 3u);
  const coder::Article& article = sink_.articles[0];
  EXPECT_EQ(article.url, "https://news.test/gone");
  EXPECT_EQ(article.id, "https://news.test/gone");
  EXPECT_EQ(article.title, "Item 1 headline");
  EXPECT_EQ(article.source, "Test Wire");
  EXPECT_EQ(article.text,
            "Item 1 headline\n\nSummary 1: the foreign ministers of two neighbouring states met to discuss "
            "the border.");
  EXPECT_EQ(article.date.ToString(), "2025-09-04");
  EXPECT_TRUE(Logged("https://news.test/gone: HTTP 404; ingested the feed's title and summary instead"))
      << Log();
  EXPECT_TRUE(
      Logged("https://news.test/down: could not connect; ingested the feed's title and summary instead"));
  EXPECT_TRUE(Logged("https://news.test/empty: ")) << Log();  // the HTML reader says why
  // The feed itself is fine.
  EXPECT_EQ(store_.feeds.at(kFeed).failures, 0);
}

TEST_F(WatcherTest, FailingFeedsBackOffWhileGoodFeedsAreIngested) {
  const std::string failing = "https://news.test/500.rss";
  const std::string malformed = "https://news.test/broken.rss";
  const std::string unreachable = "https://down.test/feed.rss";
  fetcher_.Serve(failing, "oops", "", 500);
  fetcher_.Serve(malformed, "<rss><channel><item><title>unclosed");
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}));
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  Watcher watcher = MakeWatcher({failing, malformed, unreachable, kFeed});

  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->Count(FeedOutcome::kFailed), 3);
  EXPECT_EQ(round->feeds[3].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(round->added_articles, 1);
  EXPECT_EQ(round->feeds[0].error, "https://news.test/500.rss: HTTP 500");
  EXPECT_NE(round->feeds[1].error.find("https://news.test/broken.rss"), std::string::npos);
  for (const std::string& url : {failing, malformed, unreachable}) {
    const store::FeedState& state = store_.feeds.at(url);
    EXPECT_EQ(state.failures, 1) << url;
    EXPECT_EQ(state.next_poll, now_ + 600) << url;
    EXPECT_FALSE(state.last_error.empty()) << url;
  }
  EXPECT_TRUE(Logged("https://news.test/500.rss: HTTP 500; failure 1 in a row, next poll in 600 s")) << Log();

  // A second round soon after leaves the failing feeds alone and says so.
  now_ += 60;
  log_.clear();
  round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->Count(FeedOutcome::kSkipped), 3);
  EXPECT_EQ(round->feeds[3].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(fetcher_.RequestsFor(failing), 1);
  EXPECT_TRUE(
      Logged("https://news.test/500.rss: backing off after 1 failure (https://news.test/500.rss: HTTP 500)"))
      << Log();

  // When the backoff is over they are polled again; another failure doubles the wait.
  now_ += 600;
  round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(store_.feeds.at(failing).failures, 2);
  EXPECT_EQ(store_.feeds.at(failing).next_poll, now_ + 1200);

  // A recovered feed starts over.
  fetcher_.Serve(failing, Rss({}));
  now_ += 1200;
  round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(store_.feeds.at(failing).failures, 0);
  EXPECT_EQ(store_.feeds.at(failing).last_error, "");
}

TEST_F(WatcherTest, ARoundOfDueFeedsWaitsForTheInterval) {
  fetcher_.Serve(kFeed, Rss({}));
  Watcher watcher = MakeWatcher({kFeed});
  ASSERT_TRUE(watcher.PollRound(Round::kDue).ok());
  now_ += 299;
  Result<RoundReport> round = watcher.PollRound(Round::kDue);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kSkipped);
  now_ += 1;
  round = watcher.PollRound(Round::kDue);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kFetched);
  EXPECT_EQ(fetcher_.RequestsFor(kFeed), 2);
}

TEST_F(WatcherTest, StateIsResumedFromTheStore) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}), "\"v1\"");
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  {
    Watcher first = MakeWatcher({kFeed});
    ASSERT_TRUE(first.PollRound(Round::kAllButBackingOff).ok());
  }
  Watcher second = MakeWatcher({kFeed});
  Result<RoundReport> round = second.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kNotModified);
  EXPECT_EQ(fetcher_.requests.back().if_none_match, "\"v1\"");
}

TEST_F(WatcherTest, StoppingMidFeedCommitsWhatIsDoneAndKeepsTheOldValidators) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a", "https://news.test/b", "https://news.test/c"}), "\"v2\"");
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  fetcher_.Serve("https://news.test/b", Page("Border reopens"));
  fetcher_.Serve("https://news.test/c", Page("Ministers meet"));
  store::FeedState old_state;
  old_state.url = kFeed;
  old_state.etag = "\"v1\"";
  ASSERT_TRUE(store_.SaveFeedState(old_state).ok());
  // The signal arrives while the second page is being fetched.
  fetcher_.on_fetch = [this](const FetchRequest& request) {
    if (request.url == "https://news.test/b") stop_ = true;
  };
  Watcher watcher = MakeWatcher({kFeed, "https://other.test/feed.rss"});
  Result<RoundReport> round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  ASSERT_EQ(round->feeds.size(), 1u);  // the second feed is not started
  EXPECT_EQ(round->feeds[0].outcome, FeedOutcome::kInterrupted);
  ASSERT_EQ(sink_.articles.size(), 1u);  // a is committed; b was cut short, not replaced by its summary
  EXPECT_EQ(sink_.articles[0].url, "https://news.test/a");
  EXPECT_EQ(store_.feeds.at(kFeed).etag, "\"v1\"");  // the next run fetches the feed again and gets b and c
  EXPECT_EQ(fetcher_.RequestsFor("https://news.test/c"), 0);

  stop_ = false;
  fetcher_.on_fetch = nullptr;
  round = watcher.PollRound(Round::kAllButBackingOff);
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->feeds[0].new_items, 2);
  EXPECT_EQ(sink_.articles.size(), 3u);
  EXPECT_EQ(store_.feeds.at(kFeed).etag, "\"v2\"");
}

TEST_F(WatcherTest, RunPollsUntilStopped) {
  fetcher_.Serve(kFeed, Rss({"https://news.test/a"}), "\"v1\"");
  fetcher_.Serve("https://news.test/a", Page("Talks planned"));
  // Every feed request moves the clock past the interval; the third one asks to stop.
  fetcher_.on_fetch = [this](const FetchRequest& request) {
    if (request.url != kFeed) return;
    now_ += 400;
    if (fetcher_.RequestsFor(kFeed) == 3) stop_ = true;
  };
  Watcher watcher = MakeWatcher({kFeed});
  Status status = watcher.Run();
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(fetcher_.RequestsFor(kFeed), 3);
  EXPECT_EQ(sink_.articles.size(), 1u);
  EXPECT_TRUE(Logged("stopped"));
}

TEST_F(WatcherTest, RunNeedsFeeds) {
  Watcher watcher = MakeWatcher({});
  EXPECT_FALSE(watcher.Run().ok());
}

}  // namespace
}  // namespace dyad::watch
