#include "dyad/analytics/focus.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "dyad/analytics/series.h"
#include "dyad/store/aggregates.h"

namespace dyad::analytics {
namespace {

// counts[window][partner] for cooperation (0) and conflict (1).
using Tally = std::vector<std::map<std::string, int64_t>>;

std::vector<PartnerShare> Shares(const std::map<std::string, int64_t>& counts, int64_t& total) {
  total = 0;
  for (const auto& [partner, n] : counts) total += n;
  std::vector<PartnerShare> shares;
  for (const auto& [partner, n] : counts) {
    shares.push_back({partner, n, total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0});
  }
  std::sort(shares.begin(), shares.end(), [](const PartnerShare& x, const PartnerShare& y) {
    return x.events != y.events ? x.events > y.events : x.partner < y.partner;
  });
  return shares;
}

}  // namespace

Result<Focus> AnalyzeFocus(store::EventStore& store, const ActorSpec& actor, const FocusOptions& options) {
  Focus focus;
  focus.actor = actor;
  std::optional<Date> to = options.to;
  DYAD_RETURN_IF_ERROR(DefaultToLastStoredDay(store, to));
  if (!to) return focus;
  const int windows = std::max(1, options.windows);
  const int span = 7 * std::max(1, options.window_weeks);
  // Windows of whole weeks, the last one ending on the Sunday of `to`'s week, so that the weekly aggregate
  // answers.
  to = PeriodStart(*to, Period::kWeek).AddDays(6);
  const Date first = to->AddDays(1 - span * windows);
  for (int w = 0; w < windows; ++w) {
    FocusWindow window;
    window.from = first.AddDays(span * w);
    window.to = window.from.AddDays(span - 1);
    focus.windows.push_back(window);
  }
  auto window_of = [&](Date d) { return (d.days() - first.days()) / span; };
  Tally tally[2] = {Tally(windows), Tally(windows)};
  auto add = [&](Date day, const std::string& partner, int64_t cooperation, int64_t conflict) {
    if (day < first || day > *to) return;
    if (cooperation > 0) tally[0][window_of(day)][partner] += cooperation;
    if (conflict > 0) tally[1][window_of(day)][partner] += conflict;
  };
  if (actor.AllPrincipals()) {
    // One summed query per window: the database adds up the days.
    for (const FocusWindow& window : focus.windows) {
      store::AggregateFilter filter;
      filter.sources = actor.codes;  // the actor on either side: sources, or (either_direction) targets
      filter.either_direction = true;
      filter.from = window.from;
      filter.to = window.to.AddDays(-6);  // the Monday of the window's last week
      filter.sum_over_days = true;
      filter.weekly = true;
      DYAD_RETURN_IF_ERROR(store.ForEachDailyCount(filter, [&](const store::DailyCount& c) {
        const bool as_source = actor.Contains(c.source);
        const std::string& partner = as_source ? c.target : c.source;
        if (actor.Contains(partner)) return true;  // within the actor (domestic, or inside a group)
        add(window.from, partner, c.cooperation(), c.conflict());
        return true;
      }));
    }
  } else {
    for (const std::string& code : actor.codes) {
      store::EventFilter filter;
      filter.actor = code;
      filter.from = first;
      filter.to = *to;
      DYAD_RETURN_IF_ERROR(store.ForEachEvent(filter, [&](const store::EventRecord& e) {
        if (e.mode != "asserted" || e.source.empty() || e.target.empty()) return true;
        const bool as_source = actor.Contains(e.source);
        const std::string& other = as_source ? e.target : e.source;
        if (actor.Contains(other)) return true;
        if (e.quad_class < 1 || e.quad_class > 4) return true;
        add(e.date, std::string(store::PrincipalOf(other)), e.quad_class <= 2 ? 1 : 0,
            e.quad_class >= 3 ? 1 : 0);
        return true;
      }));
    }
  }
  for (int w = 0; w < windows; ++w) {
    FocusWindow& window = focus.windows[w];
    window.cooperation = Shares(tally[0][w], window.cooperation_total);
    window.conflict = Shares(tally[1][w], window.conflict_total);
  }
  // Shifts between consecutive windows: a partner's share moved by min_shift or more, with a clear z.
  for (int w = 1; w < windows; ++w) {
    std::vector<FocusShift> found;
    for (int kind = 0; kind < 2; ++kind) {
      const auto& before = tally[kind][w - 1];
      const auto& after = tally[kind][w];
      int64_t n1 = 0, n2 = 0;
      for (const auto& [p, n] : before) n1 += n;
      for (const auto& [p, n] : after) n2 += n;
      if (n1 == 0 || n2 == 0) continue;
      std::map<std::string, std::pair<int64_t, int64_t>> partners;
      for (const auto& [p, n] : before) partners[p].first = n;
      for (const auto& [p, n] : after) partners[p].second = n;
      for (const auto& [partner, counts] : partners) {
        const double p1 = static_cast<double>(counts.first) / n1,
                     p2 = static_cast<double>(counts.second) / n2;
        const double pooled = static_cast<double>(counts.first + counts.second) / (n1 + n2);
        const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se <= 0) continue;
        const double z = (p2 - p1) / se;
        if (std::abs(p2 - p1) < options.min_shift || std::abs(z) < options.min_z) continue;
        FocusShift shift;
        shift.kind = kind == 0 ? "cooperation" : "conflict";
        shift.partner = partner;
        shift.share_before = p1;
        shift.share_after = p2;
        shift.events_before = counts.first;
        shift.events_after = counts.second;
        shift.window_from = focus.windows[w].from;
        shift.window_to = focus.windows[w].to;
        shift.z = z;
        found.push_back(shift);
      }
    }
    std::sort(found.begin(), found.end(), [](const FocusShift& x, const FocusShift& y) {
      const double dx = std::abs(x.share_after - x.share_before),
                   dy = std::abs(y.share_after - y.share_before);
      return dx != dy ? dx > dy : std::tie(x.kind, x.partner) < std::tie(y.kind, y.partner);
    });
    focus.shifts.insert(focus.shifts.end(), found.begin(), found.end());
  }
  return focus;
}

}  // namespace dyad::analytics
