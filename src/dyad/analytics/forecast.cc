#include "dyad/analytics/forecast.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace dyad::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ80 = 1.2815515655446004;  // standard normal 0.90 quantile
constexpr double kZ95 = 1.9599639845400540;  // standard normal 0.975 quantile

// Smoothing weights and damping factors the default model searches, 1 (no smoothing, no damping) first.
constexpr std::array<double, 13> kAlphaGrid = {1.0, 0.9, 0.8,  0.7, 0.6,  0.5, 0.4,
                                               0.3, 0.2, 0.15, 0.1, 0.05, 0.02};
constexpr std::array<double, 5> kPhiGrid = {1.0, 0.98, 0.95, 0.9, 0.8};

// Beyond this the negative binomial is so skewed that its quantiles mean little, and walking its tail gets
// slow.
constexpr double kMaxOverdispersion = 10.0;

// Seasons tried, longest first, when the history is too short for two of the configured season.
constexpr std::array<int, 3> kShortSeasons = {26, 13, 4};

// A naive model's h-step interval comes from its h-step residuals when there are at least this many;
// otherwise from its one-step residuals widened by sqrt(h), as for a random walk.
constexpr std::size_t kMinResiduals = 5;

bool IsMissing(double value) { return std::isnan(value); }

std::span<const double> Prefix(std::span<const double> series, int length) {
  return series.first(static_cast<std::size_t>(length));
}

// last[i] = index of the last non-missing value among series[0, i), or -1.
std::vector<int> LastObservedBefore(std::span<const double> series) {
  std::vector<int> last(series.size() + 1, -1);
  for (std::size_t i = 0; i < series.size(); ++i) {
    last[i + 1] = IsMissing(series[i]) ? last[i] : static_cast<int>(i);
  }
  return last;
}

// Mean absolute one-step naive difference (each value against the last non-missing one before it); 0 when
// there is no such pair. The MASE scale.
double NaiveScale(std::span<const double> series) {
  double sum = 0;
  int pairs = 0;
  int previous = -1;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (IsMissing(series[i])) continue;
    if (previous >= 0) {
      sum += std::abs(series[i] - series[static_cast<std::size_t>(previous)]);
      ++pairs;
    }
    previous = static_cast<int>(i);
  }
  return pairs > 0 ? sum / pairs : 0.0;
}

// Conservative order statistics of a sorted sample: the lower bound rounds its position down and the upper
// bound rounds up, so small samples give wider intervals rather than interpolated, under-covering ones. For
// integer residuals the bounds stay integers.
double LowerQuantile(const std::vector<double>& sorted, double probability) {
  auto index = static_cast<std::size_t>(std::floor(probability * static_cast<double>(sorted.size() - 1)));
  return sorted[index];
}
double UpperQuantile(const std::vector<double>& sorted, double probability) {
  auto index = static_cast<std::size_t>(std::ceil(probability * static_cast<double>(sorted.size() - 1)));
  return sorted[std::min(index, sorted.size() - 1)];
}

// Rounds a count bound to an integer in the safe direction and keeps it non-negative.
ForecastPoint ClampCountPoint(ForecastPoint point) {
  point.mean = std::max(0.0, point.mean);
  point.lo80 = std::max(0.0, std::floor(point.lo80 + 1e-9));
  point.lo95 = std::max(0.0, std::floor(point.lo95 + 1e-9));
  point.hi80 = std::max(0.0, std::ceil(point.hi80 - 1e-9));
  point.hi95 = std::max(0.0, std::ceil(point.hi95 - 1e-9));
  return point;
}

ForecastPoint CountPredictive(double mean, double overdispersion) {
  ForecastPoint point;
  point.mean = mean;
  point.lo95 = NegativeBinomialQuantile(mean, overdispersion, 0.025);
  point.lo80 = NegativeBinomialQuantile(mean, overdispersion, 0.10);
  point.hi80 = NegativeBinomialQuantile(mean, overdispersion, 0.90);
  point.hi95 = NegativeBinomialQuantile(mean, overdispersion, 0.975);
  return point;
}

