// When `dyad watch` polls a feed and what it remembers afterwards: the conditional request built from the
// stored validators, the state after a new feed, a 304 or a failure, and the exponential backoff schedule.
// Plain functions of their arguments (the clock is a parameter), so tests can walk through any sequence of
// answers.
#ifndef DYAD_WATCH_POLL_POLICY_H_
#define DYAD_WATCH_POLL_POLICY_H_

#include <cstdint>
#include <string>

#include "dyad/store/event_store.h"
#include "dyad/watch/fetcher.h"

namespace dyad::watch {

struct PollPolicy {
  int64_t interval_seconds = 300;  // between two polls of a feed that answers
  int64_t timeout_seconds = 20;    // per request (a feed or a page)
  int64_t max_backoff_seconds = 3600;
  std::string user_agent = "dyad/0.1.0 (news event coder)";
};

// Seconds a feed waits after its `failures`-th consecutive failure: interval * 2^failures, capped at the
// larger of max_backoff and interval (a failing feed is never polled more often than a good one). With the
// defaults: 600, 1200, 2400, 3600, 3600 ...
int64_t BackoffSeconds(int64_t failures, const PollPolicy& policy);

// The request for a feed, with If-None-Match / If-Modified-Since from the validators of its last 200 answer.
FetchRequest FeedRequest(const store::FeedState& state, const PollPolicy& policy);

// Whether a feed is polled at `now`. In a watch loop a feed waits until its next_poll; a single round
// (--once) polls every feed except one still backing off after a failure, so cron can drive it at any rate.
enum class Round { kDue, kAllButBackingOff };
bool ShouldPoll(const store::FeedState& state, int64_t now, Round round);

// The state after a poll at `now`. A 200 with a readable feed stores the answer's validators (clearing any
// the server no longer sends); a 304 keeps them; both reset the failure count and schedule the next poll an
// interval later. A failure (a transport error, HTTP >= 400, a feed that cannot be read) counts, keeps the
// validators and schedules the next poll BackoffSeconds later.
void RecordFetched(store::FeedState& state, const FetchResponse& response, int64_t now,
                   const PollPolicy& policy);
void RecordNotModified(store::FeedState& state, int64_t now, const PollPolicy& policy);
void RecordFailure(store::FeedState& state, std::string error, int64_t now, const PollPolicy& policy);

}  // namespace dyad::watch

#endif  // DYAD_WATCH_POLL_POLICY_H_
