// Shift alerts: change detection (change_detection.h) on the weekly cooperation and conflict counts of every
// active dyad, each alert with its direction, size, start date and the events behind it.
#ifndef DYAD_ANALYTICS_ALERTS_H_
#define DYAD_ANALYTICS_ALERTS_H_

#include <optional>
#include <string>
#include <vector>

#include "dyad/analytics/actor_spec.h"
#include "dyad/analytics/change_detection.h"
#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

struct AlertOptions {
  std::optional<Date> since;      // alerts detected on or after; default: 8 weeks before the store's last day
  std::optional<ActorSpec> a, b;  // one dyad only
  int history_weeks = 104;        // weeks before `since` read for the baselines
  int64_t min_events = 20;        // a dyad is active with at least this many events in the weeks read
  int evidence = 5;               // events listed per alert
  int evidence_alerts = 50;       // the first this many alerts get their events (each is a query)
  CusumOptions cusum;
};

struct Alert {
  std::string a, b;                        // the dyad (principals, a < b; or the spec labels with --dyad)
  std::string series;                      // "cooperation" or "conflict"
  int direction = 0;                       // +1 rose, -1 fell
  double rate_before = 0, rate_after = 0;  // events a week
  Date start, detected;                    // first week of the new regime; the week the alarm went off
  double goldstein_before = 0, goldstein_after = 0;  // mean Goldstein of the dyad's events, before and after
  std::vector<store::EventRecord> events;  // the largest events of the series from start to detection
  double Size() const;                     // |log2(after / before)|: 1 = doubled or halved
};

// Refresh the aggregates first (EventStore::RefreshAggregates). Alerts come newest first, then largest first.
Result<std::vector<Alert>> ScanAlerts(store::EventStore& store, const AlertOptions& options);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_ALERTS_H_