// ---- Naive models: a point rule plus intervals from the rule's own past errors ----

// The point forecast a naive rule makes `step` steps after series[0, origin), or NaN when it cannot make one.
class NaiveRule {
 public:
  NaiveRule(std::span<const double> series, int season)
      : series_(series), last_(LastObservedBefore(series)), season_(season) {}

  double Point(int origin, int step) const {
    if (season_ == 0) {  // persistence
      int last = last_[static_cast<std::size_t>(origin)];
      return last >= 0 ? series_[static_cast<std::size_t>(last)] : kNaN;
    }
    // The same phase in the latest season that lies inside the history, stepping back over missing weeks.
    int seasons_back = (step + season_ - 1) / season_;
    for (int index = origin + step - 1 - seasons_back * season_; index >= 0; index -= season_) {
      const double value = series_[static_cast<std::size_t>(index)];
      if (!IsMissing(value)) return value;
    }
    return kNaN;
  }

  // Errors y[origin + step - 1] - Point(origin, step) over every origin inside the series, sorted.
  std::vector<double> SortedResiduals(int step) const {
    std::vector<double> residuals;
    const int n = static_cast<int>(series_.size());
    for (int origin = 1; origin + step - 1 < n; ++origin) {
      double actual = series_[static_cast<std::size_t>(origin + step - 1)];
      double forecast = Point(origin, step);
      if (IsMissing(actual) || IsMissing(forecast)) continue;
      residuals.push_back(actual - forecast);
    }
    std::sort(residuals.begin(), residuals.end());
    return residuals;
  }

 private:
  std::span<const double> series_;
  std::vector<int> last_;
  int season_;  // 0 = persistence
};

// Forecasts from the end of `series`; empty when the rule has no point forecast (seasonal-naive whose every
// seasonal predecessor is missing falls back to persistence instead, so this is only for an all-missing
// series).
std::vector<ForecastPoint> NaiveForecast(std::span<const double> series, int horizon, SeriesKind kind,
                                         int season) {
  NaiveRule rule(series, season);
  NaiveRule persistence(series, 0);
  const int n = static_cast<int>(series.size());
  std::vector<double> one_step = rule.SortedResiduals(1);
  std::vector<ForecastPoint> points;
  for (int step = 1; step <= horizon; ++step) {
    double mean = rule.Point(n, step);
    if (IsMissing(mean)) mean = persistence.Point(n, step);
    if (IsMissing(mean)) return {};
    std::vector<double> residuals = step == 1 ? one_step : rule.SortedResiduals(step);
    double widen = 1.0;
    if (residuals.size() < kMinResiduals && residuals.size() < one_step.size()) {
      residuals = one_step;
      widen = std::sqrt(static_cast<double>(step));
    }
    ForecastPoint point;
    point.mean = mean;
    if (residuals.empty()) {
      // No past error to learn from (a history of one or two points): Poisson noise for counts, nothing for a
      // level.
      point = kind == SeriesKind::kCount ? CountPredictive(mean, 0.0)
                                         : ForecastPoint{mean, mean, mean, mean, mean};
    } else {
      // An interval always contains its own point forecast, even when every past error had the same sign.
      point.lo95 = mean + widen * std::min(0.0, LowerQuantile(residuals, 0.025));
      point.lo80 = mean + widen * std::min(0.0, LowerQuantile(residuals, 0.10));
      point.hi80 = mean + widen * std::max(0.0, UpperQuantile(residuals, 0.90));
      point.hi95 = mean + widen * std::max(0.0, UpperQuantile(residuals, 0.975));
      if (kind == SeriesKind::kCount) {
        // A sparse count series has mostly zero errors, whose quantiles would claim certainty; a count of
        // `mean` varies at least as a Poisson count does.
        const ForecastPoint poisson = CountPredictive(mean, 0.0);
        point.lo95 = std::min(point.lo95, poisson.lo95);
        point.lo80 = std::min(point.lo80, poisson.lo80);
        point.hi80 = std::max(point.hi80, poisson.hi80);
        point.hi95 = std::max(point.hi95, poisson.hi95);
      }
    }
    points.push_back(kind == SeriesKind::kCount ? ClampCountPoint(point) : point);
  }
  return points;
}

