#include "dyad/analytics/change_detection.h"

#include <algorithm>
#include <cmath>

namespace dyad::analytics {

std::vector<RateChange> DetectRateChanges(std::span<const double> counts, std::span<const double> exposure,
                                          const CusumOptions& options) {
  std::vector<RateChange> changes;
  const int n = static_cast<int>(counts.size());
  auto exposure_at = [&](int t) { return exposure.empty() ? 1.0 : exposure[t]; };
  const double log_ratio = std::log(options.ratio);
  int segment_start = 0;  // the baseline never reaches back over a detected change
  double up = 0, down = 0;
  int up_run = -1, down_run = -1;  // where each statistic last left zero (-1: at zero)
  for (int t = 0; t < n; ++t) {
    if (exposure_at(t) <= 0) continue;
    // The baseline: the periods before the earliest open run, so that a change under way does not leak in.
    int until = t;
    if (up_run >= 0) until = std::min(until, up_run);
    if (down_run >= 0) until = std::min(until, down_run);
    const int from = std::max(segment_start, until - options.baseline);
    if (until - from < options.min_baseline) continue;
    double sum_counts = 0, sum_exposure = 0;
    for (int i = from; i < until; ++i) {
      sum_counts += counts[i];
      sum_exposure += exposure_at(i);
    }
    if (sum_exposure <= 0) continue;
    const double rate = sum_counts / sum_exposure;
    // Quasi-Poisson: news counts vary more than a Poisson count (stories come in waves). The baseline's
    // variance-to-mean ratio scales the log-likelihood ratios down, so that a noisy dyad needs more evidence.
    double squares = 0;
    for (int i = from; i < until; ++i) {
      const double residual = counts[i] - rate * exposure_at(i);
      squares += residual * residual;
    }
    const double baseline_mean = std::max(options.min_rate, sum_counts / (until - from));
    const double dispersion = std::max(1.0, squares / (until - from - 1) / baseline_mean);
    const double expected = rate * exposure_at(t);
    const double up_expected = std::max(options.min_rate, expected);
    const double x = counts[t];
    // Log-likelihood ratios of Poisson(expected * ratio) and Poisson(expected / ratio) against
    // Poisson(expected). A rise is measured from at least min_rate (a dyad waking up is news); a fall only
    // from min_fall_rate (from a handful of events a week, a quiet week says nothing).
    const double up_step = (x * log_ratio - (up_expected * options.ratio - up_expected)) / dispersion;
    const double down_step = expected < options.min_fall_rate
                                 ? -1.0
                                 : ((expected - expected / options.ratio) - x * log_ratio) / dispersion;
    if (up + up_step > 0 && up_run < 0) up_run = t;
    if (down + down_step > 0 && down_run < 0) down_run = t;
    up = std::max(0.0, up + up_step);
    down = std::max(0.0, down + down_step);
    if (up == 0) up_run = -1;
    if (down == 0) down_run = -1;
    int direction = up > options.threshold ? 1 : down > options.threshold ? -1 : 0;
    if (direction == 0) continue;
    RateChange change;
    change.start = direction > 0 ? up_run : down_run;
    change.detected = t;
    change.direction = direction;
    change.rate_before = sum_counts / std::max(1, until - from);
    double after = 0;
    for (int i = change.start; i <= t; ++i) after += counts[i];
    change.rate_after = after / (t - change.start + 1);
    changes.push_back(change);
    // Start afresh from the new regime.
    segment_start = change.start;
    up = down = 0;
    up_run = down_run = -1;
  }
  return changes;
}

}  // namespace dyad::analytics
