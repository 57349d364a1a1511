#include "dyad/analytics/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace dyad::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Distributions written out here rather than taken from <random>, so the series are the same with any
// standard library: only the engine (std::mt19937_64, fully specified) is borrowed.
class Simulator {
 public:
  explicit Simulator(uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Normal() {                                                              // Box-Muller
    double u = 1.0 - Uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * Uniform());
  }
  double Poisson(double mean) {  // Knuth: count uniforms until their product falls below e^-mean
    const double limit = std::exp(-mean);
    double product = Uniform();
    int count = 0;
    while (product > limit) {
      product *= Uniform();
      ++count;
    }
    return count;
  }

 private:
  std::mt19937_64 engine_;
};

std::vector<double> PoissonSeries(uint64_t seed, int length, double mean) {
  Simulator sim(seed);
  std::vector<double> series;
  for (int i = 0; i < length; ++i) series.push_back(sim.Poisson(mean));
  return series;
}

const BacktestScore& Score(const Forecast& forecast, ForecastModel model) {
  for (const BacktestScore& score : forecast.backtest) {
    if (score.model == ModelName(model)) return score;
  }
  ADD_FAILURE() << "no backtest score for " << ModelName(model);
  static const BacktestScore kEmpty;
  return kEmpty;
}

// The slow, obviously correct twin of NegativeBinomialQuantile: sum the probability mass function from zero,
// each term from lgamma on its own.
double BruteForceQuantile(double mean, double overdispersion, double probability) {
  double cdf = 0;
  for (int x = 0;; ++x) {
    double log_pmf;
    if (overdispersion == 0) {
      log_pmf = x * std::log(mean) - mean - std::lgamma(x + 1.0);
    } else {
      double k = 1 / overdispersion;
      log_pmf = std::lgamma(x + k) - std::lgamma(k) - std::lgamma(x + 1.0) + k * std::log(k / (k + mean)) +
                x * std::log(mean / (k + mean));
    }
    cdf += std::exp(log_pmf);
    if (cdf >= probability) return x;
  }
}

TEST(NegativeBinomialQuantile, KnownPoissonValues) {
  // Poisson(10): P(X <= 5) = 0.067, P(X <= 6) = 0.130, P(X <= 13) = 0.865, P(X <= 14) = 0.917.
  EXPECT_EQ(NegativeBinomialQuantile(10, 0, 0.10), 6);
  EXPECT_EQ(NegativeBinomialQuantile(10, 0, 0.90), 14);
  // Poisson(0.5): P(X = 0) = 0.607, P(X <= 1) = 0.910, P(X <= 2) = 0.986.
  EXPECT_EQ(NegativeBinomialQuantile(0.5, 0, 0.10), 0);
  EXPECT_EQ(NegativeBinomialQuantile(0.5, 0, 0.90), 1);
  EXPECT_EQ(NegativeBinomialQuantile(0.5, 0, 0.975), 2);
  EXPECT_EQ(NegativeBinomialQuantile(0, 0, 0.975), 0);
  // Geometric with mean 1 (k = 1): P(X <= x) = 1 - 2^-(x+1); the 0.9 quantile is 3 (0.9375), not 2 (0.875).
  EXPECT_EQ(NegativeBinomialQuantile(1, 1, 0.90), 3);
}

TEST(NegativeBinomialQuantile, MatchesBruteForceSummation) {
  for (double mean : {0.05, 0.3, 1.0, 2.5, 7.0, 19.5, 60.0, 250.0, 1200.0}) {
    for (double overdispersion : {0.0, 0.01, 0.2, 1.0, 3.0, 10.0}) {
      for (double probability : {0.025, 0.1, 0.5, 0.9, 0.975}) {
        EXPECT_EQ(NegativeBinomialQuantile(mean, overdispersion, probability),
                  BruteForceQuantile(mean, overdispersion, probability))
            << "mean " << mean << " overdispersion " << overdispersion << " p " << probability;
      }
    }
  }
}