// Mean absolute seasonal difference at lag `season`, or NaN when no pair is observed.
double SeasonalDifferenceError(std::span<const double> series, int season) {
  double sum = 0;
  int pairs = 0;
  for (std::size_t i = static_cast<std::size_t>(season); i < series.size(); ++i) {
    double now = series[i];
    double before = series[i - static_cast<std::size_t>(season)];
    if (IsMissing(now) || IsMissing(before)) continue;
    sum += std::abs(now - before);
    ++pairs;
  }
  return pairs > 0 ? sum / pairs : kNaN;
}

struct SeasonChoice {
  int season = 0;  // 0 = none fits
  std::string note;
};

// The configured season when the history holds two of them (one to forecast from, one to learn the errors
// from); else the short season with the smallest in-sample seasonal difference.
SeasonChoice ChooseSeason(std::span<const double> series, int configured) {
  const auto n = static_cast<int>(series.size());
  if (n >= 2 * configured) return {configured, fmt::format("season {}", configured)};
  SeasonChoice best;
  double best_error = std::numeric_limits<double>::infinity();
  int shortest = configured;
  for (int season : kShortSeasons) {
    if (season >= configured) continue;
    shortest = std::min(shortest, season);
    if (n < 2 * season) continue;
    double error = SeasonalDifferenceError(series, season);
    if (!IsMissing(error) && error < best_error) {
      best_error = error;
      best.season = season;
    }
  }
  if (best.season > 0) {
    best.note =
        fmt::format("season {} (the best short season: {} weeks of history is less than two {}-week seasons)",
                    best.season, n, configured);
  } else {
    best.note = fmt::format("skipped: {} weeks of history is too short for a seasonal baseline (needs {})", n,
                            2 * shortest);
  }
  return best;
}

// ---- The default model: a damped local level ----
//
// One-step forecast f_t = m_{t-1} + phi (l_{t-1} - m_{t-1}), update l_t = f_t + alpha (y_t - f_t), where
// m_{t-1} is the mean of the values before t and the first value starts both. phi = 1 is simple exponential
// smoothing and alpha = phi = 1 is persistence; small alpha or phi forecast close to the long-run mean, which
// is what sparse, noisy weekly counts usually deserve. A missing week propagates the level without an update.
//
// Why the expanding mean and not the mean of the whole training part: damping toward a mean computed with
// hindsight makes any series look mean-reverting in sample (the Dickey-Fuller bias), so a random walk would
// get phi < 1 and then mean-revert out of sample. With the expanding mean every in-sample forecast is a real
// one.
//
// The h-step error is e_{T+h} + alpha sum_{i<h} phi^i e_{T+h-i}, so its variance is
// sigma^2 (1 + alpha^2 sum_{i=1}^{h-1} phi^{2i}) (treating the long-run mean as known).
struct DampedLevel {
  double mu = 0, alpha = 1, phi = 1;
  double level = 0;
  int steps_since_observation = 0;  // missing weeks at the end of the training part
  double sigma2 = 0;                // one-step residual variance (level series)
  double overdispersion = 0;        // negative binomial 1/k from one-step residuals (count series)
};

// Runs the recursion; calls `on_residual(forecast, actual)` for each observed week after the first. Returns
// the final state with mu the mean of all observed values.
template <typename OnResidual>
DampedLevel RunDampedLevel(std::span<const double> series, double alpha, double phi,
                           OnResidual&& on_residual) {
  DampedLevel state;
  state.alpha = alpha;
  state.phi = phi;
  double sum = 0;
  int observed = 0;
  for (double actual : series) {
    if (observed == 0) {
      if (IsMissing(actual)) continue;
      state.level = sum = actual;
      observed = 1;
      continue;
    }
    const double mean = sum / observed;
    const double forecast = mean + phi * (state.level - mean);
    if (IsMissing(actual)) {
      state.level = forecast;
      ++state.steps_since_observation;
      continue;
    }
    on_residual(forecast, actual);
    state.level = forecast + alpha * (actual - forecast);
    state.steps_since_observation = 0;
    sum += actual;
    ++observed;
  }
  state.mu = observed > 0 ? sum / observed : 0.0;
  return state;
}

