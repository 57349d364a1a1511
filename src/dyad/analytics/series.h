// Time series of a dyad: events per period and QuadClass, Goldstein sum and mean, and a net-cooperation index
// normalised by the period's news volume (docs/analytics.md).
//
// Volume normalisation: the number of coded events grows with the number of sources and articles, not only
// with what countries do. The index divides the dyad's net cooperation (cooperative minus conflictual events)
// by every asserted event stored for that period, per 1,000: a rise means the relationship moved against the
// rest of the news, not that there was more news.
#ifndef DYAD_ANALYTICS_SERIES_H_
#define DYAD_ANALYTICS_SERIES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dyad/analytics/actor_spec.h"
#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

enum class Period { kDay, kWeek, kMonth };          // weeks start on Monday
Result<Period> ParsePeriod(std::string_view text);  // "day", "week", "month"
const char* PeriodName(Period p);
Date PeriodStart(Date d, Period p);
Date NextPeriod(Date start, Period p);

// One period of a dyad.
struct SeriesPoint {
  Date start;
  std::array<int64_t, 4> quad{};  // events of QuadClass 1..4 at [0..3]
  double goldstein_sum = 0;
  int64_t volume = 0;  // every asserted event stored for the period, any actors

  int64_t events() const { return quad[0] + quad[1] + quad[2] + quad[3]; }
  int64_t cooperation() const { return quad[0] + quad[1]; }
  int64_t conflict() const { return quad[2] + quad[3]; }
  double goldstein_mean() const;  // NaN when there are no events
  // (cooperation - conflict) per 1,000 events stored for the period; 0 when the volume is 0.
  double net_cooperation_index() const;
};

struct SeriesOptions {
  Period by = Period::kWeek;
  bool directed = false;         // only A -> B; otherwise both directions
  std::optional<Date> from, to;  // default: the dyad's first event to the store's last day
};

struct DyadSeries {
  ActorSpec a, b;
  SeriesOptions options;
  std::vector<SeriesPoint> points;  // every period from the first to the last, empty ones included
  int64_t total_events = 0;
};

// Builds the series from the daily aggregates when both sides are principals, else from the events.
// Refresh the aggregates first (EventStore::RefreshAggregates).
Result<DyadSeries> BuildSeries(store::EventStore& store, const ActorSpec& a, const ActorSpec& b,
                               const SeriesOptions& options);

// The store's last day with events (from the volume aggregate); nullopt for an empty store.
Result<std::optional<Date>> LastStoredDay(store::EventStore& store);
// An analysis's default end: sets an unset `day` to the store's last day (it stays unset for an empty store).
Status DefaultToLastStoredDay(store::EventStore& store, std::optional<Date>& day);

// The series' periods from `from` to `to` (both inclusive, snapped to period starts), zero-filled with
// volumes.
Status FillVolumes(store::EventStore& store, Period by, std::vector<SeriesPoint>& points);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_SERIES_H_
