#include "dyad/analytics/alerts.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "dyad/analytics/series.h"
#include "dyad/store/aggregates.h"

namespace dyad::analytics {
namespace {

// One dyad's weekly counts.
struct DyadWeeks {
  std::string a, b;
  std::vector<float> cooperation, conflict;
  std::vector<float> goldstein;  // sum
  int64_t total = 0;
};

void AddRow(DyadWeeks& d, size_t week, int64_t cooperation, int64_t conflict, double goldstein_sum) {
  d.cooperation[week] += static_cast<float>(cooperation);
  d.conflict[week] += static_cast<float>(conflict);
  d.goldstein[week] += static_cast<float>(goldstein_sum);
  d.total += cooperation + conflict;
}

double MeanGoldstein(const DyadWeeks& d, int from, int to) {
  double sum = 0, n = 0;
  for (int w = std::max(0, from); w < to; ++w) {
    sum += d.goldstein[w];
    n += d.cooperation[w] + d.conflict[w];
  }
  return n > 0 ? sum / n : 0;
}

Status FindEvidence(store::EventStore& store, const ActorSpec& a, const ActorSpec& b, Alert& alert,
                    int limit) {
  const int lo = alert.series == "cooperation" ? 1 : 3;
  std::vector<store::EventRecord> found;
  for (const std::string& source : a.codes) {
    for (const std::string& target : b.codes) {
      store::EventFilter filter;
      filter.source = source;
      filter.target = target;
      filter.either_direction = true;
      filter.from = alert.start;
      filter.to = alert.detected.AddDays(6);
      DYAD_RETURN_IF_ERROR(store.ForEachEvent(filter, [&](const store::EventRecord& e) {
        if (e.mode == "asserted" && (e.quad_class == lo || e.quad_class == lo + 1)) found.push_back(e);
        return true;
      }));
    }
  }
  // The most reported, then the strongest, then the earliest.
  std::sort(found.begin(), found.end(), [](const store::EventRecord& x, const store::EventRecord& y) {
    if (x.num_mentions != y.num_mentions) return x.num_mentions > y.num_mentions;
    if (std::abs(x.goldstein) != std::abs(y.goldstein)) return std::abs(x.goldstein) > std::abs(y.goldstein);
    return x.id < y.id;
  });
  if (static_cast<int>(found.size()) > limit) found.resize(limit);
  alert.events = std::move(found);
  return Status::Ok();
}

}  // namespace

double Alert::Size() const {
  const double before = std::max(rate_before, 0.5), after = std::max(rate_after, 0.5);
  return std::abs(std::log2(after / before));
}

Result<std::vector<Alert>> ScanAlerts(store::EventStore& store, const AlertOptions& options) {
  std::vector<Alert> alerts;
  Result<std::optional<Date>> last = LastStoredDay(store);
  if (!last.ok()) return last.status();
  if (!*last) return alerts;
  const Date last_day = **last;
  const Date since = options.since ? *options.since : last_day.AddDays(-56);
  const Date first = PeriodStart(since.AddDays(-7 * options.history_weeks), Period::kWeek);
  const size_t weeks =
      static_cast<size_t>((PeriodStart(last_day, Period::kWeek).days() - first.days()) / 7 + 1);
  auto week_of = [&](Date d) { return static_cast<size_t>((d.days() - first.days()) / 7); };

  std::vector<double> volume(weeks, 0.0);
  DYAD_RETURN_IF_ERROR(store.ForEachDailyVolume(first, last_day, [&](Date d, int64_t n) {
    volume[week_of(d)] += static_cast<double>(n);
    return true;
  }));

  std::vector<DyadWeeks> dyads;
  auto new_dyad = [&](std::string a, std::string b) {
    DyadWeeks d;
    d.a = std::move(a);
    d.b = std::move(b);
    d.cooperation.assign(weeks, 0);
    d.conflict.assign(weeks, 0);
    d.goldstein.assign(weeks, 0);
    dyads.push_back(std::move(d));
  };
  const bool one_dyad = options.a && options.b;
  if (one_dyad) {
    new_dyad(options.a->label, options.b->label);
    SeriesOptions series_options;
    series_options.from = first;
    series_options.to = last_day;
    Result<DyadSeries> series = BuildSeries(store, *options.a, *options.b, series_options);
    if (!series.ok()) return series.status();
    for (const SeriesPoint& p : series->points) {
      if (p.start < first) continue;
      AddRow(dyads[0], week_of(p.start), p.cooperation(), p.conflict(), p.goldstein_sum);
    }
  } else {
    // Every dyad: one pass over the aggregate, rows in (source, target, day) order.
    std::unordered_map<std::string, size_t> index;
    std::string key, last_source, last_target;
    size_t current = 0;
    store::AggregateFilter filter;
    filter.from = first;
    filter.to = last_day;
    filter.weekly = true;  // `first` is a Monday: every row is one of the weeks read
    DYAD_RETURN_IF_ERROR(store.ForEachDailyCount(filter, [&](const store::DailyCount& c) {
      if (c.source == c.target) return true;  // domestic
      if (dyads.empty() || c.source != last_source || c.target != last_target) {
        last_source = c.source;
        last_target = c.target;
        const bool ordered = c.source < c.target;
        const std::string& a = ordered ? c.source : c.target;
        const std::string& b = ordered ? c.target : c.source;
        key.assign(a).append(1, '|').append(b);
        auto [it, added] = index.emplace(key, dyads.size());
        if (added) new_dyad(a, b);
        current = it->second;
      }
      AddRow(dyads[current], week_of(c.day), c.cooperation(), c.conflict(), c.goldstein_sum);
      return true;
    }));
  }

  const int since_week = static_cast<int>(week_of(PeriodStart(since, Period::kWeek)));
  std::vector<double> counts(weeks);
  for (const DyadWeeks& d : dyads) {
    if (d.total < options.min_events) continue;
    for (bool conflict : {false, true}) {
      const std::vector<float>& series = conflict ? d.conflict : d.cooperation;
      counts.assign(series.begin(), series.end());
      for (const RateChange& change : DetectRateChanges(counts, volume, options.cusum)) {
        if (change.detected < since_week) continue;
        Alert alert;
        alert.a = d.a;
        alert.b = d.b;
        alert.series = conflict ? "conflict" : "cooperation";
        alert.direction = change.direction;
        alert.rate_before = change.rate_before;
        alert.rate_after = change.rate_after;
        alert.start = first.AddDays(7 * change.start);
        alert.detected = first.AddDays(7 * change.detected);
        alert.goldstein_before = MeanGoldstein(d, change.start - options.cusum.baseline, change.start);
        alert.goldstein_after = MeanGoldstein(d, change.start, change.detected + 1);
        alerts.push_back(std::move(alert));
      }
    }
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert& x, const Alert& y) {
    if (x.detected != y.detected) return x.detected > y.detected;
    if (x.Size() != y.Size()) return x.Size() > y.Size();
    return std::tie(x.a, x.b, x.series) < std::tie(y.a, y.b, y.series);
  });
  for (size_t i = 0; i < alerts.size() && static_cast<int>(i) < options.evidence_alerts; ++i) {
    Alert& alert = alerts[i];
    ActorSpec a, b;
    if (one_dyad) {
      a = *options.a;
      b = *options.b;
    } else {
      a.label = alert.a;
      a.codes = {alert.a};
      b.label = alert.b;
      b.codes = {alert.b};
    }
    DYAD_RETURN_IF_ERROR(FindEvidence(store, a, b, alert, options.evidence));
  }
  return alerts;
}

}  // namespace dyad::analytics