DampedLevel FitDampedLevel(std::span<const double> series) {
  // Parameters by Akaike's criterion on the in-sample one-step squared errors: each of alpha and phi that is
  // not at 1 costs 2, so a series that persistence explains as well keeps alpha = phi = 1 rather than a noise
  // fit. Strict '<' keeps the first of equal scores; the grids start at 1.
  double best_score = std::numeric_limits<double>::infinity();
  double best_alpha = 1, best_phi = 1;
  for (double phi : kPhiGrid) {
    for (double alpha : kAlphaGrid) {
      double sse = 0;
      int residuals = 0;
      RunDampedLevel(series, alpha, phi, [&](double forecast, double actual) {
        sse += (actual - forecast) * (actual - forecast);
        ++residuals;
      });
      const int parameters = (alpha != 1.0) + (phi != 1.0);
      // A perfect fit (a constant series) scores by its parameter count alone.
      const double score =
          residuals * std::log(std::max(sse / std::max(residuals, 1), 1e-300)) + 2.0 * parameters;
      if (score < best_score) {
        best_score = score;
        best_alpha = alpha;
        best_phi = phi;
      }
    }
  }
  double squared = 0, excess = 0, forecast_squared = 0;
  int residuals = 0;
  DampedLevel fit = RunDampedLevel(series, best_alpha, best_phi, [&](double forecast, double actual) {
    double error = actual - forecast;
    squared += error * error;
    excess += error * error - forecast;  // a Poisson error's square averages the forecast itself
    forecast_squared += forecast * forecast;
    ++residuals;
  });
  fit.sigma2 = residuals > 1 ? squared / (residuals - 1) : 0.0;
  // Method of moments for var = m + m^2 / k; none left over means Poisson.
  fit.overdispersion =
      forecast_squared > 0 ? std::clamp(excess / forecast_squared, 0.0, kMaxOverdispersion) : 0.0;
  return fit;
}

std::vector<ForecastPoint> DampedLevelForecast(std::span<const double> series, int horizon, SeriesKind kind) {
  const DampedLevel fit = FitDampedLevel(series);
  std::vector<ForecastPoint> points;
  double decay = 1.0;         // phi^step
  double level_spread = 0.0;  // sum over i in [1, steps) of phi^(2i)
  double phi_power = 1.0;     // phi^(steps - 1), for growing level_spread
  for (int i = 1; i <= fit.steps_since_observation; ++i) {
    phi_power *= fit.phi;
    level_spread += phi_power * phi_power;
  }
  for (int step = 1; step <= horizon; ++step) {
    decay *= fit.phi;
    if (step > 1) {
      phi_power *= fit.phi;
      level_spread += phi_power * phi_power;
    }
    const double variance_factor = 1.0 + fit.alpha * fit.alpha * level_spread;
    const double mean = fit.mu + decay * (fit.level - fit.mu);
    if (kind == SeriesKind::kCount) {
      const double m = std::max(0.0, mean);
      // Inflate the one-step negative binomial variance m + m^2/k by the level's uncertainty, then express
      // the total again as a negative binomial with the same mean.
      const double variance = (m + fit.overdispersion * m * m) * variance_factor;
      const double overdispersion =
          m > 0 ? std::clamp((variance - m) / (m * m), 0.0, kMaxOverdispersion) : 0.0;
      points.push_back(CountPredictive(m, overdispersion));
    } else {
      const double sd = std::sqrt(fit.sigma2 * variance_factor);
      points.push_back({mean, mean - kZ80 * sd, mean + kZ80 * sd, mean - kZ95 * sd, mean + kZ95 * sd});
    }
  }
  return points;
}

