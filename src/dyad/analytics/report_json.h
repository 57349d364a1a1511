// The analyses as JSON documents: what `dyad trend|alerts|focus|align|forecast --format json` print and what
// the HTTP API serves. Numbers are written with fixed precision so that the same analysis gives the same
// bytes.
#ifndef DYAD_ANALYTICS_REPORT_JSON_H_
#define DYAD_ANALYTICS_REPORT_JSON_H_

#include <string>
#include <vector>

#include "dyad/analytics/active_dyads.h"
#include "dyad/analytics/alerts.h"
#include "dyad/analytics/align.h"
#include "dyad/analytics/dyad_forecast.h"
#include "dyad/analytics/focus.h"
#include "dyad/analytics/forecast.h"
#include "dyad/analytics/series.h"

namespace dyad::analytics {

std::string SeriesJson(const DyadSeries& series);
std::string AlertsJson(const std::vector<Alert>& alerts);
std::string FocusJson(const Focus& focus);
std::string AlignmentJson(const Alignment& alignment);

std::string ForecastJson(const DyadForecast& forecast);
// GET /api/dyads: {"from", "to", "dyads": [{"a", "b", "events", "quad": [4 counts], "goldstein_mean"}]}.
std::string ActiveDyadsJson(const ActiveDyads& active);

// Appends a JSON number: fixed precision, NaN and infinities as null.
void AppendJsonNumber(double value, std::string& out, int decimals = 4);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_REPORT_JSON_H_
