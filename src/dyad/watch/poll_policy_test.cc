#include "dyad/watch/poll_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace dyad::watch {
namespace {

TEST(PollPolicy, BackoffDoublesFromTheIntervalUpToTheCap) {
  PollPolicy policy;  // 300 s interval, 3600 s cap
  EXPECT_EQ(BackoffSeconds(1, policy), 600);
  EXPECT_EQ(BackoffSeconds(2, policy), 1200);
  EXPECT_EQ(BackoffSeconds(3, policy), 2400);
  EXPECT_EQ(BackoffSeconds(4, policy), 3600);
  EXPECT_EQ(BackoffSeconds(5, policy), 3600);
  EXPECT_EQ(BackoffSeconds(1000000, policy), 3600);  // no overflow after weeks of failures
  EXPECT_EQ(BackoffSeconds(0, policy), 300);
}

TEST(PollPolicy, BackoffIsNeverShorterThanTheInterval) {
  PollPolicy policy;
  policy.interval_seconds = 600;
  policy.max_backoff_seconds = 60;
  EXPECT_EQ(BackoffSeconds(1, policy), 600);
  EXPECT_EQ(BackoffSeconds(7, policy), 600);
}

TEST(PollPolicy, SlowTwinOfTheSchedule) {
  // min(interval * 2^n, max(cap, interval)), computed the obvious way in floating point.
  for (int64_t interval : {1, 7, 60, 300, 3600}) {
    for (int64_t cap : {1, 100, 3600, 86400}) {
      PollPolicy policy;
      policy.interval_seconds = interval;
      policy.max_backoff_seconds = cap;
      for (int64_t failures = 0; failures < 40; ++failures) {
        double expected =
            std::min(double(interval) * std::pow(2.0, double(failures)), double(std::max(cap, interval)));
        EXPECT_EQ(BackoffSeconds(failures, policy), int64_t(expected))
            << interval << " " << cap << " " << failures;
      }
    }
  }
}

TEST(PollPolicy, RequestCarriesTheStoredValidators) {
  PollPolicy policy;
  policy.timeout_seconds = 7;
  policy.user_agent = "dyad-test/1";
  store::FeedState state;
  state.url = "https://example.org/feed.xml";
  FetchRequest first = FeedRequest(state, policy);
  EXPECT_EQ(first.url, state.url);
  EXPECT_EQ(first.if_none_match, "");
  EXPECT_EQ(first.if_modified_since, "");
  EXPECT_EQ(first.timeout_seconds, 7);
  EXPECT_EQ(first.user_agent, "dyad-test/1");

  FetchResponse response;
  response.http_status = 200;
  response.etag = "\"v1\"";
  response.last_modified = "Thu, 04 Sep 2025 10:00:00 GMT";
  RecordFetched(state, response, 1000, policy);
  FetchRequest second = FeedRequest(state, policy);
  EXPECT_EQ(second.if_none_match, "\"v1\"");
  EXPECT_EQ(second.if_modified_since, "Thu, 04 Sep 2025 10:00:00 GMT");
}

TEST(PollPolicy, StateAfterSuccessNotModifiedAndFailure) {
  PollPolicy policy;
  store::FeedState state;
  state.url = "https://example.org/feed.xml";
  FetchResponse response;
  response.http_status = 200;
  response.etag = "\"v1\"";
  RecordFetched(state, response, 1000, policy);
  EXPECT_EQ(state.last_poll, 1000);
  EXPECT_EQ(state.next_poll, 1300);
  EXPECT_EQ(state.failures, 0);

  RecordFailure(state, "https://example.org/feed.xml: HTTP 503", 1300, policy);
  EXPECT_EQ(state.failures, 1);
  EXPECT_EQ(state.next_poll, 1900);
  EXPECT_EQ(state.last_error, "https://example.org/feed.xml: HTTP 503");
  EXPECT_EQ(state.etag, "\"v1\"");  // a failure keeps the validators
  RecordFailure(state, "timeout", 1900, policy);
  EXPECT_EQ(state.failures, 2);
  EXPECT_EQ(state.next_poll, 1900 + 1200);

  RecordNotModified(state, 3100, policy);
  EXPECT_EQ(state.failures, 0);
  EXPECT_EQ(state.last_error, "");
  EXPECT_EQ(state.next_poll, 3400);
  EXPECT_EQ(state.etag, "\"v1\"");

  // A 200 without validators clears the old ones: they describe an older version.
  response.etag.clear();
  RecordFetched(state, response, 3400, policy);
  EXPECT_EQ(state.etag, "");
}

TEST(PollPolicy, ARoundSkipsOnlyFeedsBackingOff) {
  store::FeedState fresh;
  EXPECT_TRUE(ShouldPoll(fresh, 100, Round::kDue));
  EXPECT_TRUE(ShouldPoll(fresh, 100, Round::kAllButBackingOff));

  store::FeedState polled;
  polled.next_poll = 400;
  EXPECT_FALSE(ShouldPoll(polled, 399, Round::kDue));
  EXPECT_TRUE(ShouldPoll(polled, 400, Round::kDue));
  EXPECT_TRUE(ShouldPoll(polled, 399, Round::kAllButBackingOff));  // --once from cron polls it anyway

  store::FeedState failing;
  failing.failures = 2;
  failing.next_poll = 400;
  EXPECT_FALSE(ShouldPoll(failing, 399, Round::kAllButBackingOff));
  EXPECT_TRUE(ShouldPoll(failing, 400, Round::kAllButBackingOff));
}

}  // namespace
}  // namespace dyad::watch
