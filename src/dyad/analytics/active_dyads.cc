#include "dyad/analytics/active_dyads.h"

#include <algorithm>
#include <map>
#include <utility>

#include "dyad/analytics/series.h"

namespace dyad::analytics {

Result<ActiveDyads> RankActiveDyads(store::EventStore& store, const ActiveDyadOptions& options) {
  ActiveDyads out;
  std::optional<Date> to = options.to;
  DYAD_RETURN_IF_ERROR(DefaultToLastStoredDay(store, to));
  if (!to) return out;
  out.to = to;
  out.from = to->AddDays(1 - std::max(1, options.days));
  store::AggregateFilter filter;
  filter.from = out.from;
  filter.to = out.to;
  std::map<std::pair<std::string, std::string>, ActiveDyad> pairs;
  DYAD_RETURN_IF_ERROR(store.ForEachDailyCount(filter, [&](const store::DailyCount& c) {
    if (c.source.empty() || c.target.empty() || c.source == c.target) return true;
    auto key = c.source < c.target ? std::make_pair(c.source, c.target) : std::make_pair(c.target, c.source);
    ActiveDyad& d = pairs[key];
    for (int q = 0; q < 4; ++q) d.quad[q] += c.quad[q];
    d.goldstein_sum += c.goldstein_sum;
    return true;
  }));
  for (auto& [key, d] : pairs) {
    d.a = key.first;
    d.b = key.second;
    out.dyads.push_back(std::move(d));
  }
  // Stable: equal counts keep the map's (a, b) order, so the same store gives the same list.
  std::stable_sort(out.dyads.begin(), out.dyads.end(),
                   [](const ActiveDyad& x, const ActiveDyad& y) { return x.events() > y.events(); });
  if (static_cast<int>(out.dyads.size()) > options.top) out.dyads.resize(std::max(0, options.top));
  return out;
}

}  // namespace dyad::analytics
