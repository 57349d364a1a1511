// Speed of the analytics on a large store (docs/PERFORMANCE.md, "Analytics"): one dyad's weekly series and
// the alerts over every dyad. DYAD_BENCH_STORE names the store (for example one made by `dyad synth --events
// 10000000 --weeks 520 --actors 60 --db s10m.db`); without it a synthetic store of 200,000 events is built in
// a temporary directory first.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "dyad/analytics/alerts.h"
#include "dyad/analytics/series.h"
#include "dyad/analytics/synth.h"

namespace dyad::analytics {
namespace {

store::EventStore& Store() {
  static store::EventStore* store = [] {
    Result<std::unique_ptr<store::EventStore>> opened = OpenBenchStore("dyad_analytics_bench");
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::exit(1);
    }
    return opened->release();
  }();
  return *store;
}

ActorSpec Spec(const char* code) { return *ParseActorSpec(code, nullptr, Date()); }

void WeeklySeries(benchmark::State& state, const char* a, const char* b) {
  store::EventStore& store = Store();
  SeriesOptions options;
  int64_t events = 0;
  for (auto _ : state) {
    Result<DyadSeries> series = BuildSeries(store, Spec(a), Spec(b), options);
    if (!series.ok()) state.SkipWithError(series.status().ToString().c_str());
    events = series->total_events;
    benchmark::DoNotOptimize(series->points.data());
  }
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK_CAPTURE(WeeklySeries, busiest_dyad, "USA", "CHN")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(WeeklySeries, smaller_dyad, "PRK", "KOR")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(WeeklySeries, actor_code_from_events, "USAGOV", "CHN")->Unit(benchmark::kMillisecond);

void AlertsAllDyads(benchmark::State& state) {
  store::EventStore& store = Store();
  AlertOptions options;
  size_t alerts = 0;
  for (auto _ : state) {
    Result<std::vector<Alert>> found = ScanAlerts(store, options);
    if (!found.ok()) state.SkipWithError(found.status().ToString().c_str());
    alerts = found->size();
  }
  state.counters["alerts"] = static_cast<double>(alerts);
}
BENCHMARK(AlertsAllDyads)->Unit(benchmark::kMillisecond)->Iterations(3);

void RefreshWithNothingNew(benchmark::State& state) {
  store::EventStore& store = Store();
  for (auto _ : state) {
    Status s = store.RefreshAggregates();
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
}
BENCHMARK(RefreshWithNothingNew)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dyad::analytics