// Forecasts with one model fitted on `series`; empty when the model cannot forecast it (seasonal-naive on too
// short a history). `note`, when given, receives seasonal-naive's season choice.
std::vector<ForecastPoint> ModelForecast(ForecastModel model, std::span<const double> series, int horizon,
                                         SeriesKind kind, const ForecastOptions& options, std::string* note) {
  switch (model) {
    case ForecastModel::kPersistence:
      return NaiveForecast(series, horizon, kind, 0);
    case ForecastModel::kSeasonalNaive: {
      SeasonChoice choice = ChooseSeason(series, options.season);
      if (note != nullptr) *note = std::move(choice.note);
      if (choice.season == 0) return {};
      return NaiveForecast(series, horizon, kind, choice.season);
    }
    case ForecastModel::kDampedLevel:
      return DampedLevelForecast(series, horizon, kind);
  }
  return {};
}

Status ValidateInput(std::span<const double> history, int horizon, SeriesKind kind,
                     const ForecastOptions& options) {
  if (history.empty()) return InvalidArgument("forecast: the history is empty");
  if (horizon < 1 || horizon > kMaxForecastHorizon) {
    return InvalidArgument(
        fmt::format("forecast: horizon {} is outside [1, {}]", horizon, kMaxForecastHorizon));
  }
  if (options.season < 2)
    return InvalidArgument(fmt::format("forecast: season {} is below 2", options.season));
  if (options.backtest_origins < 0) {
    return InvalidArgument(
        fmt::format("forecast: backtest_origins {} is negative", options.backtest_origins));
  }
  if (options.min_train < 2) {
    return InvalidArgument(fmt::format("forecast: min_train {} is below 2", options.min_train));
  }
  if (!(options.min_improvement >= 0 && options.min_improvement < 1)) {
    return InvalidArgument(
        fmt::format("forecast: min_improvement {} is outside [0, 1)", options.min_improvement));
  }
  bool any_observed = false;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const double value = history[i];
    if (kind == SeriesKind::kCount && !(std::isfinite(value) && value >= 0)) {
      return InvalidArgument(fmt::format("forecast: history[{}] = {} is not a non-negative count", i, value));
    }
    if (kind == SeriesKind::kLevel && std::isinf(value)) {
      return InvalidArgument(fmt::format("forecast: history[{}] is infinite", i));
    }
    any_observed = any_observed || !IsMissing(value);
  }
  if (!any_observed) return InvalidArgument("forecast: every week of the history is missing");
  return Status::Ok();
}

struct ScoreSums {
  double absolute = 0, scaled = 0;
  int scaled_count = 0, inside80 = 0, inside95 = 0, count = 0;
};

BacktestScore Summarize(ForecastModel model, const ScoreSums& sums, std::string note) {
  BacktestScore score;
  score.model = std::string(ModelName(model));
  score.forecasts = sums.count;
  score.note = std::move(note);
  if (sums.count == 0) {
    score.mae = score.mase = score.coverage80 = score.coverage95 = kNaN;
    return score;
  }
  score.mae = sums.absolute / sums.count;
  score.mase = sums.scaled_count > 0 ? sums.scaled / sums.scaled_count : kNaN;
  score.coverage80 = static_cast<double>(sums.inside80) / sums.count;
  score.coverage95 = static_cast<double>(sums.inside95) / sums.count;
  return score;
}

constexpr std::array<ForecastModel, 3> kModels = {ForecastModel::kPersistence, ForecastModel::kSeasonalNaive,
                                                  ForecastModel::kDampedLevel};