TEST(Persistence, KnownValuesAndResidualIntervals) {
  const std::vector<double> history = {3, 5, 2, 7};
  Result<std::vector<ForecastPoint>> points =
      ForecastWithModel(ForecastModel::kPersistence, history, 3, SeriesKind::kLevel);
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  ASSERT_EQ(points->size(), 3u);
  for (const ForecastPoint& point : *points) EXPECT_EQ(point.mean, 7);
  // One-step errors 2, -3, 5: with three of them the 80% and 95% bounds are the extremes.
  EXPECT_DOUBLE_EQ((*points)[0].lo80, 4);
  EXPECT_DOUBLE_EQ((*points)[0].hi80, 12);
  EXPECT_DOUBLE_EQ((*points)[0].lo95, 4);
  EXPECT_DOUBLE_EQ((*points)[0].hi95, 12);
  // Only two two-step errors (-1, 2), fewer than the one-step ones: the one-step ones widened by sqrt(2).
  EXPECT_DOUBLE_EQ((*points)[1].lo80, 7 - 3 * std::sqrt(2.0));
  EXPECT_DOUBLE_EQ((*points)[1].hi80, 7 + 5 * std::sqrt(2.0));

  // As counts the widened bounds round outward to whole events and stop at zero.
  Result<std::vector<ForecastPoint>> counts =
      ForecastWithModel(ForecastModel::kPersistence, std::vector<double>{9, 0, 8, 1}, 2, SeriesKind::kCount);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)[0].mean, 1);
  EXPECT_EQ((*counts)[0].lo95, 0);  // 1 - 9 clamped
  EXPECT_EQ((*counts)[0].hi95, 9);  // 1 + 8
  EXPECT_EQ((*counts)[1].hi95, std::ceil(1 + 8 * std::sqrt(2.0)));
}

TEST(Persistence, UsesTheLastObservedLevel) {
  const std::vector<double> history = {1.5, kNaN, -2.0, 0.5, kNaN, kNaN};
  Result<std::vector<ForecastPoint>> points =
      ForecastWithModel(ForecastModel::kPersistence, history, 2, SeriesKind::kLevel);
  ASSERT_TRUE(points.ok());
  EXPECT_EQ((*points)[0].mean, 0.5);
  EXPECT_EQ((*points)[1].mean, 0.5);
}

TEST(SeasonalNaive, KnownValues) {
  ForecastOptions options;
  options.season = 4;
  const std::vector<double> history = {1, 2, 3, 4, 5, 6, 7, 8};
  Result<std::vector<ForecastPoint>> points =
      ForecastWithModel(ForecastModel::kSeasonalNaive, history, 6, SeriesKind::kCount, options);
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  std::vector<double> means;
  for (const ForecastPoint& point : *points) means.push_back(point.mean);
  EXPECT_EQ(means, (std::vector<double>{5, 6, 7, 8, 5, 6}));
  // Every seasonal error is +4, and an interval always holds its point: [mean, mean + 4], widened to a Poisson
  // count's own spread around 5 (95%: 1 to 10).
  EXPECT_EQ((*points)[0].lo95, 1);
  EXPECT_EQ((*points)[0].hi95, 10);
  // A level series has no Poisson floor: [mean, mean + 4].
  points = ForecastWithModel(ForecastModel::kSeasonalNaive, history, 1, SeriesKind::kLevel, options);
  ASSERT_TRUE(points.ok());
  EXPECT_EQ((*points)[0].lo95, 5);
  EXPECT_EQ((*points)[0].hi95, 9);

  // A missing week one season back falls back to the season before it.
  const std::vector<double> gappy = {1, 2, 3, 4, 5, kNaN, 7, 8};
  points = ForecastWithModel(ForecastModel::kSeasonalNaive, gappy, 2, SeriesKind::kLevel, options);
  ASSERT_TRUE(points.ok());
  EXPECT_EQ((*points)[1].mean, 2);
}

TEST(SeasonalNaive, FallsBackToAShortSeasonOrSkips) {
  // 30 weeks with a strict 4-week cycle: too short for 52 (or 26), and 4 fits better than 13.
  std::vector<double> history;
  for (int week = 0; week < 30; ++week) history.push_back(week % 4 == 0 ? 20 : 2);
  Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kCount);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  const BacktestScore& seasonal = Score(*forecast, ForecastModel::kSeasonalNaive);
  EXPECT_NE(seasonal.note.find("season 4 "), std::string::npos) << seasonal.note;
  EXPECT_GT(seasonal.forecasts, 0);
  EXPECT_DOUBLE_EQ(seasonal.mae, 0);

  Result<std::vector<ForecastPoint>> too_short = ForecastWithModel(
      ForecastModel::kSeasonalNaive, std::vector<double>{1, 2, 3, 4, 5}, 2, SeriesKind::kCount);
  ASSERT_FALSE(too_short.ok());
  EXPECT_NE(too_short.status().message().find("too short"), std::string::npos)
      << too_short.status().message();
}

