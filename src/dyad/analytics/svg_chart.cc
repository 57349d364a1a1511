#include "dyad/analytics/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dyad::analytics {
namespace {

constexpr char kFontFamily[] = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
constexpr char kTitleColor[] = "#1A1A1A";
constexpr char kTextColor[] = "#555555";
constexpr char kNoteColor[] = "#767676";
constexpr char kGridColor[] = "#E6E6E6";
constexpr char kZeroLineColor[] = "#404040";
constexpr char kMarkerColor[] = "#404040";
constexpr char kBandColor[] = "#8C8C8C";
constexpr char kTickMarkColor[] = "#B3B3B3";

constexpr double kPad = 16;  // between the canvas edge and anything drawn
constexpr double kTitleSize = 16;
constexpr double kSubtitleSize = 12;
constexpr double kLegendSize = 12;
constexpr double kTickSize = 11;
constexpr double kAxisTitleSize = 11;
constexpr double kNoteSize = 10;
constexpr double kMarkerLabelSize = 10;
constexpr double kMessageSize = 13;
constexpr double kTickLabelGap = 8;  // the least space between two x tick labels

constexpr std::string_view kPalette[] = {
    kColorMaterialCooperation, kColorVerbalConflict, kColorGreen,  kColorMaterialConflict,
    kColorVerbalCooperation,   kColorPurple,         kColorYellow, kColorGrey};

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Helvetica advance widths, in 1/1000 em, for ' ' .. '~'.
constexpr uint16_t kAsciiWidths[95] = {
    278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' ' .. '/'
    556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // '0' .. '?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // '@' .. 'O'
    667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // 'P' .. '_'
    333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // '`' .. 'o'
    556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};      // 'p' .. '~'

// ---------------------------------------------------------------------------------------------------------------
// UTF-8

constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point at text[i], setting `length` to its byte count; kInvalidCodePoint (length 1) for a
// byte that does not start a well-formed sequence (overlong forms, surrogates and values past U+10FFFF
// included).
char32_t DecodeUtf8(std::string_view text, size_t i, size_t& length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  length = 1;
  if (lead < 0x80) return lead;
  size_t count = 0;
  char32_t code_point = 0, minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    count = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    count = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    count = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return kInvalidCodePoint;
  }
  if (i + count > text.size()) return kInvalidCodePoint;
  for (size_t k = 1; k < count; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return kInvalidCodePoint;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return kInvalidCodePoint;
  }
  length = count;
  return code_point;
}

