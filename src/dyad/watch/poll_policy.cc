#include "dyad/watch/poll_policy.h"

#include <algorithm>

namespace dyad::watch {

int64_t BackoffSeconds(int64_t failures, const PollPolicy& policy) {
  const int64_t interval = std::max<int64_t>(1, policy.interval_seconds);
  const int64_t cap = std::max(policy.max_backoff_seconds, interval);
  int64_t delay = interval;
  // Doubling stops at the cap, so a feed that has failed for weeks cannot overflow the shift.
  for (int64_t i = 0; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

FetchRequest FeedRequest(const store::FeedState& state, const PollPolicy& policy) {
  FetchRequest request;
  request.url = state.url;
  request.if_none_match = state.etag;
  request.if_modified_since = state.last_modified;
  request.timeout_seconds = policy.timeout_seconds;
  request.user_agent = policy.user_agent;
  return request;
}

bool ShouldPoll(const store::FeedState& state, int64_t now, Round round) {
  if (round == Round::kAllButBackingOff && state.failures == 0) return true;
  return now >= state.next_poll;
}

void RecordFetched(store::FeedState& state, const FetchResponse& response, int64_t now,
                   const PollPolicy& policy) {
  state.etag = response.etag;
  state.last_modified = response.last_modified;
  RecordNotModified(state, now, policy);
}

void RecordNotModified(store::FeedState& state, int64_t now, const PollPolicy& policy) {
  state.last_poll = now;
  state.next_poll = now + policy.interval_seconds;
  state.failures = 0;
  state.last_error.clear();
}

void RecordFailure(store::FeedState& state, std::string error, int64_t now, const PollPolicy& policy) {
  state.last_poll = now;
  ++state.failures;
  state.next_poll = now + BackoffSeconds(state.failures, policy);
  state.last_error = std::move(error);
}

}  // namespace dyad::watch