// Rolling origin: every model is refitted on history[0, origin) for each origin among the last
// `backtest_origins` points that has at least `min_train` points before it, and scored on the actuals that
// follow.
std::vector<BacktestScore> Backtest(std::span<const double> history, int horizon, SeriesKind kind,
                                    const ForecastOptions& options) {
  const int n = static_cast<int>(history.size());
  const int first_origin = std::max({options.min_train, n - options.backtest_origins, 1});
  if (options.backtest_origins == 0 || first_origin >= n) return {};
  std::array<ScoreSums, kModels.size()> sums;
  for (int origin = first_origin; origin < n; ++origin) {
    std::span<const double> train = Prefix(history, origin);
    if (LastObservedBefore(train).back() < 0) continue;  // nothing observed yet
    const double scale = NaiveScale(train);
    const int steps = std::min(horizon, n - origin);
    for (std::size_t m = 0; m < kModels.size(); ++m) {
      std::vector<ForecastPoint> points = ModelForecast(kModels[m], train, steps, kind, options, nullptr);
      for (int step = 1; step <= static_cast<int>(points.size()); ++step) {
        const double actual = history[static_cast<std::size_t>(origin + step - 1)];
        if (IsMissing(actual)) continue;
        const ForecastPoint& point = points[static_cast<std::size_t>(step - 1)];
        const double error = std::abs(actual - point.mean);
        ScoreSums& s = sums[m];
        s.absolute += error;
        if (scale > 0) {
          s.scaled += error / scale;
          ++s.scaled_count;
        }
        s.inside80 += point.lo80 <= actual && actual <= point.hi80;
        s.inside95 += point.lo95 <= actual && actual <= point.hi95;
        ++s.count;
      }
    }
  }
  std::vector<BacktestScore> scores;
  for (std::size_t m = 0; m < kModels.size(); ++m) {
    std::string note;
    if (kModels[m] == ForecastModel::kSeasonalNaive) {
      note = ChooseSeason(Prefix(history, n - 1), options.season).note + " at the last origin";
    }
    scores.push_back(Summarize(kModels[m], sums[m], std::move(note)));
  }
  return scores;
}

const BacktestScore* FindScore(const std::vector<BacktestScore>& scores, ForecastModel model) {
  for (const BacktestScore& score : scores) {
    if (score.model == ModelName(model)) return &score;
  }
  return nullptr;
}

}  // namespace

std::string_view ModelName(ForecastModel model) {
  switch (model) {
    case ForecastModel::kPersistence:
      return "persistence";
    case ForecastModel::kSeasonalNaive:
      return "seasonal-naive";
    case ForecastModel::kDampedLevel:
      return "damped-level";
  }
  return "unknown";
}

double NegativeBinomialQuantile(double mean, double overdispersion, double probability) {
  if (!(mean > 0)) return 0;
  probability = std::clamp(probability, 1e-15, 1 - 1e-15);
  const bool poisson = !(overdispersion > 1e-12);
  const double size = poisson ? 0.0 : 1.0 / overdispersion;  // k, the "number of successes"
  const double log_mean_share = poisson ? 0.0 : std::log(mean / (size + mean));
  // P(x + 1) / P(x).
  auto ratio = [&](double x) {
    return poisson ? mean / (x + 1) : (x + size) / (x + 1) * (mean / (size + mean));
  };
  auto log_pmf = [&](double x) {
    if (poisson) return x * std::log(mean) - mean - std::lgamma(x + 1);
    return std::lgamma(x + size) - std::lgamma(size) - std::lgamma(x + 1) +
           size * std::log(size / (size + mean)) + x * log_mean_share;
  };
  // Start at the mode (where the probability is largest and exp() cannot underflow) and sum outward with the
  // ratio recurrence: one lgamma per call, and no normal approximation anywhere.
  const double mode = poisson ? std::floor(mean) : (size > 1 ? std::floor((size - 1) * mean / size) : 0.0);
  const double at_mode = std::exp(log_pmf(mode));
  // Below the mode the terms fall faster than geometrically; stop once they are negligible.
  std::vector<double> below;  // below[i] = P(mode - 1 - i)
  double term = at_mode;
  for (double x = mode; x > 0; --x) {
    term /= ratio(x - 1);
    if (term < at_mode * 1e-20) break;
    below.push_back(term);
  }
  double cdf = 0;
  for (std::size_t i = below.size(); i-- > 0;) {
    cdf += below[i];
    if (cdf >= probability) return mode - 1 - static_cast<double>(i);
  }
  term = at_mode;
  for (double x = mode;; ++x) {
    cdf += term;
    // The second test ends the walk should rounding leave the sum a hair below a probability near 1.
    if (cdf >= probability || (term < at_mode * 1e-20 && x > mode)) return x;
    term *= ratio(x);
  }
}

