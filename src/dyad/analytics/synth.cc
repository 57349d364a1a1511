#include "dyad/analytics/synth.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

namespace dyad::analytics {
namespace {

constexpr const char* kCountries[] = {
    "USA", "CHN", "RUS", "PRK", "KOR", "JPN", "IND", "PAK", "IRN", "ISR", "UKR", "DEU", "FRA", "GBR", "TUR",
    "SAU", "EGY", "BRA", "MEX", "CAN", "AUS", "IDN", "VNM", "PHL", "TWN", "SYR", "IRQ", "AFG", "VEN", "CUB",
    "NGA", "ZAF", "ETH", "KEN", "SDN", "POL", "ITA", "ESP", "NLD", "BEL", "SWE", "FIN", "NOR", "BLR", "KAZ",
    "MMR", "THA", "MYS", "SGP", "BGD", "LKA", "NPL", "ARG", "CHL", "COL", "PER", "QAT", "ARE", "JOR", "LBN"};
constexpr int kMaxActors = static_cast<int>(std::size(kCountries));

// A representative CAMEO code per QuadClass, with its Goldstein value.
struct Code {
  const char* code;
  double goldstein;
};
constexpr Code kCodes[4][3] = {
    {{"040", 1.0}, {"036", 4.0}, {"051", 3.4}},
    {{"061", 6.4}, {"071", 7.4}, {"057", 8.0}},
    {{"111", -2.0}, {"130", -4.4}, {"112", -2.0}},
    {{"173", -5.0}, {"190", -10.0}, {"163", -8.0}},
};
constexpr const char* kSectors[] = {"", "", "GOV", "MIL"};

struct Pair {
  int i, j;                      // i < j
  double cooperation, conflict;  // base events a week (before growth)
};

double NegativeBinomialDraw(std::mt19937_64& rng, double mean, double dispersion) {
  if (mean <= 0) return 0;
  double lambda = mean;
  if (dispersion > 0) {
    std::gamma_distribution<double> gamma(1.0 / dispersion, dispersion * mean);
    lambda = gamma(rng);
  }
  std::poisson_distribution<int64_t> poisson(lambda);
  return static_cast<double>(poisson(rng));
}

// A planted change, its dyad in alphabetical order as the analytics name dyads.
PlantedChange Planted(std::string a, std::string b, bool conflict, double factor, int week, Date date) {
  if (b < a) std::swap(a, b);
  return {std::move(a), std::move(b), conflict, factor, week, date};
}

}  // namespace

std::vector<double> SimulateCounts(std::mt19937_64& rng, double rate, int weeks, int change_week,
                                   double factor, double dispersion) {
  std::vector<double> counts(weeks);
  for (int w = 0; w < weeks; ++w) {
    double mean = change_week >= 0 && w >= change_week ? rate * factor : rate;
    counts[w] = NegativeBinomialDraw(rng, mean, dispersion);
  }
  return counts;
}

Result<SynthTruth> GenerateEvents(const SynthOptions& options,
                                  const std::function<Status(const store::EventRecord&)>& sink) {
  if (options.actors < 3 || options.actors > kMaxActors) {
    return InvalidArgument(fmt::format("--actors must be between 3 and {}", kMaxActors));
  }
  if (options.weeks < 30) return InvalidArgument("--weeks must be at least 30");
  if (options.blocs < 1 || options.blocs > options.actors) return InvalidArgument("--blocs out of range");
  std::mt19937_64 rng(options.seed);
  SynthTruth truth;
  truth.blocs.resize(options.blocs);
  for (int i = 0; i < options.actors; ++i) truth.blocs[i % options.blocs].push_back(kCountries[i]);

  // Activity falls with rank (a few actors dominate the news, as in real data).
  std::vector<double> activity(options.actors);
  for (int i = 0; i < options.actors; ++i) activity[i] = 1.0 / std::pow(1.0 + i, 0.6);
  std::vector<Pair> pairs;
  for (int i = 0; i < options.actors; ++i) {
    for (int j = i + 1; j < options.actors; ++j) {
      const bool same_bloc = i % options.blocs == j % options.blocs;
      const double weight = activity[i] * activity[j] * (same_bloc ? 1.0 : 0.6);
      const double cooperative_share = same_bloc ? 0.85 : 0.35;
      pairs.push_back({i, j, weight * cooperative_share, weight * (1 - cooperative_share)});
    }
  }
  // Scale the rates so that the total comes to about options.events.
  double growth_sum = 0;
  for (int w = 0; w < options.weeks; ++w) growth_sum += std::pow(1 + options.growth, w / 52.0);
  double weight_sum = 0;
  for (const Pair& p : pairs) weight_sum += p.cooperation + p.conflict;
  const double scale = static_cast<double>(options.events) / (weight_sum * growth_sum);
  for (Pair& p : pairs) {
    p.cooperation *= scale;
    p.conflict *= scale;
  }

  // Planted changes: (pair index, conflict?) -> (week, factor). One change per series at most.
  std::map<std::pair<int, bool>, std::pair<int, double>> planted;
  std::uniform_int_distribution<int> change_week(std::max(40, options.weeks / 4), options.weeks - 12);
  const int first_week_of_shifts = std::max(40, options.weeks / 2);
  // Partner shifts first: actor X's cooperation with its own-bloc partner Y falls, with Z of another bloc
  // rises.
  for (int s = 0; s < options.shifts && options.blocs > 1; ++s) {
    const int x = s * options.blocs % options.actors;  // an actor of bloc 0
    int y = -1, z = -1;
    for (int k = 0; k < options.actors; ++k) {
      if (k == x) continue;
      bool same = k % options.blocs == x % options.blocs;
      if (same && y < 0) y = k;
      if (!same && z < 0 && k > x) z = k;
    }
    if (y < 0 || z < 0) break;
    auto pair_index = [&](int a, int b) {
      for (size_t k = 0; k < pairs.size(); ++k) {
        if (pairs[k].i == std::min(a, b) && pairs[k].j == std::max(a, b)) return static_cast<int>(k);
      }
      return -1;
    };
    const int from = pair_index(x, y), to = pair_index(x, z);
    if (planted.count({from, false}) || planted.count({to, false})) continue;
    const int week = first_week_of_shifts + s * 8;
    if (week >= options.weeks - 8) break;
    // The new partner gets the cooperation the old one loses, and then some.
    const double moved = pairs[from].cooperation * 0.7;
    const double to_factor = (pairs[to].cooperation + moved * 1.5) / pairs[to].cooperation;
    planted[{from, false}] = {week, 0.3};
    planted[{to, false}] = {week, to_factor};
    const Date date = options.start.AddDays(7 * week);
    truth.shifts.push_back({kCountries[x], kCountries[y], kCountries[z], week, date});
    truth.changes.push_back(Planted(kCountries[x], kCountries[y], false, 0.3, week, date));
    truth.changes.push_back(Planted(kCountries[x], kCountries[z], false, to_factor, week, date));
  }
  // Rate changes on series busy enough to tell, in a shuffled order of pairs.
  std::vector<int> order(pairs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::shuffle(order.begin(), order.end(), rng);
  int placed = 0;
  for (int k : order) {
    if (placed >= options.changes) break;
    const bool conflict = std::bernoulli_distribution(0.5)(rng);
    const double rate = conflict ? pairs[k].conflict : pairs[k].cooperation;
    if (rate < options.min_change_rate || planted.count({k, false}) || planted.count({k, true})) continue;
    const double factor =
        std::bernoulli_distribution(0.5)(rng) ? options.change_factor : 1 / options.change_factor;
    const int week = change_week(rng);
    planted[{k, conflict}] = {week, factor};
    truth.changes.push_back(Planted(kCountries[pairs[k].i], kCountries[pairs[k].j], conflict, factor, week,
                                    options.start.AddDays(7 * week)));
    ++placed;
  }
  std::sort(truth.changes.begin(), truth.changes.end(), [](const PlantedChange& x, const PlantedChange& y) {
    return std::tie(x.week, x.a, x.b) < std::tie(y.week, y.a, y.b);
  });

  std::vector<store::EventRecord> week_events;
  std::uniform_int_distribution<int> day_of_week(0, 6);
  std::uniform_int_distribution<int> pick3(0, 2);
  std::uniform_int_distribution<int> pick_sector(0, 3);
  std::bernoulli_distribution forward(0.5);
  int64_t next_id = 1;
  for (int w = 0; w < options.weeks; ++w) {
    const double growth = std::pow(1 + options.growth, w / 52.0);
    const Date monday = options.start.AddDays(7 * w);
    week_events.clear();
    for (size_t k = 0; k < pairs.size(); ++k) {
      for (bool conflict : {false, true}) {
        double mean = (conflict ? pairs[k].conflict : pairs[k].cooperation) * growth;
        auto it = planted.find({static_cast<int>(k), conflict});
        if (it != planted.end() && w >= it->second.first) mean *= it->second.second;
        const int64_t n = static_cast<int64_t>(NegativeBinomialDraw(rng, mean, options.dispersion));
        for (int64_t e = 0; e < n; ++e) {
          // Verbal or material: 70/30 for cooperation, 60/40 for conflict.
          const bool material = std::bernoulli_distribution(conflict ? 0.4 : 0.3)(rng);
          const int quad = (conflict ? 3 : 1) + (material ? 1 : 0);
          const Code& code = kCodes[quad - 1][pick3(rng)];
          store::EventRecord r;
          r.date = monday.AddDays(day_of_week(rng));
          const bool ij = forward(rng);
          r.source = std::string(kCountries[ij ? pairs[k].i : pairs[k].j]) + kSectors[pick_sector(rng)];
          r.target = std::string(kCountries[ij ? pairs[k].j : pairs[k].i]) + kSectors[pick_sector(rng)];
          r.code = code.code;
          r.goldstein = code.goldstein;
          r.quad_class = quad;
          r.origin = "synth";
          week_events.push_back(std::move(r));
        }
      }
    }
    std::stable_sort(
        week_events.begin(), week_events.end(),
        [](const store::EventRecord& x, const store::EventRecord& y) { return x.date < y.date; });
    for (store::EventRecord& r : week_events) {
      r.origin_id = std::to_string(next_id++);
      DYAD_RETURN_IF_ERROR(sink(r));
    }
    truth.events += static_cast<int64_t>(week_events.size());
  }
  return truth;
}

Result<SynthTruth> FillStore(store::EventStore& store, const SynthOptions& options) {
  DYAD_RETURN_IF_ERROR(store.BeginBulkLoad());
  DYAD_RETURN_IF_ERROR(store.Begin());
  std::vector<store::EventRecord> batch;
  int64_t in_transaction = 0;
  auto flush = [&]() -> Status {
    Result<int64_t> added = store.AddImportedEvents(batch);
    if (!added.ok()) return added.status();
    in_transaction += static_cast<int64_t>(batch.size());
    batch.clear();
    if (in_transaction < 200000) return Status::Ok();
    in_transaction = 0;
    DYAD_RETURN_IF_ERROR(store.Commit());
    return store.Begin();
  };
  Result<SynthTruth> truth = GenerateEvents(options, [&](const store::EventRecord& e) {
    batch.push_back(e);
    return batch.size() < 512 ? Status::Ok() : flush();
  });
  Status status = truth.ok() ? flush() : truth.status();
  if (!status.ok()) {
    (void)store.Rollback();
    return status;
  }
  DYAD_RETURN_IF_ERROR(store.Commit());
  DYAD_RETURN_IF_ERROR(store.EndBulkLoad());
  DYAD_RETURN_IF_ERROR(store.RefreshAggregates());
  return truth;
}

std::string TruthJson(const SynthTruth& truth) {
  std::string out = "{\"events\":" + std::to_string(truth.events) + ",\"blocs\":[";
  for (size_t b = 0; b < truth.blocs.size(); ++b) {
    out += b ? ",[" : "[";
    for (size_t i = 0; i < truth.blocs[b].size(); ++i) {
      out += fmt::format("{}\"{}\"", i ? "," : "", truth.blocs[b][i]);
    }
    out += "]";
  }
  out += "],\"changes\":[";
  for (size_t k = 0; k < truth.changes.size(); ++k) {
    const PlantedChange& c = truth.changes[k];
    out += fmt::format(
        "{}{{\"a\":\"{}\",\"b\":\"{}\",\"series\":\"{}\",\"factor\":{:.3f},\"week\":{},\"date\":\"{}\"}}",
        k ? "," : "", c.a, c.b, c.conflict ? "conflict" : "cooperation", c.factor, c.week, c.date.ToString());
  }
  out += "],\"shifts\":[";
  for (size_t k = 0; k < truth.shifts.size(); ++k) {
    const PlantedShift& s = truth.shifts[k];
    out += fmt::format("{}{{\"actor\":\"{}\",\"from\":\"{}\",\"to\":\"{}\",\"week\":{},\"date\":\"{}\"}}",
                       k ? "," : "", s.actor, s.from_partner, s.to_partner, s.week, s.date.ToString());
  }
  return out + "]}\n";
}

Result<std::unique_ptr<store::EventStore>> OpenBenchStore(std::string_view name) {
  const char* given = std::getenv("DYAD_BENCH_STORE");
  std::string location;
  if (given != nullptr) {
    location = given;
  } else {
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("{}_{}", name, ::getpid());
    std::filesystem::create_directories(dir);
    location = (dir / "synth.db").string();
  }
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(location);
  if (!store.ok()) return store.status();
  if (given == nullptr) {
    Result<SynthTruth> truth = FillStore(**store, SynthOptions{});
    if (!truth.ok()) return truth.status();
  }
  DYAD_RETURN_IF_ERROR((*store)->RefreshAggregates());
  return store;
}

}  // namespace dyad::analytics
