// The most active dyads of a window: pairs of principals ranked by their asserted events in both directions,
// read from the daily aggregates (one row per dyad-day). The dashboard's overview lists them.
#ifndef DYAD_ANALYTICS_ACTIVE_DYADS_H_
#define DYAD_ANALYTICS_ACTIVE_DYADS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

struct ActiveDyadOptions {
  std::optional<Date> to;  // default: the store's last day
  int days = 90;           // the window: `days` days ending at `to`
  int top = 20;
};

struct ActiveDyad {
  std::string a, b;               // principals, a < b
  std::array<int64_t, 4> quad{};  // events of QuadClass 1..4 at [0..3], both directions
  double goldstein_sum = 0;

  int64_t events() const { return quad[0] + quad[1] + quad[2] + quad[3]; }
};

struct ActiveDyads {
  std::optional<Date> from, to;   // the window read (both inclusive); nullopt for an empty store
  std::vector<ActiveDyad> dyads;  // most events first; ties in (a, b) order
};

// Refresh the aggregates first (EventStore::RefreshAggregates). Pairs of a principal with itself are left
// out.
Result<ActiveDyads> RankActiveDyads(store::EventStore& store, const ActiveDyadOptions& options);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_ACTIVE_DYADS_H_