// East Asian wide characters (Hangul, CJK, kana, full-width forms) take a full em.
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The longest prefix of `text` (cut between code points, "…" appended when cut) that fits in `max_width` px.
std::string FitText(std::string_view text, double font_size, double max_width) {
  if (EstimateTextWidth(text, font_size) <= max_width) return std::string(text);
  const double ellipsis = EstimateTextWidth("\u2026", font_size);
  size_t end = 0;
  for (size_t i = 0, length = 0; i < text.size(); i += length) {
    DecodeUtf8(text, i, length);
    if (EstimateTextWidth(text.substr(0, i + length), font_size) + ellipsis > max_width) break;
    end = i + length;
  }
  return std::string(text.substr(0, end)) + "\u2026";
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

double Pow10(int exponent) { return std::pow(10.0, exponent); }

// Ticks at index * mantissa * 10^exponent for every index in [first, last].
struct TickScale {
  int64_t first = 0, last = 1;
  int mantissa = 1, exponent = 0;

  // Steps below 1 divide by a power of ten, so that tick 3 of step 0.1 is 0.3, not 0.30000000000000004.
  double Value(int64_t index) const {
    const double units = static_cast<double>(index * mantissa);
    return exponent >= 0 ? units * Pow10(exponent) : units / Pow10(-exponent);
  }
};

std::optional<TickScale> FindTickScale(double lo, double hi, int max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return std::nullopt;
  if (lo > hi) std::swap(lo, hi);
  max_ticks = std::max(max_ticks, 3);  // a range across zero needs three ticks whatever the step
  // A range narrower than a billionth of its value cannot be split into steps; widen it around the value.
  if (hi - lo <= 1e-9 * std::max(std::abs(lo), std::abs(hi)) || hi - lo < 1e-200) {
    const double middle = lo / 2 + hi / 2;
    const double half = middle == 0 ? 1 : std::abs(middle) * 0.1;
    lo = middle - half;
    hi = middle + half;
  }
  if (!std::isfinite(hi - lo)) return std::nullopt;
  int exponent = static_cast<int>(std::floor(std::log10((hi - lo) / max_ticks))) - 1;
  for (int decade = 0; decade < 8; ++decade, ++exponent) {
    for (int mantissa : {1, 2, 5}) {
      const double step = mantissa * Pow10(exponent);
      // The slack keeps a bound that is a multiple of the step up to rounding (0.3 / 0.1) from adding a tick.
      const double first = std::floor(lo / step + 1e-9);
      const double last = std::ceil(hi / step - 1e-9);
      if (last - first + 1 > max_ticks) continue;
      return TickScale{static_cast<int64_t>(first), static_cast<int64_t>(last), mantissa, exponent};
    }
  }
  return std::nullopt;
}

// Powers of 1,000 and their suffixes, largest first.
struct CompactUnit {
  int exponent;
  const char* suffix;
};
constexpr CompactUnit kCompactUnits[] = {{12, "T"}, {9, "B"}, {6, "M"}, {3, "k"}, {0, ""}};

// `value` in `unit`, with at most `decimals` decimals and no trailing zeros; `group` puts commas between
// thousands.
std::string FormatScaled(double value, const CompactUnit& unit, int decimals, bool group = false) {
  std::string digits = fmt::format("{:.{}f}", std::abs(value) / Pow10(unit.exponent), decimals);
  size_t point = digits.find('.');
  if (point != std::string::npos) {
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  if (group) {
    point = std::min(digits.find('.'), digits.size());
    for (size_t at = point; at > 3; at -= 3) digits.insert(at - 3, ",");
  }
  if (zero) return "0";
  return fmt::format("{}{}{}", value < 0 ? "\u2212" : "", digits, unit.suffix);
}

// ---------------------------------------------------------------------------------------------------------------
// Periods

struct IsoWeek {
  int year, week;
};

IsoWeek IsoWeekOf(Date date) {
  const Date thursday = date.AddDays(3 - date.weekday());
  const int year = thursday.year();
  return {year, (thursday.days() - Date::FromCivil(year, 1, 1).days()) / 7 + 1};
}

int64_t FloorMod(int64_t a, int64_t b) { return ((a % b) + b) % b; }

// Which periods may carry a tick label: every `every`-th day, Monday, ISO week, month, or period.
enum class TickRule { kEveryPeriod, kDay, kMonday, kWeek, kMonth, kFirstOfMonth };

struct TickStep {
  TickRule rule;
  int every;
};

bool OnStep(Date date, size_t index, TickStep step) {
  switch (step.rule) {
    case TickRule::kEveryPeriod:
      return index % static_cast<size_t>(step.every) == 0;
    case TickRule::kDay:
      return FloorMod(date.days(), step.every) == 0;
    case TickRule::kMonday:  // day 4 since the epoch was a Monday
      return date.weekday() == 0 && FloorMod((date.days() - 4) / 7, step.every / 7) == 0;
    case TickRule::kWeek: {
      const IsoWeek week = IsoWeekOf(date);
      if (step.every <= 26) return (week.week - 1) % step.every == 0;
      return week.week == 1 && FloorMod(week.year, step.every / 52) == 0;
    }
    case TickRule::kFirstOfMonth:
      if (date.day() != 1) return false;
      [[fallthrough]];
    case TickRule::kMonth:
      if (step.every < 12) return (date.month() - 1) % step.every == 0;
      return date.month() == 1 && FloorMod(date.year(), step.every / 12) == 0;
  }
  return false;
}

// Candidate label steps, finest first, aligned to the calendar so that labels fall on round dates.
std::vector<TickStep> TickSteps(std::string_view unit) {
  if (unit == "month") {
    return {{TickRule::kMonth, 1},   {TickRule::kMonth, 2},   {TickRule::kMonth, 3},
            {TickRule::kMonth, 6},   {TickRule::kMonth, 12},  {TickRule::kMonth, 24},
            {TickRule::kMonth, 60},  {TickRule::kMonth, 120}, {TickRule::kMonth, 240},
            {TickRule::kMonth, 600}, {TickRule::kMonth, 1200}};
  }
  if (unit == "week") {
    return {{TickRule::kWeek, 1},   {TickRule::kWeek, 2},   {TickRule::kWeek, 4},   {TickRule::kWeek, 13},
            {TickRule::kWeek, 26},  {TickRule::kWeek, 52},  {TickRule::kWeek, 104}, {TickRule::kWeek, 260},
            {TickRule::kWeek, 520}, {TickRule::kWeek, 1040}};
  }
  if (unit == "day") {
    // From a fortnight up, a day axis labels the first of the month.
    return {{TickRule::kDay, 1},           {TickRule::kDay, 2},           {TickRule::kMonday, 7},
            {TickRule::kMonday, 14},       {TickRule::kFirstOfMonth, 1},  {TickRule::kFirstOfMonth, 2},
            {TickRule::kFirstOfMonth, 3},  {TickRule::kFirstOfMonth, 6},  {TickRule::kFirstOfMonth, 12},
            {TickRule::kFirstOfMonth, 24}, {TickRule::kFirstOfMonth, 60}, {TickRule::kFirstOfMonth, 120}};
  }
  std::vector<TickStep> steps;
  for (int every = 1; every <= 100000000; every *= 10) {
    for (int mantissa : {1, 2, 5}) steps.push_back({TickRule::kEveryPeriod, every * mantissa});
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

// Rounds to the one decimal the SVG carries, so that differences of rounded coordinates are exactly what is
// written.
double Round(double v) { return std::round(v * 10) / 10; }

// A coordinate: one decimal, ".0" dropped, never "-0".
std::string Num(double v) {
  if (!std::isfinite(v)) return "0";
  double rounded = Round(v);
  if (rounded == 0) rounded = 0;
  std::string text = fmt::format("{:.1f}", rounded);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

double ValueAt(const std::vector<double>& values, size_t i) {
  return i < values.size() ? values[i] : std::numeric_limits<double>::quiet_NaN();
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// The range of the data on one axis.
struct Extent {
  double lo = 0, hi = 0;  // zero always included: both axes start from zero
  bool any = false;       // some finite value seen
  void Add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    any = true;
  }
};

// A value axis: labelled ticks plus the gridlines, which run past the labels when a twin axis needs the room.
struct Axis {
  TickScale ticks;
  int64_t grid_first = 0, grid_last = 1;  // tick indices at the bottom and top of the plot
  bool percent = false;
  const CompactUnit* unit = &kCompactUnits[4];  // one for every label on the axis

  double lo() const { return ticks.Value(grid_first); }
  double hi() const { return ticks.Value(grid_last); }
  std::string Label(int64_t index) const {
    const double value = ticks.Value(index);
    if (percent) {
      return FormatScaled(value * 100, kCompactUnits[4], std::max(0, -(ticks.exponent + 2))) + "%";
    }
    return FormatScaled(value, *unit, std::max(0, unit->exponent - ticks.exponent), /*group=*/true);
  }
};

Axis MakeAxis(const Extent& extent, int max_ticks, bool percent) {
  Axis axis;
  axis.percent = percent;
  double hi = extent.hi;
  if (extent.lo == 0 && hi == 0) hi = 1;
  std::optional<TickScale> ticks = FindTickScale(extent.lo, hi, max_ticks);
  if (ticks) axis.ticks = *ticks;  // only absurd ranges fall back to 0..1
  // Figures in full up to 9,999 ("2,500" reads better than "2.5k" beside "2,000"), then in k, M, B or T.
  const double largest =
      std::max(std::abs(axis.ticks.Value(axis.ticks.first)), std::abs(axis.ticks.Value(axis.ticks.last)));
  for (const CompactUnit& unit : kCompactUnits) {
    if (largest >= (unit.exponent == 3 ? 1e4 : Pow10(unit.exponent))) {
      axis.unit = &unit;
      break;
    }
  }
  axis.grid_first = axis.ticks.first;
  axis.grid_last = axis.ticks.last;
  return axis;
}

// Stretches two axes to the same gridlines, with zero at the same height; each keeps labels only over its
// data.
void AlignAxes(Axis& left, Axis& right) {
  const int64_t below = std::max(-left.ticks.first, -right.ticks.first);
  const int64_t above = std::max(left.ticks.last, right.ticks.last);
  left.grid_first = right.grid_first = -below;
  left.grid_last = right.grid_last = above;
}

struct LegendEntry {
  enum class Swatch { kBlock, kLine, kBand } swatch;
  std::string color;
  std::string label;
};

struct XTick {
  size_t index;  // the period
  double x;
  std::string label;
  std::string year;  // a second row under day labels: on the first label and where the year changes
};

class Renderer {
 public:
  explicit Renderer(const Chart& chart)
      : chart_(chart),
        width_(std::max(chart.width, 240)),
        height_(std::max(chart.height, 160)),
        periods_(chart.periods.size()) {}

  std::string Render() {
    ResolveColors();
    MeasureData();
    LayOutVertically();
    MakeAxes();
    LayOutHorizontally();

    Open();
    DrawHeader();
    DrawGrid();
    if (has_data_) {
      DrawAreas();
      DrawBars();
      DrawBands();
    }
    DrawZeroLine();
    if (has_data_) {
      DrawLines(chart_.lines, line_colors_, left_);
      DrawLines(chart_.lines_right, right_colors_, right_);
    } else {
      DrawEmptyMessage();
    }
    DrawMarkers();
    DrawYAxes();
    DrawXAxis();
    DrawLegend();
    DrawNote();
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  template <typename... Args>
  void Emit(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
  }

  void Text(double x, double y, std::string_view text, double size, std::string_view fill,
            std::string_view attributes = "") {
    Emit("<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}{}>{}</text>\n", Num(x), Num(y), Num(size),
         fill, attributes.empty() ? "" : " ", attributes, XmlEscape(text));
  }

  // ----- measuring and layout

  void ResolveColors() {
    std::vector<std::string> used;
    const auto note_used = [&](const std::vector<ChartSeries>& all) {
      for (const ChartSeries& series : all) {
        if (!series.color.empty()) used.push_back(LowerAscii(series.color));
      }
    };
    note_used(chart_.stacked_bars);
    note_used(chart_.stacked_areas);
    note_used(chart_.lines);
    note_used(chart_.lines_right);
    for (const ChartBand& band : chart_.bands) {
      if (!band.color.empty()) used.push_back(LowerAscii(band.color));
    }
    std::vector<std::string_view> free;
    for (std::string_view color : kPalette) {
      if (std::find(used.begin(), used.end(), LowerAscii(color)) == used.end()) free.push_back(color);
    }
    if (free.empty()) free.assign(std::begin(kPalette), std::end(kPalette));
    size_t next = 0;
    const auto assign = [&](const std::vector<ChartSeries>& all, std::vector<std::string>& colors) {
      for (const ChartSeries& series : all) {
        colors.push_back(series.color.empty() ? std::string(free[next++ % free.size()])
                                              : XmlEscape(series.color));
      }
    };
    assign(chart_.stacked_bars, bar_colors_);
    assign(chart_.stacked_areas, area_colors_);
    assign(chart_.lines, line_colors_);
    assign(chart_.lines_right, right_colors_);
    for (const ChartBand& band : chart_.bands) {
      band_colors_.push_back(band.color.empty() ? std::string(kBandColor) : XmlEscape(band.color));
    }
  }

  void MeasureData() {
    bool counts = false;  // some bar or area value that is not zero
    bool bands = false;   // some band with both ends
    for (size_t i = 0; i < periods_; ++i) {
      double up = 0, down = 0;
      for (const ChartSeries& series : chart_.stacked_bars) {
        const double v = ValueAt(series.values, i);
        if (!std::isfinite(v) || v == 0) continue;
        (v > 0 ? up : down) += v;
        counts = true;
      }
      left_extent_.Add(up);
      left_extent_.Add(down);
      double total = 0;
      for (const ChartSeries& series : chart_.stacked_areas) {
        const double v = ValueAt(series.values, i);
        if (std::isfinite(v) && v > 0) {
          total += v;
          counts = true;
        }
      }
      left_extent_.Add(total);
      for (const ChartBand& band : chart_.bands) {
        const double low = ValueAt(band.low, i), high = ValueAt(band.high, i);
        if (std::isfinite(low) && std::isfinite(high)) {
          left_extent_.Add(low);
          left_extent_.Add(high);
          bands = true;
        }
      }
    }
    Extent lines;
    for (const ChartSeries& series : chart_.lines) {
      for (size_t i = 0; i < periods_; ++i) lines.Add(ValueAt(series.values, i));
    }
    for (const ChartSeries& series : chart_.lines_right) {
      for (size_t i = 0; i < periods_; ++i) right_extent_.Add(ValueAt(series.values, i));
    }
    left_extent_.Add(lines.lo);
    left_extent_.Add(lines.hi);
    left_has_data_ = periods_ > 0 && (counts || bands || lines.any);
    has_data_ = left_has_data_ || (periods_ > 0 && right_extent_.any);
    if (!has_data_) left_extent_ = right_extent_ = Extent();
  }

  void LayOutVertically() {
    const double text_width = width_ - 2 * kPad;
    double cursor = 10;
    if (!chart_.title.empty()) {
      title_ = FitText(chart_.title, kTitleSize * 1.1, text_width);  // bold runs about a tenth wider
      title_y_ = cursor + 16;
      cursor += 24;
    }
    if (!chart_.subtitle.empty()) {
      subtitle_ = FitText(chart_.subtitle, kSubtitleSize, text_width);
      subtitle_y_ = cursor + 12;
      cursor += 19;
    }
    BuildLegend();
    if (!legend_.empty()) {
      // Rows of [swatch label], wrapped at the canvas width.
      double x = kPad;
      double y = cursor + 14;
      for (LegendEntry& entry : legend_) {
        entry.label = FitText(entry.label, kLegendSize, text_width - 20);
        const double entry_width = 20 + EstimateTextWidth(entry.label, kLegendSize);
        if (x > kPad && x + entry_width > width_ - kPad) {
          x = kPad;
          y += 18;
        }
        legend_x_.push_back(x);
        legend_y_.push_back(y);
        x += entry_width + 18;
      }
      cursor = y + 6;
    }
    plot_top_ = std::max(cursor + 12, 14.0);

    double bottom = height_ - 8.0;
    if (!chart_.note.empty()) {
      note_ = FitText(chart_.note, kNoteSize, width_ - 2 * kPad);
      note_y_ = height_ - 10.0;
      bottom = note_y_ - kNoteSize - 6;
    }
    year_row_ = chart_.period_unit == "day" && periods_ > 0;
    plot_bottom_ = bottom - (year_row_ ? 34 : 21);
    // A squeezed canvas: overlapping text beats no plot.
    if (plot_bottom_ - plot_top_ < 40) plot_bottom_ = plot_top_ + 40;
  }

  void BuildLegend() {
    for (size_t i = 0; i < chart_.stacked_bars.size(); ++i) {
      AddLegend(LegendEntry::Swatch::kBlock, bar_colors_[i], chart_.stacked_bars[i].name);
    }
    for (size_t i = 0; i < chart_.stacked_areas.size(); ++i) {
      AddLegend(LegendEntry::Swatch::kBlock, area_colors_[i], chart_.stacked_areas[i].name);
    }
    for (size_t i = 0; i < chart_.lines.size(); ++i) {
      AddLegend(LegendEntry::Swatch::kLine, line_colors_[i], chart_.lines[i].name);
    }
    for (size_t i = 0; i < chart_.lines_right.size(); ++i) {
      const std::string& name = chart_.lines_right[i].name;
      const bool mixed =
          !chart_.lines.empty() || !chart_.stacked_bars.empty() || !chart_.stacked_areas.empty();
      AddLegend(LegendEntry::Swatch::kLine, right_colors_[i],
                mixed && !name.empty() ? name + " (right axis)" : name);
    }
    for (size_t i = 0; i < chart_.bands.size(); ++i) {
      AddLegend(LegendEntry::Swatch::kBand, band_colors_[i], chart_.bands[i].name);
    }
  }

  void AddLegend(LegendEntry::Swatch swatch, const std::string& color, const std::string& label) {
    if (!label.empty()) legend_.push_back({swatch, color, label});
  }

  void MakeAxes() {
    const double plot_height = plot_bottom_ - plot_top_;
    const int max_ticks = std::clamp(static_cast<int>(plot_height / 45) + 1, 3, 9);
    left_ = MakeAxis(left_extent_, max_ticks, chart_.y_percent);
    has_right_ = !chart_.lines_right.empty();
    if (has_right_) {
      right_ = MakeAxis(right_extent_, max_ticks, false);
      AlignAxes(left_, right_);
    }
  }

  double WidestLabel(const Axis& axis, bool only_zero) const {
    double widest = 0;
    for (int64_t i = axis.ticks.first; i <= axis.ticks.last; ++i) {
      if (only_zero && i != 0) continue;
      widest = std::max(widest, EstimateTextWidth(axis.Label(i), kTickSize));
    }
    return widest;
  }

  void LayOutHorizontally() {
    plot_left_ = kPad + (chart_.y_label.empty() ? 0 : 18) + WidestLabel(left_, !left_has_data_) + 8;
    plot_right_ = width_ - kPad;
    if (has_right_) plot_right_ -= 8 + WidestLabel(right_, !has_data_) + (chart_.y2_label.empty() ? 0 : 18);
    if (plot_right_ - plot_left_ < 40) plot_right_ = plot_left_ + 40;
    slot_ = periods_ == 0 ? 0 : (plot_right_ - plot_left_) / static_cast<double>(periods_);
  }

  double Y(const Axis& axis, double value) const {
    return plot_bottom_ - (value - axis.lo()) / (axis.hi() - axis.lo()) * (plot_bottom_ - plot_top_);
  }
  double CenterX(size_t i) const { return plot_left_ + (static_cast<double>(i) + 0.5) * slot_; }

  // Where a date falls: period i owns [periods[i], periods[i + 1]) and the slot drawn for it.
  std::optional<double> DateX(Date date) const {
    if (periods_ == 0) return std::nullopt;
    size_t i = periods_;
    for (size_t k = 0; k < periods_; ++k) {
      if (chart_.periods[k] <= date) i = k;
    }
    if (i == periods_) return std::nullopt;
    int64_t length = 0;
    if (i + 1 < periods_) {
      length = int64_t{chart_.periods[i + 1].days()} - chart_.periods[i].days();
    } else if (periods_ >= 2) {
      length = int64_t{chart_.periods[i].days()} - chart_.periods[i - 1].days();
    } else if (chart_.period_unit == "week") {
      length = 7;
    } else if (chart_.period_unit == "month") {
      length = DaysInMonth(chart_.periods[i].year(), chart_.periods[i].month());
    } else {
      length = 1;
    }
    const int64_t offset = int64_t{date.days()} - chart_.periods[i].days();
    if (length <= 0) length = 1;
    if (offset >= length) {
      if (i + 1 == periods_) return std::nullopt;
      return plot_left_ + static_cast<double>(i + 1) * slot_;
    }
    return plot_left_ +
           (static_cast<double>(i) + static_cast<double>(offset) / static_cast<double>(length)) * slot_;
  }

  // ----- drawing

  void Open() {
    out_.reserve(4096 + periods_ * (chart_.stacked_bars.size() * 60 + 40));
    Emit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    Emit(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"{2}\">\n",
        width_, height_, kFontFamily);
    if (!chart_.title.empty()) Emit("<title>{}</title>\n", XmlEscape(chart_.title));
    if (!chart_.subtitle.empty()) Emit("<desc>{}</desc>\n", XmlEscape(chart_.subtitle));
    Emit("<rect width=\"{}\" height=\"{}\" fill=\"#FFFFFF\"/>\n", width_, height_);
  }

  void DrawHeader() {
    if (!title_.empty()) Text(kPad, title_y_, title_, kTitleSize, kTitleColor, "font-weight=\"bold\"");
    if (!subtitle_.empty()) Text(kPad, subtitle_y_, subtitle_, kSubtitleSize, kTextColor);
  }

  void DrawGrid() {
    Emit("<g stroke=\"{}\" stroke-width=\"1\" shape-rendering=\"crispEdges\">\n", kGridColor);
    for (int64_t i = left_.grid_first; i <= left_.grid_last; ++i) {
      if (left_.ticks.Value(i) == 0) continue;  // the zero line goes there
      const std::string y = Num(Y(left_, left_.ticks.Value(i)));
      Emit("<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", Num(plot_left_), y,
           Num(plot_right_), y);
    }
    out_ += "</g>\n";
  }

  void DrawZeroLine() {
    const std::string y = Num(Y(left_, 0));
    Emit(
        "<line class=\"zero-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\" "
        "shape-rendering=\"crispEdges\"/>\n",
        Num(plot_left_), y, Num(plot_right_), y, kZeroLineColor);
  }

  void DrawBars() {
    if (chart_.stacked_bars.empty()) return;
    // Gaps between bars while there is room for them; from there on bars touch, and never get thinner than
    // 1px.
    const double gap = slot_ >= 4 ? slot_ * 0.2 : 0;
    const double bar_width = std::clamp(slot_ - gap, 1.0, 64.0);
    const bool tooltips = periods_ <= 400;
    // Stack tops in rounded pixels, so the rects of a column add up exactly to its total.
    std::vector<double> up(periods_, Round(Y(left_, 0))), down = up;
    for (size_t s = 0; s < chart_.stacked_bars.size(); ++s) {
      const ChartSeries& series = chart_.stacked_bars[s];
      Emit("<g class=\"bar-series\" fill=\"{}\">\n", bar_colors_[s]);
      for (size_t i = 0; i < periods_; ++i) {
        const double v = ValueAt(series.values, i);
        if (!std::isfinite(v) || v == 0) continue;
        double top, bottom;
        if (v > 0) {
          bottom = up[i];
          top = up[i] = Round(Y(left_, CumulativeBar(i, s, true)));
        } else {
          top = down[i];
          bottom = down[i] = Round(Y(left_, CumulativeBar(i, s, false)));
        }
        if (bottom - top < 0.05) continue;
        Emit("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", Num(CenterX(i) - bar_width / 2), Num(top),
             Num(bar_width), Num(bottom - top));
        if (tooltips) {
          Emit("><title>{}{}{}: {}</title></rect>\n", XmlEscape(series.name), series.name.empty() ? "" : ", ",
               XmlEscape(PeriodLabel(chart_.periods[i], chart_.period_unit)),
               FormatScaled(v, kCompactUnits[4], 2, /*group=*/true));
        } else {
          out_ += "/>\n";
        }
      }
      out_ += "</g>\n";
    }
  }

  // The stack height, above zero (or below it), once series 0..s of period i are in.
  double CumulativeBar(size_t i, size_t s, bool positive) const {
    double total = 0;
    for (size_t k = 0; k <= s; ++k) {
      const double v = ValueAt(chart_.stacked_bars[k].values, i);
      if (std::isfinite(v) && (positive ? v > 0 : v < 0)) total += v;
    }
    return total;
  }

  void DrawAreas() {
    if (chart_.stacked_areas.empty()) return;
    std::vector<double> lower(periods_, 0), upper(periods_, 0);
    for (size_t s = 0; s < chart_.stacked_areas.size(); ++s) {
      for (size_t i = 0; i < periods_; ++i) {
        const double v = ValueAt(chart_.stacked_areas[s].values, i);
        upper[i] = lower[i] + (std::isfinite(v) && v > 0 ? v : 0);
      }
      // Points at the period centres, held flat out to the plot's edges.
      std::string d = fmt::format("M{},{}", Num(plot_left_), Num(Y(left_, upper[0])));
      for (size_t i = 0; i < periods_; ++i)
        d += fmt::format(" L{},{}", Num(CenterX(i)), Num(Y(left_, upper[i])));
      d += fmt::format(" L{},{}", Num(plot_right_), Num(Y(left_, upper[periods_ - 1])));
      d += fmt::format(" L{},{}", Num(plot_right_), Num(Y(left_, lower[periods_ - 1])));
      for (size_t i = periods_; i-- > 0;)
        d += fmt::format(" L{},{}", Num(CenterX(i)), Num(Y(left_, lower[i])));
      d += fmt::format(" L{},{} Z", Num(plot_left_), Num(Y(left_, lower[0])));
      Emit("<path class=\"area\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.85\"/>\n", d, area_colors_[s]);
      lower = upper;
    }
  }

  void DrawBands() {
    for (size_t b = 0; b < chart_.bands.size(); ++b) {
      const ChartBand& band = chart_.bands[b];
      const auto valid = [&](size_t i) {
        return std::isfinite(ValueAt(band.low, i)) && std::isfinite(ValueAt(band.high, i));
      };
      for (size_t start = 0; start < periods_;) {
        if (!valid(start)) {
          ++start;
          continue;
        }
        size_t end = start;
        while (end < periods_ && valid(end)) ++end;
        if (end - start == 1) {  // one period: an error bar
          Emit(
              "<line class=\"band\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
              "stroke-opacity=\"0.5\" "
              "stroke-width=\"{4}\"/>\n",
              Num(CenterX(start)), Num(Y(left_, band.low[start])), Num(Y(left_, band.high[start])),
              band_colors_[b], Num(std::clamp(slot_ * 0.3, 2.0, 8.0)));
        } else {
          std::string d;
          for (size_t i = start; i < end; ++i) {
            d +=
                fmt::format("{}{},{} ", i == start ? "M" : "L", Num(CenterX(i)), Num(Y(left_, band.high[i])));
          }
          for (size_t i = end; i-- > start;)
            d += fmt::format("L{},{} ", Num(CenterX(i)), Num(Y(left_, band.low[i])));
          d += "Z";
          Emit("<path class=\"band\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.25\"/>\n", d, band_colors_[b]);
        }
        start = end;
      }
    }
  }

  void DrawLines(const std::vector<ChartSeries>& lines, const std::vector<std::string>& colors,
                 const Axis& axis) {
    const double stroke_width = slot_ >= 3 ? 2 : 1.5;
    const bool dots = slot_ >= 18;  // few periods: mark each value
    for (size_t s = 0; s < lines.size(); ++s) {
      const std::vector<double>& values = lines[s].values;
      const auto valid = [&](size_t i) { return std::isfinite(ValueAt(values, i)); };
      std::string d;
      std::vector<size_t>
          points;  // values drawn as dots: lone values between gaps, or all when there is room
      for (size_t start = 0; start < periods_;) {
        if (!valid(start)) {
          ++start;
          continue;
        }
        size_t end = start;
        while (end < periods_ && valid(end)) ++end;
        if (end - start == 1) points.push_back(start);
        if (end - start > 1) {
          for (size_t i = start; i < end; ++i) {
            if (!d.empty() && i == start) d += ' ';
            d += fmt::format("{}{},{}", i == start ? "M" : " L", Num(CenterX(i)), Num(Y(axis, values[i])));
            if (dots) points.push_back(i);
          }
        }
        start = end;
      }
      Emit("<g class=\"line\" fill=\"{0}\" stroke=\"{0}\">\n", colors[s]);
      if (!d.empty()) {
        Emit(
            "<path d=\"{}\" fill=\"none\" stroke-width=\"{}\" stroke-linejoin=\"round\" "
            "stroke-linecap=\"round\"/>\n",
            d, Num(stroke_width));
      }
      std::sort(points.begin(), points.end());
      for (size_t i : points) {
        Emit("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" stroke=\"none\"/>\n", Num(CenterX(i)),
             Num(Y(axis, values[i])), dots ? "3" : "2.5");
      }
      out_ += "</g>\n";
    }
  }

  void DrawEmptyMessage() {
    if (chart_.empty_message.empty()) return;
    Text((plot_left_ + plot_right_) / 2, (plot_top_ + plot_bottom_) / 2 + 4,
         FitText(chart_.empty_message, kMessageSize, plot_right_ - plot_left_ - 8), kMessageSize, kNoteColor,
         "text-anchor=\"middle\" class=\"empty-message\"");
  }

  void DrawMarkers() {
    // Labels go in rows across the top of the plot; a label that would overlap one already placed drops a
    // row.
    std::vector<std::vector<std::pair<double, double>>> rows;
    for (const ChartMarker& marker : chart_.markers) {
      const std::optional<double> x = DateX(marker.date);
      if (!x) continue;
      Emit(
          "<line class=\"marker\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
          "stroke-width=\"1\" "
          "stroke-dasharray=\"4 3\"/>\n",
          Num(*x), Num(plot_top_), Num(plot_bottom_), kMarkerColor);
      if (marker.label.empty()) continue;
      const std::string label = FitText(marker.label, kMarkerLabelSize, (plot_right_ - plot_left_) / 2);
      const double label_width = EstimateTextWidth(label, kMarkerLabelSize);
      const bool to_left = *x + 4 + label_width > plot_right_;
      const double from = to_left ? *x - 4 - label_width : *x + 4;
      const double to = from + label_width;
      size_t row = 0;
      for (; row < rows.size(); ++row) {
        bool clear = true;
        for (const auto& [a, b] : rows[row]) {
          if (from < b + 6 && a < to + 6) clear = false;
        }
        if (clear) break;
      }
      if (row == rows.size()) rows.emplace_back();
      rows[row].emplace_back(from, to);
      const double baseline = plot_top_ + 11 + 13 * static_cast<double>(row);
      Emit("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"13\" fill=\"#FFFFFF\" fill-opacity=\"0.85\"/>\n",
           Num(from - 2), Num(baseline - 10), Num(label_width + 4));
      Text(to_left ? to : from, baseline, label, kMarkerLabelSize, kMarkerColor,
           to_left ? "text-anchor=\"end\" class=\"marker-label\"" : "class=\"marker-label\"");
    }
  }

  void DrawYAxes() {
    const double middle = (plot_top_ + plot_bottom_) / 2;
    // Without data the axes have no scale to show, only where zero is.
    for (int64_t i = left_.ticks.first; i <= left_.ticks.last; ++i) {
      if (!left_has_data_ && i != 0) continue;
      Text(plot_left_ - 6, Y(left_, left_.ticks.Value(i)) + 4, left_.Label(i), kTickSize, kTextColor,
           "text-anchor=\"end\" class=\"y-tick\"");
    }
    if (!chart_.y_label.empty()) {
      const std::string label = FitText(chart_.y_label, kAxisTitleSize, plot_bottom_ - plot_top_);
      Emit(
          "<text transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\" font-size=\"{}\" "
          "fill=\"{}\" "
          "class=\"y-label\">{}</text>\n",
          Num(kPad + 9), Num(middle), Num(kAxisTitleSize), kTextColor, XmlEscape(label));
    }
    if (!has_right_) return;
    for (int64_t i = right_.ticks.first; i <= right_.ticks.last; ++i) {
      if (!has_data_ && i != 0) continue;
      Text(plot_right_ + 6, Y(right_, right_.ticks.Value(i)) + 4, right_.Label(i), kTickSize, kTextColor,
           "class=\"y2-tick\"");
    }
    if (!chart_.y2_label.empty()) {
      const std::string label = FitText(chart_.y2_label, kAxisTitleSize, plot_bottom_ - plot_top_);
      Emit(
          "<text transform=\"translate({},{}) rotate(90)\" text-anchor=\"middle\" font-size=\"{}\" "
          "fill=\"{}\" "
          "class=\"y2-label\">{}</text>\n",
          Num(width_ - kPad - 9), Num(middle), Num(kAxisTitleSize), kTextColor, XmlEscape(label));
    }
  }

  // The labels of the finest calendar step whose labels keep clear of each other and of the canvas edges.
  std::vector<XTick> ChooseXTicks() const {
    const std::vector<TickStep> steps = TickSteps(chart_.period_unit);
    std::vector<XTick> chosen;
    for (size_t k = 0; k < steps.size(); ++k) {
      const bool last_resort = k + 1 == steps.size();
      std::vector<XTick> ticks;
      double previous_right = -std::numeric_limits<double>::infinity();
      bool collides = false;
      for (size_t i = 0; i < periods_ && !collides; ++i) {
        if (!OnStep(chart_.periods[i], i, steps[k])) continue;
        std::string label = PeriodLabel(chart_.periods[i], chart_.period_unit);
        if (chart_.period_unit == "month" && steps[k].every >= 12)
          label = fmt::format("{}", chart_.periods[i].year());
        const double half = EstimateTextWidth(label, kTickSize) / 2;
        const double x = CenterX(i);
        if (x - half < 2 || x + half > width_ - 2) continue;  // would leave the canvas
        if (x - half < previous_right + kTickLabelGap) {
          if (!last_resort) collides = true;
          continue;  // the coarsest step still collides: skip labels until clear
        }
        previous_right = x + half;
        ticks.push_back({i, x, std::move(label), ""});
      }
      if (!collides) {
        chosen = std::move(ticks);
        break;
      }
    }
    if (year_row_) {
      int previous_year = std::numeric_limits<int>::min();
      for (XTick& tick : chosen) {
        const int year = chart_.periods[tick.index].year();
        if (year != previous_year) tick.year = fmt::format("{}", year);
        previous_year = year;
      }
    }
    return chosen;
  }

  void DrawXAxis() {
    if (periods_ == 0) return;
    const std::vector<XTick> ticks = ChooseXTicks();
    Emit("<g stroke=\"{}\" stroke-width=\"1\" shape-rendering=\"crispEdges\">\n", kTickMarkColor);
    for (const XTick& tick : ticks) {
      Emit("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", Num(tick.x), Num(plot_bottom_),
           Num(plot_bottom_ + 4));
    }
    out_ += "</g>\n";
    for (const XTick& tick : ticks) {
      Text(tick.x, plot_bottom_ + 17, tick.label, kTickSize, kTextColor,
           "text-anchor=\"middle\" class=\"x-tick\"");
      if (!tick.year.empty()) {
        Text(tick.x, plot_bottom_ + 31, tick.year, kTickSize, kTextColor,
             "text-anchor=\"middle\" class=\"x-year\"");
      }
    }
  }

  void DrawLegend() {
    for (size_t i = 0; i < legend_.size(); ++i) {
      const LegendEntry& entry = legend_[i];
      const double x = legend_x_[i], y = legend_y_[i];
      switch (entry.swatch) {
        case LegendEntry::Swatch::kBlock:
          Emit("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", Num(x), Num(y - 10),
               entry.color);
          break;
        case LegendEntry::Swatch::kBand:
          Emit("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" fill-opacity=\"0.25\"/>\n",
               Num(x), Num(y - 10), entry.color);
          break;
        case LegendEntry::Swatch::kLine:
          Emit(
              "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\" "
              "stroke-linecap=\"round\"/>\n",
              Num(x), Num(y - 4), Num(x + 12), Num(y - 4), entry.color);
          break;
      }
      Text(x + 17, y, entry.label, kLegendSize, kTitleColor, "class=\"legend\"");
    }
  }

  void DrawNote() {
    if (!note_.empty()) Text(kPad, note_y_, note_, kNoteSize, kNoteColor, "class=\"note\"");
  }

  const Chart& chart_;
  const int width_, height_;
  const size_t periods_;
  std::string out_;

  std::vector<std::string> bar_colors_, area_colors_, line_colors_, right_colors_, band_colors_;
  Extent left_extent_, right_extent_;
  bool has_data_ = false;
  bool has_right_ = false;
  bool left_has_data_ = false;  // else the left axis labels only its zero
  Axis left_, right_;

  std::string title_, subtitle_, note_;
  double title_y_ = 0, subtitle_y_ = 0, note_y_ = 0;
  std::vector<LegendEntry> legend_;
  std::vector<double> legend_x_, legend_y_;
  bool year_row_ = false;
  double plot_left_ = 0, plot_right_ = 0, plot_top_ = 0, plot_bottom_ = 0;
  double slot_ = 0;  // the width of one period
};

}  // namespace

std::string_view QuadClassColor(int quad_class) {
  switch (quad_class) {
    case 1:
      return kColorVerbalCooperation;
    case 2:
      return kColorMaterialCooperation;
    case 3:
      return kColorVerbalConflict;
    case 4:
      return kColorMaterialConflict;
    default:
      return kColorGrey;
  }
}

std::string RenderSvg(const Chart& chart) { return Renderer(chart).Render(); }

std::vector<double> NiceTicks(double lo, double hi, int max_ticks) {
  std::optional<TickScale> scale = FindTickScale(lo, hi, max_ticks);
  if (!scale) return {};
  std::vector<double> ticks;
  for (int64_t i = scale->first; i <= scale->last; ++i) ticks.push_back(scale->Value(i));
  return ticks;
}

std::string FormatCompact(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "\u221E" : "\u2212\u221E";
  decimals = std::clamp(decimals, 0, 6);
  const double magnitude = std::abs(value);
  size_t unit = 0;
  while (unit + 1 < std::size(kCompactUnits) && magnitude < Pow10(kCompactUnits[unit].exponent)) ++unit;
  // Rounding may carry into the next unit: 999,960 is "1M", not "1000k".
  const double unit_size = Pow10(decimals);
  if (unit > 0 &&
      std::round(magnitude / Pow10(kCompactUnits[unit].exponent) * unit_size) >= 1000 * unit_size) {
    --unit;
  }
  return FormatScaled(value, kCompactUnits[unit], decimals);
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0, length = 0; i < text.size(); i += length) {
    const char32_t code_point = DecodeUtf8(text, i, length);
    switch (code_point) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
      case '\n':
        out += static_cast<char>(code_point);
        break;
      case kInvalidCodePoint:
      case 0xFFFE:  // not XML characters
      case 0xFFFF:
        out += "\uFFFD";
        break;
      default:
        if (code_point >= 0x20 && code_point != 0x7F) out.append(text.substr(i, length));
    }
  }
  return out;
}

std::string PeriodLabel(Date period, std::string_view period_unit) {
  if (period_unit == "month") return fmt::format("{} {}", kMonthNames[period.month() - 1], period.year());
  if (period_unit == "week") {
    const IsoWeek week = IsoWeekOf(period);
    return fmt::format("{}-W{:02}", week.year, week.week);
  }
  if (period_unit == "day") return fmt::format("{} {}", kMonthNames[period.month() - 1], period.day());
  return period.ToString();
}

double EstimateTextWidth(std::string_view text, double font_size) {
  double units = 0;
  for (size_t i = 0, length = 0; i < text.size(); i += length) {
    const char32_t code_point = DecodeUtf8(text, i, length);
    if (code_point >= 0x20 && code_point <= 0x7E) {
      units += kAsciiWidths[code_point - 0x20];
    } else if (code_point >= 0x300 && code_point <= 0x36F) {
      // combining accents take no room of their own
    } else if (IsWide(code_point)) {
      units += 1000;
    } else {
      units += 620;
    }
  }
  // Viewers without Helvetica or Arial fall back to fonts up to 15% wider (DejaVu Sans).
  return units * font_size / 1000 * 1.15;
}

}  // namespace dyad::analytics