TEST(ForecastSeries, DefaultModelBeatsPersistenceOnStablePoissonCounts) {
  ForecastOptions options;
  options.backtest_origins = 80;
  for (uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<double> history = PoissonSeries(seed, 200, 8.0);
    Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kCount, options);
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    EXPECT_EQ(forecast->model, "damped-level") << forecast->reason;
    EXPECT_NE(forecast->reason.find("beat persistence"), std::string::npos) << forecast->reason;
    const BacktestScore& damped = Score(*forecast, ForecastModel::kDampedLevel);
    const BacktestScore& persistence = Score(*forecast, ForecastModel::kPersistence);
    // A known mean forecasts iid noise with about 1/sqrt(2) of the naive error.
    EXPECT_LT(damped.mase, 0.85 * persistence.mase) << "seed " << seed;
    EXPECT_EQ(damped.forecasts, 77 * 4 + 3 + 2 + 1);  // origins 120..199, up to 4 steps each
    // Integer bounds make a discrete interval cover at least its nominal level, and a little more.
    EXPECT_GE(damped.coverage80, 0.72) << "seed " << seed;
    EXPECT_LE(damped.coverage80, 0.95) << "seed " << seed;
    EXPECT_GE(damped.coverage95, 0.88) << "seed " << seed;
    // The point forecast sits near the true mean, and the 80% interval near Poisson(8)'s [5, 12].
    const ForecastPoint& next = forecast->points[0];
    EXPECT_NEAR(next.mean, 8.0, 1.5);
    EXPECT_GE(next.lo80, 3);
    EXPECT_LE(next.lo80, 6);
    EXPECT_GE(next.hi80, 11);
    EXPECT_LE(next.hi80, 14);
  }
}

TEST(ForecastSeries, PersistenceIsTheDefaultOnARandomWalk) {
  // On a random walk the last value is the best forecast there is; the default model can only tie it or, over
  // a short backtest, get lucky. Over 200 walks it got lucky 8.5% of the time, so ask for 17 of these 20.
  int persistence_chosen = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Simulator sim(seed);
    std::vector<double> history = {0};
    for (int week = 1; week < 150; ++week) history.push_back(history.back() + sim.Normal());
    Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kLevel);
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    if (forecast->model != "persistence") continue;
    ++persistence_chosen;
    const BacktestScore& damped = Score(*forecast, ForecastModel::kDampedLevel);
    const BacktestScore& persistence = Score(*forecast, ForecastModel::kPersistence);
    EXPECT_GE(damped.mase, 0.99 * persistence.mase) << "seed " << seed;
    EXPECT_NE(forecast->reason.find("did not beat it"), std::string::npos) << forecast->reason;
    // The points are persistence's: the last value, with intervals widening over the horizon.
    for (const ForecastPoint& point : forecast->points) EXPECT_EQ(point.mean, history.back());
    EXPECT_GT(forecast->points[3].hi95 - forecast->points[3].lo95,
              forecast->points[0].hi95 - forecast->points[0].lo95);
  }
  EXPECT_GE(persistence_chosen, 17);
}

TEST(ForecastSeries, SeasonalNaiveScoresBestOnASeasonalSeries) {
  ForecastOptions options;
  options.season = 4;
  const double cycle[] = {2, 10, 25, 5};
  Simulator sim(7);
  std::vector<double> history;
  for (int week = 0; week < 120; ++week) history.push_back(sim.Poisson(cycle[week % 4]));
  Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kCount, options);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  const BacktestScore& seasonal = Score(*forecast, ForecastModel::kSeasonalNaive);
  EXPECT_EQ(seasonal.note, "season 4 at the last origin");
  for (const BacktestScore& score : forecast->backtest) {
    if (score.model != seasonal.model) {
      EXPECT_LT(seasonal.mase, 0.7 * score.mase) << score.model;
    }
  }
  EXPECT_NE(forecast->reason.find("seasonal-naive scored better"), std::string::npos) << forecast->reason;
  EXPECT_NE(forecast->model, "seasonal-naive");  // a baseline is reported, never chosen
}

