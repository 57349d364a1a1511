#include "dyad/analytics/dyad_forecast.h"

#include <fmt/format.h>

#include <optional>

namespace dyad::analytics {

Result<DyadForecast> ForecastDyad(store::EventStore& store, const ActorSpec& a, const ActorSpec& b, int weeks,
                                  DyadSeries* series_out) {
  if (weeks < 1 || weeks > 52) return InvalidArgument(fmt::format("weeks {}: want 1 to 52", weeks));
  Result<DyadSeries> series = BuildSeries(store, a, b, SeriesOptions{});
  if (!series.ok()) return series.status();
  // A week the store has only partly seen would read as a fall: the models see complete weeks only.
  Result<std::optional<Date>> last = LastStoredDay(store);
  if (!last.ok()) return last.status();
  if (!series->points.empty() && *last && series->points.back().start.AddDays(6) > **last) series->points.pop_back();
  if (series->points.empty()) {
    return NotFound(fmt::format("no complete week of events between {} and {}", a.label, b.label));
  }
  DyadForecast forecast;
  forecast.a = a;
  forecast.b = b;
  for (const SeriesPoint& p : series->points) forecast.history_weeks.push_back(p.start);
  forecast.first = series->points.back().start.AddDays(7);
  std::vector<double> history;
  for (int q = 0; q < 4; ++q) {
    history.clear();
    for (const SeriesPoint& p : series->points) history.push_back(static_cast<double>(p.quad[q]));
    Result<Forecast> f = ForecastSeries(history, weeks, SeriesKind::kCount);
    if (!f.ok()) return f.status();
    forecast.quad[q] = std::move(*f);
  }
  history.clear();
  for (const SeriesPoint& p : series->points) history.push_back(p.goldstein_mean());
  Result<Forecast> g = ForecastSeries(history, weeks, SeriesKind::kLevel);
  if (g.ok()) forecast.goldstein = std::move(*g);  // a dyad without a week of events has no Goldstein level
  if (series_out != nullptr) *series_out = std::move(*series);
  return forecast;
}

}  // namespace dyad::analytics
