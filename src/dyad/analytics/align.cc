#include "dyad/analytics/align.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "dyad/analytics/series.h"

namespace dyad::analytics {
namespace {

struct PairCounts {
  int64_t cooperation = 0, conflict = 0;
};

// Undirected pair counts in a date range: key (a, b) with a < b.
using PairMap = std::map<std::pair<std::string, std::string>, PairCounts>;

// `actors` non-empty: only the pairs that involve one of them (their profiles need every partner).
Status CountPairs(store::EventStore& store, Date from, Date to, const std::vector<std::string>& actors,
                  bool among_only, PairMap& pairs) {
  store::AggregateFilter filter;
  filter.from = from;
  filter.to = to;
  filter.sources = actors;
  filter.sum_over_days = true;
  if (among_only) {
    filter.targets = actors;
  } else {
    filter.either_direction = !actors.empty();
  }
  return store.ForEachDailyCount(filter, [&](const store::DailyCount& c) {
    if (c.source == c.target) return true;
    auto key = c.source < c.target ? std::make_pair(c.source, c.target) : std::make_pair(c.target, c.source);
    PairCounts& p = pairs[key];
    p.cooperation += c.cooperation();
    p.conflict += c.conflict();
    return true;
  });
}

double ModularityOf(const std::vector<std::vector<double>>& w, const std::vector<int>& community) {
  const size_t n = w.size();
  double total = 0;
  std::vector<double> degree(n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) degree[i] += w[i][j];
    total += degree[i];
  }
  if (total <= 0) return 0;
  double q = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (community[i] == community[j]) q += w[i][j] - degree[i] * degree[j] / total;
    }
  }
  return q / total;
}

// Triad density from pair lifts.
double Density(const std::array<double, 3>& lifts) {
  for (double l : lifts) {
    if (l <= 0) return 0;
  }
  return std::cbrt(lifts[0] * lifts[1] * lifts[2]);
}

}  // namespace

bool IsSectorCode(std::string_view p) {
  static const std::set<std::string_view> kSectors = {"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI",
                                                      "ENV", "GOV", "HLH", "HRI", "IGO", "INS", "JUD", "LAB",
                                                      "LEG", "MED", "MIL", "MNC", "NGO", "OPP", "PTY", "REB",
                                                      "REF", "REL", "SEP", "SPY", "UAF", "UNK"};
  return kSectors.count(p) > 0;
}

std::vector<int> Louvain(const std::vector<std::vector<double>>& weights, double* modularity) {
  const size_t n = weights.size();
  std::vector<int> node_community(n);
  std::iota(node_community.begin(), node_community.end(), 0);
  // Level by level: move nodes (super-nodes after the first level) to the neighbouring community that gains
  // the most modularity until nothing moves, then merge each community into one node.
  std::vector<std::vector<double>> w = weights;
  std::vector<std::vector<int>> members(n);
  for (size_t i = 0; i < n; ++i) members[i] = {static_cast<int>(i)};
  while (true) {
    const size_t m = w.size();
    double total = 0;
    std::vector<double> degree(m, 0);
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < m; ++j) degree[i] += w[i][j];
      total += degree[i];
    }
    if (total <= 0) break;
    std::vector<int> community(m);
    std::iota(community.begin(), community.end(), 0);
    std::vector<double> community_degree = degree;
    bool moved_any = false;
    for (int pass = 0; pass < 100; ++pass) {
      bool moved = false;
      for (size_t i = 0; i < m; ++i) {
        const int own = community[i];
        std::map<int, double> links;  // weight from i to each community
        for (size_t j = 0; j < m; ++j) {
          if (j != i && w[i][j] > 0) links[community[j]] += w[i][j];
        }
        community_degree[own] -= degree[i];
        int best = own;
        double best_gain = links[own] - community_degree[own] * degree[i] / total;
        for (const auto& [c, k] : links) {
          const double gain = k - community_degree[c] * degree[i] / total;
          if (gain > best_gain + 1e-12 || (std::abs(gain - best_gain) <= 1e-12 && c < best && c != own)) {
            if (gain > best_gain + 1e-12) {
              best = c;
              best_gain = gain;
            }
          }
        }
        community_degree[best] += degree[i];
        if (best != own) {
          community[i] = best;
          moved = true;
          moved_any = true;
        }
      }
      if (!moved) break;
    }
    if (!moved_any) break;
    // Merge communities into super-nodes.
    std::map<int, int> renumber;
    for (size_t i = 0; i < m; ++i) renumber.emplace(community[i], static_cast<int>(renumber.size()));
    const size_t k = renumber.size();
    std::vector<std::vector<double>> merged(k, std::vector<double>(k, 0));
    std::vector<std::vector<int>> merged_members(k);
    for (size_t i = 0; i < m; ++i) {
      const int ci = renumber[community[i]];
      merged_members[ci].insert(merged_members[ci].end(), members[i].begin(), members[i].end());
      for (size_t j = 0; j < m; ++j) merged[ci][renumber[community[j]]] += w[i][j];
    }
    w = std::move(merged);
    members = std::move(merged_members);
    if (k == m) break;
  }
  for (size_t c = 0; c < members.size(); ++c) {
    for (int node : members[c]) node_community[node] = static_cast<int>(c);
  }
  // Number communities by first appearance, so that the output does not depend on internal order.
  std::map<int, int> first;
  for (size_t i = 0; i < n; ++i) first.emplace(node_community[i], static_cast<int>(first.size()));
  for (size_t i = 0; i < n; ++i) node_community[i] = first[node_community[i]];
  if (modularity != nullptr) *modularity = ModularityOf(weights, node_community);
  return node_community;
}

