// Partner focus: how an actor's cooperative and conflictual interactions are shared among its partners, over
// consecutive windows, with the shifts between windows that are both large and statistically clear flagged
// ("North Korea's cooperation has moved toward Russia").
#ifndef DYAD_ANALYTICS_FOCUS_H_
#define DYAD_ANALYTICS_FOCUS_H_

#include <optional>
#include <string>
#include <vector>

#include "dyad/analytics/actor_spec.h"
#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

struct FocusOptions {
  int window_weeks = 13;    // a quarter
  int windows = 8;          // how many windows, ending with the one that holds `to`
  std::optional<Date> to;   // default: the store's last day
  int top = 6;              // partners listed per window (the rest are "others")
  double min_shift = 0.10;  // a flagged shift moves a partner's share by at least this much ...
  double min_z = 3.0;       // ... and by at least this many standard errors (two-proportion z)
};

struct PartnerShare {
  std::string partner;  // a principal
  int64_t events = 0;
  double share = 0;
};

struct FocusWindow {
  Date from, to;
  int64_t cooperation_total = 0, conflict_total = 0;
  std::vector<PartnerShare> cooperation, conflict;  // every partner, largest first
};

struct FocusShift {
  std::string kind;  // "cooperation" or "conflict"
  std::string partner;
  double share_before = 0, share_after = 0;
  int64_t events_before = 0, events_after = 0;
  Date window_from, window_to;  // the window where the new share shows
  double z = 0;
};

struct Focus {
  ActorSpec actor;
  std::vector<FocusWindow> windows;  // oldest first
  std::vector<FocusShift> shifts;    // in window order, the largest first within a window
};

// Refresh the aggregates first (EventStore::RefreshAggregates).
Result<Focus> AnalyzeFocus(store::EventStore& store, const ActorSpec& actor, const FocusOptions& options);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_FOCUS_H_
