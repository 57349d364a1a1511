// Alignment: how alike actors' interaction profiles are, which blocs their mutual cooperation forms, and
// which triads (CHN-PRK-RUS) cooperate more densely than their overall activity would predict.
//
// - Similarity: each actor's profile is its net cooperation (cooperative minus conflictual events, over its
//   events) with every partner; two actors are compared by the cosine of their profiles over third parties.
// - Blocs: Louvain community detection (modularity) on the graph whose edge weight is a pair's net
// cooperation,
//   when positive.
// - Triads: a pair's cooperation lift is its cooperative events over what the two actors' cooperation with
//   everyone would give it (the configuration-model expectation C_i C_j / 2M); a triad's density is the
//   geometric mean of its three lifts, against a baseline of 1. The previous window's density shows the
//   trend.
#ifndef DYAD_ANALYTICS_ALIGN_H_
#define DYAD_ANALYTICS_ALIGN_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/store/event_store.h"

namespace dyad::analytics {

struct AlignOptions {
  std::vector<std::string> actors;  // principals; empty: the `top` most active countries and organisations
  int top = 20;
  std::optional<Date> to;                          // default: the store's last day
  int window_days = 365;                           // the window ends at `to`; the previous window precedes it
  int64_t min_pair_events = 5;                     // a pair with fewer events counts as no relationship
  std::vector<std::array<std::string, 3>> triads;  // triads to report whatever their rank
  int top_triads = 10;
  // Read only the events among the actors (enough for blocs and triads, and much less to read for busy
  // actors); the similarity profiles then cover those partners only.
  bool among_actors_only = false;
};

struct Bloc {
  std::vector<std::string> members;
  double internal_cooperation = 0;  // share of the members' mutual events that are cooperative
};

struct Triad {
  std::array<std::string, 3> actors;
  std::array<double, 3> pair_lift{};  // (0,1), (0,2), (1,2)
  double density = 0;                 // geometric mean of the pair lifts; the baseline is 1
  double previous_density = 0;        // the same in the previous window
  int64_t cooperative_events = 0;     // among the three, in the window
};

struct Alignment {
  Date from, to;
  std::vector<std::string> actors;
  std::vector<std::vector<double>> similarity;  // cosine, actors x actors
  std::vector<Bloc> blocs;                      // largest first
  double modularity = 0;
  std::vector<Triad> triads;  // requested ones first, then the densest
};

// Refresh the aggregates first (EventStore::RefreshAggregates).
Result<Alignment> AnalyzeAlignment(store::EventStore& store, const AlignOptions& options);

// Louvain community detection on a symmetric non-negative weight matrix: the community of each node (0..k-1,
// numbered by first appearance) and the modularity reached.
std::vector<int> Louvain(const std::vector<std::vector<double>>& weights, double* modularity = nullptr);

// Bare sector codes (COP, REB, GOV ...): principals that are no country or organisation.
bool IsSectorCode(std::string_view principal);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_ALIGN_H_
