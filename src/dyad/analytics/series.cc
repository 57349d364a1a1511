#include "dyad/analytics/series.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace dyad::analytics {

Result<Period> ParsePeriod(std::string_view text) {
  if (text == "day") return Period::kDay;
  if (text == "week") return Period::kWeek;
  if (text == "month") return Period::kMonth;
  return InvalidArgument(fmt::format("unknown period '{}': use day, week or month", text));
}

const char* PeriodName(Period p) {
  switch (p) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
  }
  return "week";
}

Date PeriodStart(Date d, Period p) {
  switch (p) {
    case Period::kDay:
      return d;
    case Period::kWeek:
      return d.AddDays(-d.weekday());
    case Period::kMonth:
      return Date::FromCivil(d.year(), d.month(), 1);
  }
  return d;
}

Date NextPeriod(Date start, Period p) {
  switch (p) {
    case Period::kDay:
      return start.AddDays(1);
    case Period::kWeek:
      return start.AddDays(7);
    case Period::kMonth:
      return start.month() == 12 ? Date::FromCivil(start.year() + 1, 1, 1)
                                 : Date::FromCivil(start.year(), start.month() + 1, 1);
  }
  return start;
}

double SeriesPoint::goldstein_mean() const {
  int64_t n = events();
  return n == 0 ? std::numeric_limits<double>::quiet_NaN() : goldstein_sum / static_cast<double>(n);
}

double SeriesPoint::net_cooperation_index() const {
  if (volume == 0) return 0;
  return 1000.0 * static_cast<double>(cooperation() - conflict()) / static_cast<double>(volume);
}

Result<std::optional<Date>> LastStoredDay(store::EventStore& store) {
  std::optional<Date> last;
  // The volume table is small (one row a day): reading it all is cheap next to a query's other work.
  DYAD_RETURN_IF_ERROR(store.ForEachDailyVolume(std::nullopt, std::nullopt, [&](Date d, int64_t) {
    last = d;
    return true;
  }));
  return last;
}

Status DefaultToLastStoredDay(store::EventStore& store, std::optional<Date>& day) {
  if (day) return Status::Ok();
  Result<std::optional<Date>> last = LastStoredDay(store);
  if (!last.ok()) return last.status();
  day = *last;
  return Status::Ok();
}

Status FillVolumes(store::EventStore& store, Period by, std::vector<SeriesPoint>& points) {
  if (points.empty()) return Status::Ok();
  const Date first = points.front().start;
  const Date end = NextPeriod(points.back().start, by);
  size_t i = 0;
  return store.ForEachDailyVolume(first, end.AddDays(-1), [&](Date d, int64_t n) {
    while (i + 1 < points.size() && points[i + 1].start <= d) ++i;
    points[i].volume += n;
    return true;
  });
}

namespace {

// One day's events of the dyad.
struct DayCount {
  Date day;
  std::array<int64_t, 4> quad;
  double goldstein_sum;
};

Status CollectFromAggregates(store::EventStore& store, const ActorSpec& a, const ActorSpec& b,
                             const SeriesOptions& options, std::vector<DayCount>& out) {
  store::AggregateFilter filter;
  filter.sources = a.codes;
  filter.targets = b.codes;
  filter.either_direction = !options.directed;
  filter.from = options.from;
  filter.to = options.to;
  return store.ForEachDailyCount(filter, [&](const store::DailyCount& c) {
    out.push_back({c.day, c.quad, c.goldstein_sum});
    return true;
  });
}

Status CollectFromEvents(store::EventStore& store, const ActorSpec& a, const ActorSpec& b,
                         const SeriesOptions& options, std::vector<DayCount>& out) {
  std::unordered_set<int64_t> seen;  // overlapping prefixes (CHN and CHNGOV) must not count an event twice
  for (const std::string& source : a.codes) {
    for (const std::string& target : b.codes) {
      store::EventFilter filter;
      filter.source = source;
      filter.target = target;
      filter.either_direction = !options.directed;
      filter.from = options.from;
      filter.to = options.to;
      DYAD_RETURN_IF_ERROR(store.ForEachEvent(filter, [&](const store::EventRecord& e) {
        if (e.mode != "asserted" || e.quad_class < 1 || e.quad_class > 4) return true;
        if (!seen.insert(e.id).second) return true;
        DayCount d{e.date, {}, e.goldstein};
        d.quad[e.quad_class - 1] = 1;
        out.push_back(d);
        return true;
      }));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<DyadSeries> BuildSeries(store::EventStore& store, const ActorSpec& a, const ActorSpec& b,
                               const SeriesOptions& options) {
  DyadSeries series;
  series.a = a;
  series.b = b;
  series.options = options;
  std::vector<DayCount> days;
  if (a.AllPrincipals() && b.AllPrincipals()) {
    DYAD_RETURN_IF_ERROR(CollectFromAggregates(store, a, b, options, days));
  } else {
    DYAD_RETURN_IF_ERROR(CollectFromEvents(store, a, b, options, days));
  }
  std::optional<Date> from = options.from, to = options.to;
  if (!to) {
    Result<std::optional<Date>> last = LastStoredDay(store);
    if (!last.ok()) return last.status();
    to = *last;
  }
  for (const DayCount& d : days) {
    if (!from || d.day < *from) from = d.day;
  }
  if (!from || !to || *to < *from) return series;  // nothing to show
  for (Date p = PeriodStart(*from, options.by); p <= *to; p = NextPeriod(p, options.by)) {
    series.points.push_back(SeriesPoint{p});
  }
  for (const DayCount& d : days) {
    // Periods are contiguous and sorted: find the one that holds the day.
    auto it = std::upper_bound(series.points.begin(), series.points.end(), d.day,
                               [](Date day, const SeriesPoint& p) { return day < p.start; });
    if (it == series.points.begin()) continue;
    SeriesPoint& p = *(it - 1);
    for (int q = 0; q < 4; ++q) {
      p.quad[q] += d.quad[q];
      series.total_events += d.quad[q];
    }
    p.goldstein_sum += d.goldstein_sum;
  }
  DYAD_RETURN_IF_ERROR(FillVolumes(store, options.by, series.points));
  return series;
}

}  // namespace dyad::analytics
