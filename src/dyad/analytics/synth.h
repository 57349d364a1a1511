// Synthetic events with known structure, for tests and benchmarks: actors in blocs (cooperation within,
// conflict across), activity that differs by actor, news volume that grows, over-dispersed weekly counts, and
// planted changes: a dyad's cooperation or conflict rate multiplied or divided at a known week, and partner
// shifts (an actor's cooperation moving from one partner to another). The truth comes back with the events,
// so tests can check that alerts, focus and alignment recover it.
#ifndef DYAD_ANALYTICS_SYNTH_H_
#define DYAD_ANALYTICS_SYNTH_H_

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_record.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

struct SynthOptions {
  uint64_t seed = 1;
  int64_t events = 200000;                   // about this many in all
  Date start = Date::FromCivil(2023, 1, 2);  // a Monday
  int weeks = 156;
  int actors = 30;             // taken in order from a list of 60 real country codes
  int blocs = 3;               // actor i belongs to bloc i % blocs
  int changes = 20;            // planted rate changes
  int shifts = 2;              // planted partner shifts
  double change_factor = 3;    // a planted change multiplies or divides a rate by this
  double min_change_rate = 8;  // planted changes only on rates of at least this many events a week
  double growth = 0.3;         // news volume grows by this fraction a year
  double dispersion = 0.05;    // weekly counts are negative binomial: variance = mean + dispersion * mean^2
};

struct PlantedChange {
  std::string a, b;       // the dyad (a < b)
  bool conflict = false;  // the conflict rate changed (else the cooperation rate)
  double factor = 1;      // > 1 rose, < 1 fell
  int week = 0;           // the first week of the new rate
  Date date;              // that week's Monday
};

struct PlantedShift {
  std::string actor, from_partner, to_partner;
  int week = 0;
  Date date;
};

struct SynthTruth {
  std::vector<std::vector<std::string>> blocs;
  std::vector<PlantedChange> changes;  // shifts add their two changes here too
  std::vector<PlantedShift> shifts;
  int64_t events = 0;
};

// Generates the events week by week, in date order, and hands each to `sink` (which may stop it with an
// error).
Result<SynthTruth> GenerateEvents(const SynthOptions& options,
                                  const std::function<Status(const store::EventRecord&)>& sink);

// Generates the events into `store` as one bulk load (batched inserts, a commit every 200,000 events) and
// brings its aggregates up to date: what `dyad synth`, the analytics tests and the benchmarks use.
Result<SynthTruth> FillStore(store::EventStore& store, const SynthOptions& options);

// For the benchmarks: the store named by $DYAD_BENCH_STORE, or else a new one in a temporary directory filled
// with FillStore(SynthOptions{}); its aggregates brought up to date. `name` names the temporary directory.
Result<std::unique_ptr<store::EventStore>> OpenBenchStore(std::string_view name);

// The truth as JSON (blocs, changes, shifts).
std::string TruthJson(const SynthTruth& truth);

// One weekly count series: `rate` a week, multiplied by `factor` from `change_week` on (-1: no change),
// negative-binomial noise of the given dispersion. For calibrating the change detector.
std::vector<double> SimulateCounts(std::mt19937_64& rng, double rate, int weeks, int change_week,
                                   double factor, double dispersion);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_SYNTH_H_
