// SVG charts for `dyad trend|focus|forecast --plot`: periods along x; stacked bars or areas, lines on one or
// two axes, shaded bands and dated markers; one standalone SVG 1.1 document, labelled well enough to go in a
// report. Plain data in, a string out: no I/O and no shared state, so any thread may call. The same Chart
// always renders to the same bytes.
#ifndef DYAD_ANALYTICS_SVG_CHART_H_
#define DYAD_ANALYTICS_SVG_CHART_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"

namespace dyad::analytics {

// The Okabe-Ito colours, which stay apart under the common colour-vision deficiencies, named for the series
// dyad draws most: cooperation in blues, conflict in oranges.
inline constexpr char kColorVerbalCooperation[] = "#56B4E9";    // sky blue
inline constexpr char kColorMaterialCooperation[] = "#0072B2";  // blue
inline constexpr char kColorVerbalConflict[] = "#E69F00";       // orange
inline constexpr char kColorMaterialConflict[] = "#D55E00";     // vermillion
inline constexpr char kColorGreen[] = "#009E73";
inline constexpr char kColorPurple[] = "#CC79A7";
inline constexpr char kColorYellow[] = "#F0E442";
inline constexpr char kColorGrey[] = "#595959";

// The colour of CAMEO QuadClass 1 (verbal cooperation) .. 4 (material conflict); grey for anything else.
std::string_view QuadClassColor(int quad_class);

// One series: values[i] belongs to Chart::periods[i]. NaN (or a missing value past the end) is a gap in a
// line and nothing in a stack. An empty colour takes the next palette colour no explicit colour in the chart
// already uses (order: blue, orange, green, vermillion, sky blue, purple, yellow, grey).
struct ChartSeries {
  std::string name;  // legend text; an empty name leaves the series out of the legend
  std::vector<double> values;
  std::string color;  // any SVG colour, e.g. "#0072B2"
};

// A shaded range on the left axis, e.g. an 80% prediction interval; gaps where low or high is NaN. An empty
// colour is neutral grey. Drawn translucent, under the lines.
struct ChartBand {
  std::string name;
  std::vector<double> low, high;
  std::string color;
};

// A dashed vertical line with a small label at the top of the plot, e.g. "change detected", "forecast
// starts". A date on a period's first day sits on the boundary before that period's bar; dates outside the
// periods are not drawn.
struct ChartMarker {
  Date date;
  std::string label;
};

struct Chart {
  std::string title, subtitle;
  std::string y_label, y2_label;  // axis titles, left and right
  std::string note;               // a small source line under the plot: "Source: dyad store, 1,234 events"
  std::vector<Date> periods;      // the x axis: the first day of each period, ascending
  std::string period_unit;        // "day", "week" or "month": tick labels "Mar 12", "2025-W03", "Jan 2025"
  // Stacked columns: positive values stack up from zero, negative values down from it.
  std::vector<ChartSeries> stacked_bars;
  // Stacked areas, e.g. partner shares summing to at most 1 (set y_percent). Negative values count as zero.
  std::vector<ChartSeries> stacked_areas;
  bool y_percent = false;                // left axis values are fractions, labelled "25%"
  std::vector<ChartSeries> lines;        // on the left axis
  std::vector<ChartSeries> lines_right;  // on a right-hand axis whose zero lines up with the left one
  std::vector<ChartBand> bands;          // on the left axis
  std::vector<ChartMarker> markers;
  // Shown in the middle of the plot when there is nothing to draw (no periods, or only gaps and zero counts).
  std::string empty_message = "No events in this period";
  int width = 900, height = 420;  // px; clamped to at least 240 x 160
};

// The chart as a standalone SVG 1.1 document (XML declaration, xmlns, width, height and viewBox). Both value
// axes take in zero, and a zero line is always drawn. Every text is escaped; coordinates carry one decimal.
std::string RenderSvg(const Chart& chart);

// The pieces below are exposed for tests and for callers that want to label numbers the way the charts do.

// Evenly spaced "nice" ticks, step 1, 2 or 5 times a power of ten, from at or below `lo` to at or above `hi`:
// the smallest such step that needs at most max(max_ticks, 3) ticks. lo > hi is swapped; a range too narrow
// to split is widened around its value. Empty when a bound is not finite.
std::vector<double> NiceTicks(double lo, double hi, int max_ticks);

// "0", "950", "1.2k", "12k", "3.5M", "2B", "0.25" (with decimals = 2): a k/M/B/T suffix from 1,000 up, at
// most `decimals` decimals (0..6) with trailing zeros dropped, and a true minus sign (U+2212) for negative
// values.
std::string FormatCompact(double value, int decimals = 1);

// `text` made safe for XML element content and quoted attributes: & < > " ' become entities, invalid UTF-8
// becomes U+FFFD, and control characters other than tab and newline are dropped (XML 1.0 cannot carry them).
std::string XmlEscape(std::string_view text);

// The tick label of a period: "Jan 2025" for "month", "2025-W03" (the ISO week holding `period`) for "week",
// "Mar 12" for "day", and "2025-03-12" for any other unit.
std::string PeriodLabel(Date period, std::string_view period_unit);

// The width in px of `text` in the charts' sans-serif font at `font_size` px, estimated from Helvetica's
// metrics plus a margin for wider fallback fonts: it errs wide, so text laid out with it does not collide.
double EstimateTextWidth(std::string_view text, double font_size);

}  // namespace dyad::analytics

#endif  // DYAD_ANALYTICS_SVG_CHART_H_