TEST(ForecastSeries, CountIntervalsAreNeverNegative) {
  // Sparse, bursty counts: mostly nothing, sometimes a flurry.
  Simulator sim(5);
  std::vector<double> history;
  for (int week = 0; week < 90; ++week) history.push_back(sim.Uniform() < 0.15 ? sim.Poisson(6) : 0);
  for (ForecastModel model :
       {ForecastModel::kPersistence, ForecastModel::kSeasonalNaive, ForecastModel::kDampedLevel}) {
    ForecastOptions options;
    options.season = 13;
    Result<std::vector<ForecastPoint>> points =
        ForecastWithModel(model, history, 8, SeriesKind::kCount, options);
    ASSERT_TRUE(points.ok()) << points.status().ToString();
    for (const ForecastPoint& point : *points) {
      EXPECT_GE(point.mean, 0) << ModelName(model);
      EXPECT_GE(point.lo95, 0) << ModelName(model);
      EXPECT_LE(point.lo95, point.lo80) << ModelName(model);
      EXPECT_LE(point.lo80, point.hi80) << ModelName(model);
      EXPECT_LE(point.hi80, point.hi95) << ModelName(model);
      EXPECT_EQ(point.lo80, std::floor(point.lo80)) << ModelName(model);
      EXPECT_EQ(point.hi95, std::floor(point.hi95)) << ModelName(model);
    }
  }
  Result<Forecast> forecast = ForecastSeries(history, 8, SeriesKind::kCount);
  ASSERT_TRUE(forecast.ok());
  for (const ForecastPoint& point : forecast->points) EXPECT_GE(point.lo95, 0);
}

TEST(ForecastSeries, ReturnsExactlyHorizonPoints) {
  const std::vector<double> history = PoissonSeries(9, 60, 3.0);
  for (int horizon : {1, 4, 13, 60}) {
    Result<Forecast> forecast = ForecastSeries(history, horizon, SeriesKind::kCount);
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    EXPECT_EQ(forecast->points.size(), static_cast<size_t>(horizon));
    EXPECT_EQ(forecast->backtest.size(), 3u);
  }
}

TEST(ForecastSeries, LevelSeriesWithGaps) {
  Simulator sim(21);
  std::vector<double> history;
  for (int week = 0; week < 80; ++week) {
    history.push_back(sim.Uniform() < 0.3 ? kNaN : -1.0 + 2.0 * sim.Normal());
  }
  history[0] = kNaN;
  Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kLevel);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  for (const BacktestScore& score : forecast->backtest) {
    EXPECT_GT(score.forecasts, 0) << score.model;
    EXPECT_FALSE(std::isnan(score.mase)) << score.model;
  }
  for (const ForecastPoint& point : forecast->points) {
    EXPECT_TRUE(std::isfinite(point.mean) && std::isfinite(point.lo95) && std::isfinite(point.hi95));
    EXPECT_LE(point.lo95, point.lo80);
    EXPECT_LE(point.lo80, point.mean);
    EXPECT_LE(point.mean, point.hi80);
    EXPECT_LE(point.hi80, point.hi95);
  }

  // Weeks with no events at the end make the damped level's next step a longer reach: a wider interval.
  history.back() = 0.5;
  std::vector<double> trailing_gap = history;
  trailing_gap.insert(trailing_gap.end(), {kNaN, kNaN, kNaN});
  Result<std::vector<ForecastPoint>> recent =
      ForecastWithModel(ForecastModel::kDampedLevel, history, 1, SeriesKind::kLevel);
  Result<std::vector<ForecastPoint>> stale =
      ForecastWithModel(ForecastModel::kDampedLevel, trailing_gap, 1, SeriesKind::kLevel);
  ASSERT_TRUE(recent.ok() && stale.ok());
  EXPECT_GT((*stale)[0].hi95 - (*stale)[0].lo95, (*recent)[0].hi95 - (*recent)[0].lo95);
  Result<std::vector<ForecastPoint>> persistence =
      ForecastWithModel(ForecastModel::kPersistence, trailing_gap, 1, SeriesKind::kLevel);
  ASSERT_TRUE(persistence.ok());
  EXPECT_EQ((*persistence)[0].mean, 0.5);
}

