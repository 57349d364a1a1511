// The analytics end to end on a synthetic store with planted structure (synth.h): the series agrees with a
// count of the events themselves, alerts find the planted changes, focus finds the planted partner shifts and
// alignment recovers the blocs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "dyad/analytics/alerts.h"
#include "dyad/analytics/align.h"
#include "dyad/analytics/focus.h"
#include "dyad/analytics/series.h"
#include "dyad/analytics/synth.h"

namespace dyad::analytics {
namespace {

ActorSpec Spec(const std::string& code) { return *ParseActorSpec(code, nullptr, Date()); }

class SyntheticStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("dyad_analytics_test_" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    Result<std::unique_ptr<store::EventStore>> opened =
        store::EventStore::Open((*dir_ / "synth.db").string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = opened->release();
    SynthOptions options;
    options.events = 250000;
    options.actors = 20;
    options.weeks = 120;
    options.seed = 7;
    Result<SynthTruth> truth = FillStore(*store_, options);
    ASSERT_TRUE(truth.ok()) << truth.status().ToString();
    truth_ = new SynthTruth(std::move(*truth));
    options_ = new SynthOptions(options);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete truth_;
    delete options_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static std::filesystem::path* dir_;
  static store::EventStore* store_;
  static SynthTruth* truth_;
  static SynthOptions* options_;
};
std::filesystem::path* SyntheticStore::dir_ = nullptr;
store::EventStore* SyntheticStore::store_ = nullptr;
SynthTruth* SyntheticStore::truth_ = nullptr;
SynthOptions* SyntheticStore::options_ = nullptr;

// The aggregate path against the slow obviously-correct one: every event of the dyad, counted one by one.
void WeeklySeriesMatchesACountOfTheEvents(store::EventStore* store_,
                                          [[maybe_unused]] const SynthTruth* truth_,
                                          [[maybe_unused]] const SynthOptions* options_) {
  SeriesOptions options;
  Result<DyadSeries> series = BuildSeries(*store_, Spec("CHN"), Spec("RUS"), options);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_FALSE(series->points.empty());
  std::map<int32_t, std::array<int64_t, 4>> by_week;
  double goldstein = 0;
  int64_t total = 0;
  for (const char* source : {"CHN", "RUS"}) {
    store::EventFilter filter;
    filter.source = source;
    filter.target = source == std::string("CHN") ? "RUS" : "CHN";
    ASSERT_TRUE(store_
                    ->ForEachEvent(filter,
                                   [&](const store::EventRecord& e) {
                                     by_week[PeriodStart(e.date, Period::kWeek).days()][e.quad_class - 1]++;
                                     goldstein += e.goldstein;
                                     ++total;
                                     return true;
                                   })
                    .ok());
  }
  EXPECT_EQ(series->total_events, total);
  double series_goldstein = 0;
  for (const SeriesPoint& p : series->points) {
    EXPECT_EQ(p.quad, by_week[p.start.days()]) << p.start.ToString();
    EXPECT_GT(p.volume, 0);
    series_goldstein += p.goldstein_sum;
  }
  EXPECT_NEAR(series_goldstein, goldstein, 1e-6 * std::abs(goldstein) + 1e-6);
  // Directed: only CHN -> RUS, about half.
  options.directed = true;
  Result<DyadSeries> directed = BuildSeries(*store_, Spec("CHN"), Spec("RUS"), options);
  ASSERT_TRUE(directed.ok());
  EXPECT_GT(directed->total_events, total / 3);
  EXPECT_LT(directed->total_events, total * 2 / 3);
  // An actor code below the principal goes through the events: CHNGOV -> RUS is a part of CHN -> RUS.
  Result<DyadSeries> government = BuildSeries(*store_, Spec("CHNGOV"), Spec("RUS"), options);
  ASSERT_TRUE(government.ok());
  EXPECT_GT(government->total_events, 0);
  EXPECT_LT(government->total_events, directed->total_events);
}

void AlertsFindThePlantedChanges(store::EventStore* store_, [[maybe_unused]] const SynthTruth* truth_,
                                 [[maybe_unused]] const SynthOptions* options_) {
  AlertOptions options;
  options.since = options_->start;
  options.history_weeks = 0;
  options.evidence_alerts = 1 << 30;  // every alert gets its events (the default lists them for the first 50)
  Result<std::vector<Alert>> alerts = ScanAlerts(*store_, options);
  ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
  int found = 0;
  for (const PlantedChange& c : truth_->changes) {
    bool hit = false;
    for (const Alert& a : *alerts) {
      const int delay = (a.detected.days() - c.date.days()) / 7;
      if (a.a == c.a && a.b == c.b && a.series == (c.conflict ? "conflict" : "cooperation") &&
          a.direction == (c.factor > 1 ? 1 : -1) && delay >= 0 && delay <= 2) {
        hit = true;
        if (a.direction > 0) {
          EXPECT_FALSE(a.events.empty());  // a fall may leave no events behind it
        }
      }
    }
    found += hit;
    if (!hit)
      std::printf("missed %s-%s %s x%.2f week %d\n", c.a.c_str(), c.b.c_str(),
                  c.conflict ? "conflict" : "cooperation", c.factor, c.week);
  }
  const double recall = static_cast<double>(found) / truth_->changes.size();
  std::printf("%zu planted, recall within 2 weeks %.3f, %zu alerts\n", truth_->changes.size(), recall,
              alerts->size());
  EXPECT_GE(truth_->changes.size(), 15u);
  EXPECT_GE(recall, 0.9);
}

void FocusFlagsThePlantedPartnerShifts(store::EventStore* store_, [[maybe_unused]] const SynthTruth* truth_,
                                       [[maybe_unused]] const SynthOptions* options_) {
  ASSERT_FALSE(truth_->shifts.empty());
  for (const PlantedShift& shift : truth_->shifts) {
    FocusOptions options;
    options.to = options_->start.AddDays(7 * options_->weeks - 1);
    options.windows = 12;
    Result<Focus> focus = AnalyzeFocus(*store_, Spec(shift.actor), options);
    ASSERT_TRUE(focus.ok()) << focus.status().ToString();
    bool toward = false;
    for (const FocusShift& s : focus->shifts) {
      const bool near = s.window_to >= shift.date && s.window_from <= shift.date.AddDays(7 * 13 * 2);
      if (near && s.kind == "cooperation")
        toward |= s.partner == shift.to_partner && s.share_after > s.share_before;
    }
    EXPECT_TRUE(toward) << shift.actor << " toward " << shift.to_partner;
    // The old partner's share of cooperation falls from the window before the shift to the last one.
    auto share = [&](const FocusWindow& w) {
      for (const PartnerShare& p : w.cooperation) {
        if (p.partner == shift.from_partner) return p.share;
      }
      return 0.0;
    };
    const FocusWindow* before = nullptr;
    for (const FocusWindow& w : focus->windows) {
      if (w.to < shift.date) before = &w;
    }
    ASSERT_NE(before, nullptr);
    EXPECT_LT(share(focus->windows.back()), share(*before) * 0.6)
        << shift.actor << " away from " << shift.from_partner;
  }
}

void AlignmentRecoversTheBlocs(store::EventStore* store_, [[maybe_unused]] const SynthTruth* truth_,
                               [[maybe_unused]] const SynthOptions* options_) {
  AlignOptions options;
  options.top = 15;
  options.to = options_->start.AddDays(7 * 40);  // before any planted shift
  options.window_days = 7 * 40;
  Result<Alignment> alignment = AnalyzeAlignment(*store_, options);
  ASSERT_TRUE(alignment.ok()) << alignment.status().ToString();
  std::map<std::string, int> truth_bloc;
  for (size_t b = 0; b < truth_->blocs.size(); ++b) {
    for (const std::string& a : truth_->blocs[b]) truth_bloc[a] = static_cast<int>(b);
  }
  std::map<std::string, int> found_bloc;
  for (size_t b = 0; b < alignment->blocs.size(); ++b) {
    for (const std::string& a : alignment->blocs[b].members) found_bloc[a] = static_cast<int>(b);
  }
  // Pairwise agreement: two actors are in one found bloc exactly when they are in one planted bloc.
  int agree = 0, pairs = 0;
  for (size_t i = 0; i < alignment->actors.size(); ++i) {
    for (size_t j = i + 1; j < alignment->actors.size(); ++j) {
      const std::string& x = alignment->actors[i];
      const std::string& y = alignment->actors[j];
      agree += (truth_bloc[x] == truth_bloc[y]) == (found_bloc[x] == found_bloc[y]);
      ++pairs;
    }
  }
  EXPECT_EQ(alignment->blocs.size(), truth_->blocs.size());
  EXPECT_GE(static_cast<double>(agree) / pairs, 0.95);
  EXPECT_GT(alignment->modularity, 0.2);
  // Actors of one bloc are more alike than actors of different blocs.
  double same = 0, other = 0;
  int n_same = 0, n_other = 0;
  for (size_t i = 0; i < alignment->actors.size(); ++i) {
    for (size_t j = i + 1; j < alignment->actors.size(); ++j) {
      const bool together = truth_bloc[alignment->actors[i]] == truth_bloc[alignment->actors[j]];
      (together ? same : other) += alignment->similarity[i][j];
      ++(together ? n_same : n_other);
    }
  }
  EXPECT_GT(same / n_same, other / n_other + 0.3);
  // The densest triads lie within blocs.
  ASSERT_FALSE(alignment->triads.empty());
  const Triad& densest = alignment->triads.front();
  EXPECT_EQ(truth_bloc[densest.actors[0]], truth_bloc[densest.actors[1]]);
  EXPECT_EQ(truth_bloc[densest.actors[0]], truth_bloc[densest.actors[2]]);
  EXPECT_GT(densest.density, 1.0);
}

// One test case for the whole store: ctest runs each case in a process of its own, and the store takes
// seconds to build (minutes under the sanitizers).
TEST_F(SyntheticStore, PlantedStructureIsRecovered) {
  {
    SCOPED_TRACE("WeeklySeriesMatchesACountOfTheEvents");
    WeeklySeriesMatchesACountOfTheEvents(store_, truth_, options_);
  }
  {
    SCOPED_TRACE("AlertsFindThePlantedChanges");
    AlertsFindThePlantedChanges(store_, truth_, options_);
  }
  {
    SCOPED_TRACE("FocusFlagsThePlantedPartnerShifts");
    FocusFlagsThePlantedPartnerShifts(store_, truth_, options_);
  }
  {
    SCOPED_TRACE("AlignmentRecoversTheBlocs");
    AlignmentRecoversTheBlocs(store_, truth_, options_);
  }
}

TEST(Louvain, TwoCliquesJoinedByOneEdge) {
  std::vector<std::vector<double>> w(6, std::vector<double>(6, 0));
  auto link = [&](int a, int b, double x) { w[a][b] = w[b][a] = x; };
  link(0, 1, 5);
  link(0, 2, 5);
  link(1, 2, 5);
  link(3, 4, 5);
  link(3, 5, 5);
  link(4, 5, 5);
  link(2, 3, 1);
  double q = 0;
  std::vector<int> c = Louvain(w, &q);
  EXPECT_EQ(c, (std::vector<int>{0, 0, 0, 1, 1, 1}));
  EXPECT_GT(q, 0.3);
}

}  // namespace
}  // namespace dyad::analytics
