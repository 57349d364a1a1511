// Short-horizon forecasts of one weekly dyad series (counts of one QuadClass, or mean Goldstein) with 80% and
// 95% prediction intervals, and the rolling-origin backtest that decides which model to trust.
// Pure functions on plain series: no store, no I/O, no randomness; any thread may call.
#ifndef DYAD_ANALYTICS_FORECAST_H_
#define DYAD_ANALYTICS_FORECAST_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/status.h"

namespace dyad::analytics {

// Longest horizon accepted, in steps (ten years of weeks).
inline constexpr int kMaxForecastHorizon = 520;

// One forecast step: the point forecast (the predictive mean) and its central 80% and 95% intervals.
// For counts the bounds are integers and never negative; lo95 <= lo80 <= hi80 <= hi95 always.
struct ForecastPoint {
  double mean = 0, lo80 = 0, hi80 = 0, lo95 = 0, hi95 = 0;
};

// How one model did on the rolling-origin backtest.
struct BacktestScore {
  std::string model;
  double mae = 0;   // mean absolute error over every (origin, step) forecast scored
  double mase = 0;  // mean of |error| / (mean absolute one-step naive difference of that origin's training
                    // part); origins whose training part is constant are left out; NaN when every one was
  double coverage80 = 0, coverage95 = 0;  // fraction of actuals inside the 80% / 95% interval
  int forecasts = 0;                      // (origin, step) pairs scored; a missing actual is not scored
  std::string note;                       // e.g. the season seasonal-naive used, or why it was skipped
};

struct ForecastOptions {
  // Seasonal-naive's season in steps: 52 for weekly data. A training part shorter than two seasons falls back
  // to the best of 26, 13 and 4 (those shorter than `season`) by in-sample seasonal-difference error, or
  // skips seasonal-naive when even that is too long.
  int season = 52;
  int backtest_origins = 26;  // origins among the last this many points; 0 disables the backtest
  int min_train = 12;         // an origin needs at least this much history before it
  // The default model must beat persistence's backtest MASE by at least this fraction (0 = any win): a gap
  // that does not show in two decimals is noise, and on a random walk the default often lands a hair either
  // side.
  double min_improvement = 0.01;
};

// counts: non-negative numbers of events (no NaN); level: mean Goldstein, NaN = no events that week.
enum class SeriesKind { kCount, kLevel };

enum class ForecastModel {
  kPersistence,    // the last (non-missing) value
  kSeasonalNaive,  // the value one season earlier
  kDampedLevel,    // the default: exponential smoothing whose level decays toward the series mean
};
// "persistence", "seasonal-naive", "damped-level": the names in Forecast::model and BacktestScore::model.
std::string_view ModelName(ForecastModel model);

struct Forecast {
  std::string model;   // the model behind `points`: damped-level when it beat persistence on the backtest,
                       // else persistence (seasonal-naive is only ever a baseline)
  std::string reason;  // one sentence: why this model, with the backtest numbers
  std::vector<ForecastPoint> points;    // steps 1..horizon after the last history point
  std::vector<BacktestScore> backtest;  // persistence, seasonal-naive, damped-level; empty if there was none
};

// Forecasts `horizon` steps after `history` (oldest first, one value per week) and backtests the models.
// Damped-level is chosen only when its backtest MASE (MAE when MASE is undefined) is below persistence's by
// the fraction options.min_improvement; with no backtest (history not longer than options.min_train, or
// backtest_origins = 0) persistence is used.
// Returns InvalidArgument for: empty history; horizon outside [1, kMaxForecastHorizon]; season < 2,
// backtest_origins < 0, min_train < 2 or min_improvement outside [0, 1); a count that is negative, NaN or
// infinite; an infinite level; a level series with no non-missing value (the message names the index).
Result<Forecast> ForecastSeries(std::span<const double> history, int horizon, SeriesKind kind,
                                const ForecastOptions& options = {});

// One model fitted on all of `history`, no backtest and no choice: for tests and for callers that want a
// given model. Same errors as ForecastSeries; seasonal-naive with too short a history is InvalidArgument too.
Result<std::vector<ForecastPoint>> ForecastWithModel(ForecastModel model, std::span<const double> history,
                                                     int horizon, SeriesKind kind,
                                                     const ForecastOptions& options = {});

// The smallest integer x with P(X <= x) >= probability, for X negative binomial with the given mean and
// variance mean + overdispersion * mean^2 (Poisson when overdispersion is 0). Exact up to double rounding:
// the probabilities are summed, not approximated by a normal. 0 when mean <= 0. probability in (0, 1).
double NegativeBinomialQuantile(double mean, double overdispersion, double probability);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_FORECAST_H_