Result<Alignment> AnalyzeAlignment(store::EventStore& store, const AlignOptions& options) {
  Alignment out;
  std::optional<Date> to = options.to;
  DYAD_RETURN_IF_ERROR(DefaultToLastStoredDay(store, to));
  if (!to) return out;
  out.to = *to;
  out.from = to->AddDays(1 - options.window_days);
  PairMap pairs, previous;
  std::vector<std::string> involved = options.actors;
  if (!involved.empty()) {
    for (const auto& triad : options.triads) involved.insert(involved.end(), triad.begin(), triad.end());
  }
  const bool among = options.among_actors_only && !involved.empty();
  DYAD_RETURN_IF_ERROR(CountPairs(store, out.from, out.to, involved, among, pairs));
  DYAD_RETURN_IF_ERROR(CountPairs(store, out.from.AddDays(-options.window_days), out.from.AddDays(-1),
                                  involved, among, previous));

  // The actors: as given, or the most active countries and organisations.
  std::map<std::string, int64_t> activity;
  for (const auto& [key, c] : pairs) {
    activity[key.first] += c.cooperation + c.conflict;
    activity[key.second] += c.cooperation + c.conflict;
  }
  if (!options.actors.empty()) {
    out.actors = options.actors;
  } else {
    std::vector<std::pair<int64_t, std::string>> ranked;
    for (const auto& [actor, n] : activity) {
      if (!IsSectorCode(actor)) ranked.push_back({-n, actor});
    }
    std::sort(ranked.begin(), ranked.end());
    for (size_t i = 0; i < ranked.size() && static_cast<int>(i) < options.top; ++i)
      out.actors.push_back(ranked[i].second);
  }
  for (const auto& triad : options.triads) {
    for (const std::string& a : triad) {
      if (std::find(out.actors.begin(), out.actors.end(), a) == out.actors.end()) out.actors.push_back(a);
    }
  }
  const size_t n = out.actors.size();
  auto counts = [&](const PairMap& map, const std::string& a, const std::string& b) {
    auto it = map.find(a < b ? std::make_pair(a, b) : std::make_pair(b, a));
    PairCounts c = it == map.end() ? PairCounts{} : it->second;
    if (c.cooperation + c.conflict < options.min_pair_events) c = PairCounts{};
    return c;
  };

  // Profiles over every partner seen, then cosine similarity over third parties.
  std::vector<std::string> partners;
  for (const auto& [actor, count] : activity) partners.push_back(actor);
  std::vector<std::vector<double>> profile(n, std::vector<double>(partners.size(), 0));
  for (size_t i = 0; i < n; ++i) {
    const double total = std::max<double>(1, static_cast<double>(activity[out.actors[i]]));
    for (size_t p = 0; p < partners.size(); ++p) {
      if (partners[p] == out.actors[i]) continue;
      PairCounts c = counts(pairs, out.actors[i], partners[p]);
      profile[i][p] = static_cast<double>(c.cooperation - c.conflict) / total;
    }
  }
  out.similarity.assign(n, std::vector<double>(n, 1.0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      double dot = 0, ni = 0, nj = 0;
      for (size_t p = 0; p < partners.size(); ++p) {
        if (partners[p] == out.actors[i] || partners[p] == out.actors[j]) continue;
        dot += profile[i][p] * profile[j][p];
        ni += profile[i][p] * profile[i][p];
        nj += profile[j][p] * profile[j][p];
      }
      const double cosine = ni > 0 && nj > 0 ? dot / std::sqrt(ni * nj) : 0;
      out.similarity[i][j] = out.similarity[j][i] = cosine;
    }
  }

  // Blocs from positive net cooperation.
  std::vector<std::vector<double>> weights(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      PairCounts c = counts(pairs, out.actors[i], out.actors[j]);
      weights[i][j] = weights[j][i] = std::max<double>(0, static_cast<double>(c.cooperation - c.conflict));
    }
  }
  std::vector<int> community = Louvain(weights, &out.modularity);
  int communities = 0;
  for (int c : community) communities = std::max(communities, c + 1);
  for (int c = 0; c < communities; ++c) {
    Bloc bloc;
    int64_t cooperative = 0, all = 0;
    for (size_t i = 0; i < n; ++i) {
      if (community[i] != c) continue;
      bloc.members.push_back(out.actors[i]);
      for (size_t j = i + 1; j < n; ++j) {
        if (community[j] != c) continue;
        PairCounts pc = counts(pairs, out.actors[i], out.actors[j]);
        cooperative += pc.cooperation;
        all += pc.cooperation + pc.conflict;
      }
    }
    std::sort(bloc.members.begin(), bloc.members.end());
    bloc.internal_cooperation = all > 0 ? static_cast<double>(cooperative) / static_cast<double>(all) : 0;
    out.blocs.push_back(std::move(bloc));
  }
  std::sort(out.blocs.begin(), out.blocs.end(), [](const Bloc& x, const Bloc& y) {
    return x.members.size() != y.members.size() ? x.members.size() > y.members.size() : x.members < y.members;
  });

  // Triads: cooperation lift of each pair against the configuration-model expectation, among the actors.
  auto lifts = [&](const PairMap& map) {
    std::vector<double> strength(n, 0);
    double total = 0;
    std::vector<std::vector<double>> coop(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        coop[i][j] = static_cast<double>(counts(map, out.actors[i], out.actors[j]).cooperation);
        strength[i] += coop[i][j];
      }
      total += strength[i];
    }
    std::vector<std::vector<double>> lift(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        const double expected = strength[i] * strength[j] / std::max(1.0, total);
        lift[i][j] = i != j && expected > 0 ? coop[i][j] / expected : 0;
      }
    }
    return std::make_pair(lift, coop);
  };
  // Not a structured binding: clang before 16 (the fuzz build's) cannot capture one in the lambda below.
  const auto current_lifts = lifts(pairs);
  const auto& lift = current_lifts.first;
  const auto& coop = current_lifts.second;
  auto previous_lifts = lifts(previous);
  auto make_triad = [&](size_t i, size_t j, size_t k) {
    Triad t;
    t.actors = {out.actors[i], out.actors[j], out.actors[k]};
    t.pair_lift = {lift[i][j], lift[i][k], lift[j][k]};
    t.density = Density(t.pair_lift);
    t.previous_density =
        Density({previous_lifts.first[i][j], previous_lifts.first[i][k], previous_lifts.first[j][k]});
    t.cooperative_events = static_cast<int64_t>(coop[i][j] + coop[i][k] + coop[j][k]);
    return t;
  };
  auto index_of = [&](const std::string& a) {
    return static_cast<size_t>(std::find(out.actors.begin(), out.actors.end(), a) - out.actors.begin());
  };
  std::set<std::array<std::string, 3>> listed;
  for (auto triad : options.triads) {
    std::sort(triad.begin(), triad.end());
    if (!listed.insert(triad).second) continue;
    out.triads.push_back(make_triad(index_of(triad[0]), index_of(triad[1]), index_of(triad[2])));
  }
  std::vector<Triad> ranked;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      for (size_t k = j + 1; k < n; ++k) {
        Triad t = make_triad(i, j, k);
        if (t.density > 1) ranked.push_back(std::move(t));
      }
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const Triad& x, const Triad& y) {
    return x.density != y.density ? x.density > y.density : x.actors < y.actors;
  });
  for (Triad& t : ranked) {
    if (static_cast<int>(out.triads.size()) >= options.top_triads + static_cast<int>(options.triads.size()))
      break;
    std::array<std::string, 3> key = t.actors;
    std::sort(key.begin(), key.end());
    if (listed.insert(key).second) out.triads.push_back(std::move(t));
  }
  return out;
}

}  // namespace dyad::analytics