TEST(ForecastSeries, AllZeroCountsForecastZeroWithPersistence) {
  const std::vector<double> history(40, 0.0);
  Result<Forecast> forecast = ForecastSeries(history, 4, SeriesKind::kCount);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  EXPECT_EQ(forecast->model, "persistence");
  EXPECT_NE(forecast->reason.find("MASE undefined"), std::string::npos) << forecast->reason;
  EXPECT_TRUE(std::isnan(Score(*forecast, ForecastModel::kPersistence).mase));
  for (const ForecastPoint& point : forecast->points) {
    EXPECT_EQ(point.mean, 0);
    EXPECT_EQ(point.lo95, 0);
    EXPECT_EQ(point.hi95, 0);
  }
}

TEST(ForecastSeries, ShortHistoryUsesPersistenceWithoutBacktest) {
  const std::vector<double> history = {4, 0, 2};
  Result<Forecast> forecast = ForecastSeries(history, 3, SeriesKind::kCount);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  EXPECT_EQ(forecast->model, "persistence");
  EXPECT_TRUE(forecast->backtest.empty());
  EXPECT_NE(forecast->reason.find("too short to backtest"), std::string::npos) << forecast->reason;
  ASSERT_EQ(forecast->points.size(), 3u);
  EXPECT_EQ(forecast->points[0].mean, 2);

  // One point: no past error at all, so counts get Poisson noise around it and a level gets none.
  forecast = ForecastSeries(std::vector<double>{10}, 2, SeriesKind::kCount);
  ASSERT_TRUE(forecast.ok());
  EXPECT_EQ(forecast->points[0].lo80, 6);
  EXPECT_EQ(forecast->points[0].hi80, 14);
  forecast = ForecastSeries(std::vector<double>{kNaN, 1.25}, 2, SeriesKind::kLevel);
  ASSERT_TRUE(forecast.ok());
  EXPECT_EQ(forecast->points[1].lo95, 1.25);
  EXPECT_EQ(forecast->points[1].hi95, 1.25);

  ForecastOptions no_backtest;
  no_backtest.backtest_origins = 0;
  forecast = ForecastSeries(PoissonSeries(3, 100, 5.0), 2, SeriesKind::kCount, no_backtest);
  ASSERT_TRUE(forecast.ok());
  EXPECT_EQ(forecast->model, "persistence");
  EXPECT_NE(forecast->reason.find("disabled"), std::string::npos) << forecast->reason;
}

TEST(ForecastSeries, RejectsBadInput) {
  const std::vector<double> good = {1, 2, 3};
  EXPECT_EQ(ForecastSeries({}, 4, SeriesKind::kCount).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ForecastSeries(good, 0, SeriesKind::kCount).ok());
  EXPECT_FALSE(ForecastSeries(good, kMaxForecastHorizon + 1, SeriesKind::kCount).ok());
  Result<Forecast> negative = ForecastSeries(std::vector<double>{1, -2, 3}, 4, SeriesKind::kCount);
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("history[1]"), std::string::npos) << negative.status().message();
  EXPECT_FALSE(ForecastSeries(std::vector<double>{1, kNaN, 3}, 4, SeriesKind::kCount).ok());
  EXPECT_FALSE(ForecastSeries(std::vector<double>{kNaN, kNaN}, 4, SeriesKind::kLevel).ok());
  EXPECT_FALSE(ForecastSeries(std::vector<double>{1, INFINITY}, 4, SeriesKind::kLevel).ok());
  ForecastOptions bad;
  bad.season = 1;
  EXPECT_FALSE(ForecastSeries(good, 4, SeriesKind::kCount, bad).ok());
}

TEST(ForecastSeries, IsDeterministic) {
  const std::vector<double> history = PoissonSeries(4, 120, 2.0);
  Result<Forecast> a = ForecastSeries(history, 4, SeriesKind::kCount);
  Result<Forecast> b = ForecastSeries(history, 4, SeriesKind::kCount);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->model, b->model);
  EXPECT_EQ(a->reason, b->reason);
  for (size_t i = 0; i < a->points.size(); ++i) {
    EXPECT_EQ(a->points[i].mean, b->points[i].mean);
    EXPECT_EQ(a->points[i].hi95, b->points[i].hi95);
  }
}

}  // namespace
}  // namespace dyad::analytics