Result<std::vector<ForecastPoint>> ForecastWithModel(ForecastModel model, std::span<const double> history,
                                                     int horizon, SeriesKind kind,
                                                     const ForecastOptions& options) {
  DYAD_RETURN_IF_ERROR(ValidateInput(history, horizon, kind, options));
  std::string note;
  std::vector<ForecastPoint> points = ModelForecast(model, history, horizon, kind, options, &note);
  if (points.empty()) return InvalidArgument(fmt::format("forecast: {}: {}", ModelName(model), note));
  return points;
}

Result<Forecast> ForecastSeries(std::span<const double> history, int horizon, SeriesKind kind,
                                const ForecastOptions& options) {
  DYAD_RETURN_IF_ERROR(ValidateInput(history, horizon, kind, options));
  Forecast forecast;
  forecast.backtest = Backtest(history, horizon, kind, options);
  const BacktestScore* persistence = FindScore(forecast.backtest, ForecastModel::kPersistence);
  const BacktestScore* damped = FindScore(forecast.backtest, ForecastModel::kDampedLevel);
  const BacktestScore* seasonal = FindScore(forecast.backtest, ForecastModel::kSeasonalNaive);
  const std::string_view persistence_name = ModelName(ForecastModel::kPersistence);
  const std::string_view damped_name = ModelName(ForecastModel::kDampedLevel);

  ForecastModel chosen = ForecastModel::kPersistence;
  if (forecast.backtest.empty()) {
    forecast.reason =
        options.backtest_origins == 0
            ? fmt::format("{} is used because the backtest is disabled, so {} could not show it beats it",
                          persistence_name, damped_name)
            : fmt::format(
                  "{} is used because {} weeks of history is too short to backtest {} (needs at least {})",
                  persistence_name, history.size(), damped_name, options.min_train + 1);
  } else if (persistence->forecasts == 0) {
    forecast.reason =
        fmt::format("{} is used because no backtest week had an observed value to score {} against",
                    persistence_name, damped_name);
  } else {
    // Both were scored on the same (origin, step) pairs, so the comparison is like for like.
    const bool by_mase = !std::isnan(persistence->mase) && !std::isnan(damped->mase);
    const double damped_error = by_mase ? damped->mase : damped->mae;
    const double persistence_error = by_mase ? persistence->mase : persistence->mae;
    const std::string numbers =
        by_mase ? fmt::format("MASE {:.2f} vs {:.2f} over {} forecasts", damped_error, persistence_error,
                              persistence->forecasts)
                : fmt::format(
                      "MAE {:.2f} vs {:.2f} over {} forecasts; MASE undefined as the training series were "
                      "constant",
                      damped_error, persistence_error, persistence->forecasts);
    if (damped_error < persistence_error * (1.0 - options.min_improvement)) {
      chosen = ForecastModel::kDampedLevel;
      forecast.reason =
          fmt::format("{} beat {} on the backtest ({})", damped_name, persistence_name, numbers);
    } else {
      forecast.reason = fmt::format("{} is used because {} did not beat it by {:g}% on the backtest ({})",
                                    persistence_name, damped_name, 100 * options.min_improvement, numbers);
    }
    const double chosen_mase = chosen == ForecastModel::kDampedLevel ? damped->mase : persistence->mase;
    if (seasonal->forecasts > 0 && seasonal->mase < chosen_mase) {
      forecast.reason += fmt::format("; {} scored better (MASE {:.2f}) but serves only as a baseline",
                                     ModelName(ForecastModel::kSeasonalNaive), seasonal->mase);
    }
  }
  forecast.model = std::string(ModelName(chosen));
  forecast.points = ModelForecast(chosen, history, horizon, kind, options, nullptr);
  return forecast;
}

}  // namespace dyad::analytics
