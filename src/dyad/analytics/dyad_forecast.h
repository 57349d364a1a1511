// A dyad's forecast from the store: the weekly QuadClass counts and mean Goldstein of its complete weeks, each
// forecast with ForecastSeries (forecast.h). What `dyad forecast` prints and GET /api/forecast serves.
#ifndef DYAD_ANALYTICS_DYAD_FORECAST_H_
#define DYAD_ANALYTICS_DYAD_FORECAST_H_

#include <array>
#include <vector>

#include "dyad/analytics/actor_spec.h"
#include "dyad/analytics/forecast.h"
#include "dyad/analytics/series.h"
#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

// A dyad's forecast: one Forecast per QuadClass count and one for the mean Goldstein, weeks ahead from `first`.
struct DyadForecast {
  ActorSpec a, b;
  Date first;                          // the first forecast week
  std::vector<Date> history_weeks;     // the weeks the models saw
  std::array<Forecast, 4> quad;        // QuadClass 1..4
  Forecast goldstein;                  // mean Goldstein; empty when the dyad has no week with events
};

// Forecasts `weeks` (1-52) weeks after the dyad's last complete week. `series`, when given, receives the weekly
// series the models saw (for a chart). Refresh the aggregates first (EventStore::RefreshAggregates).
// InvalidArgument for `weeks` out of range; NotFound when the dyad has no complete week of events.
Result<DyadForecast> ForecastDyad(store::EventStore& store, const ActorSpec& a, const ActorSpec& b, int weeks,
                                  DyadSeries* series = nullptr);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_DYAD_FORECAST_H_
