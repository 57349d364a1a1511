// Change detection on count series: a two-sided Poisson CUSUM whose baseline rate is re-estimated from the
// periods before each run and scaled by an exposure (the news volume of each period), so that a store that
// simply grows does not raise alarms. Calibrated on synthetic series with planted changes
// (change_detection_test.cc, docs/analytics.md): detection rate, delay and false alarms are stated there.
#ifndef DYAD_ANALYTICS_CHANGE_DETECTION_H_
#define DYAD_ANALYTICS_CHANGE_DETECTION_H_

#include <span>
#include <vector>

namespace dyad::analytics {

struct CusumOptions {
  double ratio = 3;          // the detector is tuned to a rate multiplied (up) or divided (down) by this
  double threshold = 6.0;    // h: the log-likelihood ratio at which an alarm goes off
  int baseline = 39;         // periods the baseline rate is estimated from
  int min_baseline = 8;      // periods needed (after the start or after a change) before monitoring
  double min_rate = 1;       // floor of the expected count per period for rises (sparse series stay quiet)
  double min_fall_rate = 3;  // falls are watched only where at least this many events a period are expected
};

struct RateChange {
  int start = 0;           // first period of the new regime (where the CUSUM's run began)
  int detected = 0;        // the period at which the alarm went off (start <= detected)
  int direction = 0;       // +1 the rate rose, -1 it fell
  double rate_before = 0;  // mean count per period in the baseline window
  double rate_after = 0;   // mean count per period from start to detected
};

// `counts` per period; `exposure` (same length, or empty for a constant) is each period's volume: the
// expected count is the baseline's count/volume rate times the period's volume. Periods with zero exposure
// are skipped.
std::vector<RateChange> DetectRateChanges(std::span<const double> counts, std::span<const double> exposure,
                                          const CusumOptions& options = {});

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_CHANGE_DETECTION_H_
