#include "dyad/analytics/svg_chart.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------------------------------
// A small, strict XML reader: enough to prove the output well-formed and to look at what was drawn.

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // character data directly inside, entities decoded
  std::vector<std::unique_ptr<Element>> children;

  std::string Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? "" : it->second;
  }
  double Number(const std::string& key) const { return std::stod(Attribute(key)); }
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view text) : text_(text) {}

  // The root element, or null with error() saying what is wrong and where.
  std::unique_ptr<Element> Read() {
    if (text_.starts_with("<?xml")) {
      size_t end = text_.find("?>");
      if (end == std::string_view::npos) return Fail("unterminated XML declaration");
      pos_ = end + 2;
    }
    SkipMisc();
    std::unique_ptr<Element> root = ReadElement();
    if (!root) return nullptr;
    SkipMisc();
    if (pos_ != text_.size()) return Fail("content after the root element");
    return root;
  }
  const std::string& error() const { return error_; }

 private:
  std::unique_ptr<Element> Fail(const std::string& message) {
    if (error_.empty()) error_ = fmt::format("{} at byte {}", message, pos_);
    return nullptr;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
  }
  void SkipMisc() {
    for (;;) {
      SkipSpace();
      if (!text_.substr(pos_).starts_with("<!--")) return;
      size_t end = text_.find("-->", pos_);
      pos_ = end == std::string_view::npos ? text_.size() : end + 3;
    }
  }
  static bool IsNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.' ||
           static_cast<unsigned char>(c) >= 0x80;
  }
  std::string ReadName() {
    size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // Character data up to `stop`, with the five entities and numeric references decoded; false on a bare & or
  // <.
  bool ReadCharacters(char stop, std::string& out) {
    while (pos_ < text_.size() && text_[pos_] != stop) {
      char c = text_[pos_];
      if (c == '<') return false;
      if (c != '&') {
        out += c;
        ++pos_;
        continue;
      }
      size_t semicolon = text_.find(';', pos_);
      if (semicolon == std::string_view::npos) return false;
      std::string_view entity = text_.substr(pos_ + 1, semicolon - pos_ - 1);
      static const std::map<std::string_view, std::string_view> kEntities = {
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
      if (auto it = kEntities.find(entity); it != kEntities.end()) {
        out += it->second;
      } else if (entity.starts_with("#") && entity.size() > 1) {
        out += "?";  // numeric references: accepted, not decoded
      } else {
        return false;
      }
      pos_ = semicolon + 1;
    }
    return true;
  }
  std::unique_ptr<Element> ReadElement() {
    if (pos_ >= text_.size() || text_[pos_] != '<') return Fail("expected an element");
    ++pos_;
    auto element = std::make_unique<Element>();
    element->name = ReadName();
    if (element->name.empty()) return Fail("missing element name");
    for (;;) {
      size_t before = pos_;
      SkipSpace();
      if (text_.substr(pos_).starts_with("/>")) {
        pos_ += 2;
        return element;
      }
      if (text_.substr(pos_).starts_with(">")) {
        ++pos_;
        break;
      }
      if (pos_ == before) return Fail("expected whitespace before an attribute");
      std::string key = ReadName();
      if (key.empty()) return Fail("bad attribute name");
      if (pos_ >= text_.size() || text_[pos_] != '=') return Fail("expected '=' after " + key);
      ++pos_;
      if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\''))
        return Fail("unquoted attribute");
      char quote = text_[pos_++];
      std::string value;
      if (!ReadCharacters(quote, value) || pos_ >= text_.size())
        return Fail("bad attribute value for " + key);
      ++pos_;
      if (!element->attributes.emplace(key, value).second) return Fail("duplicate attribute " + key);
    }
    for (;;) {
      if (!ReadCharacters('<', element->text)) return Fail("bare & or < in text");
      if (pos_ >= text_.size()) return Fail("unclosed <" + element->name + ">");
      if (text_.substr(pos_).starts_with("<!--")) {
        SkipMisc();
        continue;
      }
      if (text_.substr(pos_).starts_with("</")) {
        pos_ += 2;
        if (ReadName() != element->name) return Fail("mismatched end tag for <" + element->name + ">");
        SkipSpace();
        if (pos_ >= text_.size() || text_[pos_] != '>') return Fail("bad end tag");
        ++pos_;
        return element;
      }
      std::unique_ptr<Element> child = ReadElement();
      if (!child) return nullptr;
      element->children.push_back(std::move(child));
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

// Parses `svg`, failing the test when it is not well-formed.
std::unique_ptr<Element> ParseSvg(const std::string& svg) {
  XmlReader reader(svg);
  std::unique_ptr<Element> root = reader.Read();
  EXPECT_TRUE(root != nullptr) << reader.error();
  return root;
}

void Collect(const Element& element, const std::function<bool(const Element&)>& match,
             std::vector<const Element*>& out) {
  if (match(element)) out.push_back(&element);
  for (const auto& child : element.children) Collect(*child, match, out);
}

std::vector<const Element*> FindAll(const Element& root, const std::string& name,
                                    const std::string& class_name = "") {
  std::vector<const Element*> found;
  Collect(
      root,
      [&](const Element& e) {
        return e.name == name && (class_name.empty() || e.Attribute("class") == class_name);
      },
      found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Data for the tests and the examples: deterministic, vaguely news-shaped.

double Noise(uint32_t i, uint32_t salt) {
  uint32_t h = i * 2654435761u ^ (salt + 0x9E3779B9u);
  h ^= h >> 15;
  h *= 0x2C1B3C6Du;
  h ^= h >> 12;
  h *= 0x297A2D39u;
  h ^= h >> 15;
  return (h & 0xFFFFFF) / double{0x1000000};
}

std::vector<Date> Periods(Date first, size_t count, std::string_view unit) {
  std::vector<Date> periods;
  Date date = first;
  for (size_t i = 0; i < count; ++i) {
    periods.push_back(date);
    if (unit == "day") {
      date = date.AddDays(1);
    } else if (unit == "week") {
      date = date.AddDays(7);
    } else {
      date = date.month() == 12 ? Date::FromCivil(date.year() + 1, 1, 1)
                                : Date::FromCivil(date.year(), date.month() + 1, 1);
    }
  }
  return periods;
}

Chart QuadClassChart(size_t months) {
  Chart chart;
  chart.title = "Events between Côte d'Ivoire & Ghana";
  chart.subtitle = "Monthly events by QuadClass, with the net-cooperation index";
  chart.y_label = "Events";
  chart.y2_label = "Net cooperation";
  chart.note = "Source: dyad store, 12,345 events coded from 3,210 articles";
  chart.period_unit = "month";
  chart.periods = Periods(Date::FromCivil(2022, 1, 1), months, "month");
  const char* names[] = {"Verbal cooperation", "Material cooperation", "Verbal conflict",
                         "Material conflict"};
  for (int q = 1; q <= 4; ++q) {
    ChartSeries series{names[q - 1], {}, std::string(QuadClassColor(q))};
    for (size_t i = 0; i < months; ++i) {
      const double base = q == 1 ? 220 : q == 2 ? 60 : q == 3 ? 80 : 25;
      const double crisis = (i >= 20 && i < 26 && q >= 3) ? 3.5 : 1;
      series.values.push_back(std::round(base * crisis * (0.6 + 0.8 * Noise(static_cast<uint32_t>(i), q))));
    }
    chart.stacked_bars.push_back(series);
  }
  ChartSeries index{"Net cooperation", {}, "#000000"};
  for (size_t i = 0; i < months; ++i) {
    double coop = chart.stacked_bars[0].values[i] + chart.stacked_bars[1].values[i];
    double conflict = chart.stacked_bars[2].values[i] + chart.stacked_bars[3].values[i];
    index.values.push_back((coop - conflict) / (coop + conflict));
  }
  chart.lines_right.push_back(index);
  chart.markers.push_back({chart.periods[std::min<size_t>(20, months - 1)], "change detected"});
  return chart;
}

Chart PartnerShareChart(size_t weeks) {
  Chart chart;
  chart.title = "Whom Türkiye talks to";
  chart.subtitle = "Share of Türkiye's dyadic events, by partner, weekly";
  chart.y_label = "Share of events";
  chart.note = "Source: dyad store; partners below 5% pooled as \"other\"";
  chart.period_unit = "week";
  chart.periods = Periods(Date::FromCivil(2023, 1, 2), weeks, "week");
  chart.y_percent = true;
  const char* names[] = {"Russia", "United States", "Germany", "Syria", "Other"};
  std::vector<std::vector<double>> raw(5);
  for (size_t i = 0; i < weeks; ++i) {
    double total = 0;
    for (size_t p = 0; p < 5; ++p) {
      const double trend = p == 0 ? 1.0 + 0.6 * std::sin(static_cast<double>(i) / 15.0) : 1.0;
      raw[p].push_back((5 - static_cast<double>(p)) * trend *
                       (0.7 + 0.6 * Noise(static_cast<uint32_t>(i), 10 + p)));
      total += raw[p].back();
    }
    for (size_t p = 0; p < 5; ++p) raw[p].back() /= total;
  }
  for (size_t p = 0; p < 5; ++p) chart.stacked_areas.push_back({names[p], raw[p], p == 4 ? "#BBBBBB" : ""});
  return chart;
}

Chart ForecastChart() {
  Chart chart;
  chart.title = "Mean Goldstein score, Israel → Iran";
  chart.subtitle = "Monthly mean with a 6-month forecast and its 80% prediction interval";
  chart.y_label = "Goldstein scale";
  chart.note = "Source: dyad store; forecast: damped-trend exponential smoothing";
  chart.period_unit = "month";
  const size_t observed = 30, ahead = 6;
  chart.periods = Periods(Date::FromCivil(2023, 1, 1), observed + ahead, "month");
  ChartSeries history{"Observed", {}, ""}, forecast{"Forecast", {}, ""};
  ChartBand band{"80% prediction interval", {}, {}, ""};
  for (size_t i = 0; i < observed + ahead; ++i) {
    const double v = -2.0 - 3.0 * std::sin(static_cast<double>(i) / 6.0) +
                     2.0 * (Noise(static_cast<uint32_t>(i), 7) - 0.5);
    const bool future = i >= observed;
    history.values.push_back(future ? kNaN : (i == 13 ? kNaN : v));
    forecast.values.push_back(i + 1 < observed ? kNaN : i + 1 == observed ? history.values[i] : v * 0.8);
    const double spread = future ? 1.0 + 0.5 * static_cast<double>(i - observed) : kNaN;
    band.low.push_back(future ? v * 0.8 - spread : kNaN);
    band.high.push_back(future ? v * 0.8 + spread : kNaN);
  }
  band.color = kColorVerbalConflict;
  forecast.color = kColorVerbalConflict;
  chart.lines = {history, forecast};
  chart.bands = {band};
  chart.markers.push_back({chart.periods[observed], "forecast starts"});
  chart.markers.push_back({chart.periods[8], "ceasefire talks"});
  return chart;
}

Chart DailyChart(size_t days) {
  Chart chart;
  chart.title = "Daily events, India and Pakistan";
  chart.subtitle = fmt::format("{} days of events by QuadClass", days);
  chart.y_label = "Events per day";
  chart.note = "Source: dyad store";
  chart.period_unit = "day";
  chart.periods = Periods(Date::FromCivil(2024, 11, 20), days, "day");
  for (int q = 1; q <= 4; ++q) {
    ChartSeries series{q == 1   ? "Verbal cooperation"
                       : q == 2 ? "Material cooperation"
                       : q == 3 ? "Verbal conflict"
                                : "Material conflict",
                       {},
                       std::string(QuadClassColor(q))};
    for (size_t i = 0; i < days; ++i)
      series.values.push_back(std::floor(8 * Noise(static_cast<uint32_t>(i), 20 + q) * (q <= 2 ? 2 : 1)));
    chart.stacked_bars.push_back(series);
  }
  return chart;
}

// ---------------------------------------------------------------------------------------------------------------
// Tick arithmetic

bool IsNiceStep(double step) {
  const double exponent = std::floor(std::log10(step) + 1e-9);
  const double mantissa = step / std::pow(10.0, exponent);
  return std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6;
}

// The slow twin: walk every 1-2-5 step from tiny to huge and take the first whose ticks fit.
double SmallestFittingStep(double lo, double hi, int max_ticks) {
  for (int exponent = -12; exponent <= 12; ++exponent) {
    for (int mantissa : {1, 2, 5}) {
      const double step = mantissa * std::pow(10.0, exponent);
      const double count = std::ceil(hi / step - 1e-9) - std::floor(lo / step + 1e-9) + 1;
      if (count <= max_ticks) return step;
    }
  }
  return 0;
}

TEST(NiceTicks, CoversTheRangeWithOneTwoFiveSteps) {
  EXPECT_EQ(NiceTicks(0, 97, 6), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(NiceTicks(-10, 10, 5), (std::vector<double>{-10, -5, 0, 5, 10}));
  EXPECT_EQ(NiceTicks(0, 1, 6), (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));
  EXPECT_EQ(NiceTicks(-0.35, 0.8, 7), (std::vector<double>{-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8}));
  EXPECT_EQ(NiceTicks(0, 0.3, 4), (std::vector<double>{0, 0.1, 0.2, 0.3}));  // 0.3 / 0.1 rounds to 2.9999...
  EXPECT_EQ(NiceTicks(0, 1234, 6), (std::vector<double>{0, 500, 1000, 1500}));
  EXPECT_EQ(NiceTicks(10, -10, 5), NiceTicks(-10, 10, 5));
  EXPECT_EQ(NiceTicks(-7.5, -2.1, 4), (std::vector<double>{-8, -6, -4, -2}));
}

TEST(NiceTicks, HandlesDegenerateInput) {
  EXPECT_TRUE(NiceTicks(kNaN, 1, 5).empty());
  EXPECT_TRUE(NiceTicks(0, std::numeric_limits<double>::infinity(), 5).empty());
  for (double v : {0.0, 5.0, -3.0, 1e9, 1e-9}) {
    std::vector<double> ticks = NiceTicks(v, v, 5);
    ASSERT_GE(ticks.size(), 2u) << v;
    EXPECT_LE(ticks.front(), v);
    EXPECT_GE(ticks.back(), v);
    EXPECT_LT(ticks.front(), ticks.back());
  }
  EXPECT_EQ(NiceTicks(-1, 1, 1).size(), 3u);  // a range across zero needs three ticks
}

TEST(NiceTicks, AgreesWithTheSlowTwinOnManyRanges) {
  for (uint32_t i = 0; i < 5000; ++i) {
    const double magnitude = std::pow(10.0, std::floor(Noise(i, 1) * 10) - 4);
    double lo = (Noise(i, 2) - 0.7) * magnitude;
    double hi = lo + Noise(i, 3) * magnitude + magnitude * 1e-3;
    const int max_ticks = 3 + static_cast<int>(Noise(i, 4) * 8);
    std::vector<double> ticks = NiceTicks(lo, hi, max_ticks);
    ASSERT_GE(ticks.size(), 2u);
    ASSERT_LE(static_cast<int>(ticks.size()), max_ticks) << lo << " " << hi;
    const double step = ticks[1] - ticks[0];
    EXPECT_TRUE(IsNiceStep(step)) << step;
    EXPECT_LE(ticks.front(), lo + step * 1e-6);
    EXPECT_GE(ticks.back(), hi - step * 1e-6);
    EXPECT_NEAR(step, SmallestFittingStep(lo, hi, max_ticks), step * 1e-9)
        << lo << " " << hi << " " << max_ticks;
    for (size_t k = 1; k < ticks.size(); ++k) EXPECT_NEAR(ticks[k] - ticks[k - 1], step, step * 1e-9);
  }
}

TEST(FormatCompact, UsesSuffixesAndTrimsZeros) {
  EXPECT_EQ(FormatCompact(0), "0");
  EXPECT_EQ(FormatCompact(950), "950");
  EXPECT_EQ(FormatCompact(1000), "1k");
  EXPECT_EQ(FormatCompact(1234), "1.2k");
  EXPECT_EQ(FormatCompact(12000), "12k");
  EXPECT_EQ(FormatCompact(1260000), "1.3M");
  EXPECT_EQ(FormatCompact(999960), "1M");  // rounding carries into the next unit
  EXPECT_EQ(FormatCompact(2e9), "2B");
  EXPECT_EQ(FormatCompact(-1500), "\u22121.5k");
  EXPECT_EQ(FormatCompact(-0.01), "0");  // no "-0"
  EXPECT_EQ(FormatCompact(0.25, 2), "0.25");
  EXPECT_EQ(FormatCompact(0.25), "0.2");  // round half to even, as printf does
  EXPECT_EQ(FormatCompact(kNaN), "n/a");
}

TEST(XmlEscape, EscapesMarkupAndRepairsBadText) {
  EXPECT_EQ(XmlEscape("A & B <C> \"D\" 'E'"), "A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;");
  EXPECT_EQ(XmlEscape("Côte d’Ivoire 日本"), "Côte d’Ivoire 日本");
  EXPECT_EQ(XmlEscape("bad \xC3 byte"), "bad \uFFFD byte");
  EXPECT_EQ(XmlEscape("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // an encoded surrogate
  EXPECT_EQ(XmlEscape("bell\x07\ttab"), "bell\ttab");
  EXPECT_EQ(XmlEscape("\xEF\xBF\xBF"), "\uFFFD");
}

TEST(PeriodLabel, NamesMonthsIsoWeeksAndDays) {
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2025, 1, 1), "month"), "Jan 2025");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2025, 1, 13), "week"), "2025-W03");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2024, 12, 30), "week"), "2025-W01");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2021, 1, 1), "week"), "2020-W53");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2021, 1, 4), "week"), "2021-W01");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2025, 3, 12), "day"), "Mar 12");
  EXPECT_EQ(PeriodLabel(Date::FromCivil(2025, 3, 12), "quarter"), "2025-03-12");
}

TEST(EstimateTextWidth, GrowsWithTextAndSize) {
  EXPECT_EQ(EstimateTextWidth("", 11), 0);
  EXPECT_GT(EstimateTextWidth("2025-W03", 11), 40);
  EXPECT_LT(EstimateTextWidth("2025-W03", 11), 70);
  EXPECT_NEAR(EstimateTextWidth("Mm", 22), 2 * EstimateTextWidth("Mm", 11), 1e-9);
  EXPECT_GT(EstimateTextWidth("日本", 11), EstimateTextWidth("ab", 11));
  EXPECT_EQ(EstimateTextWidth("e\u0301", 11), EstimateTextWidth("e", 11));  // a combining accent adds nothing
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

TEST(RenderSvg, IsWellFormedStandaloneSvg) {
  std::vector<Chart> charts = {QuadClassChart(36), PartnerShareChart(104), ForecastChart(), DailyChart(3000),
                               Chart{}};
  for (const Chart& chart : charts) {
    const std::string svg = RenderSvg(chart);
    ASSERT_TRUE(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ")) << chart.title;
    std::unique_ptr<Element> root = ParseSvg(svg);
    ASSERT_TRUE(root) << chart.title;
    EXPECT_EQ(root->name, "svg");
    EXPECT_EQ(root->Attribute("xmlns"), "http://www.w3.org/2000/svg");
    EXPECT_EQ(root->Attribute("version"), "1.1");
    EXPECT_EQ(root->Attribute("width"), std::to_string(chart.width));
    EXPECT_EQ(root->Attribute("height"), std::to_string(chart.height));
    EXPECT_EQ(root->Attribute("viewBox"), fmt::format("0 0 {} {}", chart.width, chart.height));
    EXPECT_NE(root->Attribute("font-family").find("sans-serif"), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
  }
}

TEST(RenderSvg, EscapesEveryText) {
  Chart chart = QuadClassChart(12);
  chart.title = "R&D <\"tests\"> in Côte d'Ivoire";
  chart.subtitle = "a < b & c > d";
  chart.y_label = "x & y";
  chart.note = "Source: \"dyad\" & co <3";
  chart.stacked_bars[0].name = "<script>alert('x')</script>";
  chart.markers[0].label = "A&B";
  chart.lines_right[0].color = "#000\"/><script>";
  const std::string svg = RenderSvg(chart);
  std::unique_ptr<Element> root = ParseSvg(svg);
  ASSERT_TRUE(root);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("R&amp;D &lt;&quot;tests&quot;&gt; in Côte d&apos;Ivoire"), std::string::npos);
  std::vector<std::string> texts;
  for (const Element* text : FindAll(*root, "text")) texts.push_back(text->text);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "R&D <\"tests\"> in Côte d'Ivoire"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "a < b & c > d"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Source: \"dyad\" & co <3"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "A&B"), texts.end());
}

TEST(RenderSvg, StackedBarHeightsAddUp) {
  Chart chart;
  chart.period_unit = "month";
  chart.periods = Periods(Date::FromCivil(2025, 1, 1), 3, "month");
  chart.stacked_bars = {{"a", {10, 20, 0}, ""}, {"b", {30, 0, 5}, ""}, {"c", {0, 10, 5}, ""}};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  // Ticks 0..40: the 40-event column reaches the top gridline, and every column is as tall as its total.
  std::vector<const Element*> groups = FindAll(*root, "g", "bar-series");
  ASSERT_EQ(groups.size(), 3u);
  std::map<std::string, double> column_height, column_top;
  std::map<std::string, std::vector<double>> heights;
  for (const Element* group : groups) {
    for (const auto& rect : group->children) {
      const std::string x = rect->Attribute("x");
      column_height[x] += rect->Number("height");
      heights[x].push_back(rect->Number("height"));
      column_top[x] = column_top.count(x) ? std::min(column_top[x], rect->Number("y")) : rect->Number("y");
    }
  }
  ASSERT_EQ(column_height.size(), 3u);
  std::vector<double> totals;
  for (const auto& [x, height] : column_height)
    totals.push_back(height);  // x sorts as text: fine for 3 columns
  std::sort(totals.begin(), totals.end());
  const double per_event = totals[2] / 40;  // the 10 + 30 column
  EXPECT_NEAR(totals[0], 10 * per_event, 0.11);
  EXPECT_NEAR(totals[1], 30 * per_event, 0.11);

  // The zero line is the bottom of every column; the top gridline is the top of the tallest.
  const Element* zero = FindAll(*root, "line", "zero-line").at(0);
  double top_grid = 1e9;
  for (const Element* grid : FindAll(*root, "line", "grid"))
    top_grid = std::min(top_grid, grid->Number("y1"));
  for (const auto& [x, height] : column_height) {
    EXPECT_NEAR(column_top[x] + height, zero->Number("y1"), 1e-9) << x;
    if (height == totals[2]) {
      EXPECT_NEAR(column_top[x], top_grid, 0.11);
    }
  }
  for (const auto& [x, parts] : heights) {
    if (parts.size() == 2 && std::abs(column_height[x] - totals[2]) < 1e-9) {
      EXPECT_NEAR(parts[1], 3 * parts[0], 0.2);  // 10 under 30
    }
  }
}

TEST(RenderSvg, NegativeValuesStackDownFromZero) {
  Chart chart;
  chart.periods = Periods(Date::FromCivil(2025, 1, 1), 2, "month");
  chart.period_unit = "month";
  chart.stacked_bars = {{"cooperation", {20, 10}, ""}, {"conflict", {-10, -30}, ""}};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  const double zero_y = FindAll(*root, "line", "zero-line").at(0)->Number("y1");
  std::vector<const Element*> groups = FindAll(*root, "g", "bar-series");
  ASSERT_EQ(groups.size(), 2u);
  for (const auto& rect : groups[0]->children)
    EXPECT_NEAR(rect->Number("y") + rect->Number("height"), zero_y, 1e-9);
  for (const auto& rect : groups[1]->children) EXPECT_NEAR(rect->Number("y"), zero_y, 1e-9);
}

TEST(RenderSvg, NegativeRangesGetAZeroLineInside) {
  Chart chart;
  chart.periods = Periods(Date::FromCivil(2025, 1, 6), 20, "week");
  chart.period_unit = "week";
  ChartSeries goldstein{"Goldstein", {}, ""};
  for (int i = 0; i < 20; ++i) goldstein.values.push_back(-10 + i);
  chart.lines = {goldstein};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> zero = FindAll(*root, "line", "zero-line");
  ASSERT_EQ(zero.size(), 1u);
  double top = 1e9, bottom = -1e9;
  for (const Element* grid : FindAll(*root, "line", "grid")) {
    top = std::min(top, grid->Number("y1"));
    bottom = std::max(bottom, grid->Number("y1"));
  }
  EXPECT_GT(zero[0]->Number("y1"), top);
  EXPECT_LT(zero[0]->Number("y1"), bottom);
  // The "0" tick label sits on the zero line, and "−10" is labelled.
  bool zero_label = false, minus_ten = false;
  for (const Element* tick : FindAll(*root, "text", "y-tick")) {
    if (tick->text == "0") {
      zero_label = true;
      EXPECT_NEAR(tick->Number("y") - 4, zero[0]->Number("y1"), 0.11);
    }
    minus_ten |= tick->text == "\u221210";
  }
  EXPECT_TRUE(zero_label);
  EXPECT_TRUE(minus_ten);
}

TEST(RenderSvg, RightAxisSharesTheZeroLine) {
  Chart chart = QuadClassChart(24);
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  const double zero_y = FindAll(*root, "line", "zero-line").at(0)->Number("y1");
  bool left_zero = false, right_zero = false, right_negative = false;
  for (const Element* tick : FindAll(*root, "text", "y-tick")) {
    if (tick->text == "0") left_zero = std::abs(tick->Number("y") - 4 - zero_y) < 0.11;
  }
  for (const Element* tick : FindAll(*root, "text", "y2-tick")) {
    if (tick->text == "0") right_zero = std::abs(tick->Number("y") - 4 - zero_y) < 0.11;
    right_negative |= tick->text.starts_with("\u2212");
  }
  EXPECT_TRUE(left_zero);
  EXPECT_TRUE(right_zero);
  EXPECT_TRUE(right_negative);  // the crisis months drive the index below zero
}

std::vector<std::string> YTickLabels(const std::vector<double>& values, bool percent = false) {
  Chart chart;
  chart.periods = Periods(Date::FromCivil(2025, 1, 1), values.size(), "month");
  chart.period_unit = "month";
  chart.y_percent = percent;
  chart.lines = {{"x", values, ""}};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  std::vector<std::string> labels;
  if (!root) return labels;
  for (const Element* tick : FindAll(*root, "text", "y-tick")) labels.push_back(tick->text);
  return labels;
}

TEST(RenderSvg, AxisLabelsShareOneUnit) {
  EXPECT_EQ(YTickLabels({0, 2345}),
            (std::vector<std::string>{"0", "500", "1,000", "1,500", "2,000", "2,500"}));
  EXPECT_EQ(YTickLabels({0, 45000}), (std::vector<std::string>{"0", "10k", "20k", "30k", "40k", "50k"}));
  EXPECT_EQ(YTickLabels({0, 1.4e6}),
            (std::vector<std::string>{"0", "0.2M", "0.4M", "0.6M", "0.8M", "1M", "1.2M", "1.4M"}));
  EXPECT_EQ(YTickLabels({0, 0.83}, true),
            (std::vector<std::string>{"0%", "20%", "40%", "60%", "80%", "100%"}));
  EXPECT_EQ(YTickLabels({-0.35, 0.3}), (std::vector<std::string>{"\u22120.4", "\u22120.3", "\u22120.2",
                                                                 "\u22120.1", "0", "0.1", "0.2", "0.3"}));
}

TEST(RenderSvg, LegendStaysAbovePlotAndWraps) {
  Chart chart = QuadClassChart(12);
  for (int i = 0; i < 8; ++i) chart.lines.push_back({fmt::format("A rather long series name {}", i), {}, ""});
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  double top_grid = 1e9;
  for (const Element* grid : FindAll(*root, "line", "grid"))
    top_grid = std::min(top_grid, grid->Number("y1"));
  std::vector<const Element*> legend = FindAll(*root, "text", "legend");
  ASSERT_EQ(legend.size(), 13u);
  double lowest = 0;
  std::map<double, double> row_right;  // baseline -> right end of the row so far
  for (const Element* entry : legend) {
    const double y = entry->Number("y"), x = entry->Number("x");
    lowest = std::max(lowest, y);
    EXPECT_LE(x + EstimateTextWidth(entry->text, entry->Number("font-size")), chart.width) << entry->text;
    if (row_right.count(y)) {
      EXPECT_GT(x, row_right[y]) << entry->text;
    }
    row_right[y] = x + EstimateTextWidth(entry->text, entry->Number("font-size"));
  }
  EXPECT_GE(row_right.size(), 3u);       // wrapped
  EXPECT_LT(lowest + 4, top_grid - 10);  // and clear of the plot and its top tick label
}

TEST(RenderSvg, RightAxisAloneLeavesTheLeftAxisUnlabelled) {
  Chart chart;
  chart.periods = Periods(Date::FromCivil(2025, 1, 1), 12, "month");
  chart.period_unit = "month";
  chart.lines_right = {{"index", {0.1, -0.2, 0.3, 0.5, 0.1, 0, -0.4, 0.2, 0.3, 0.1, 0.2, 0.6}, ""}};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> left = FindAll(*root, "text", "y-tick");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]->text, "0");
  EXPECT_GE(FindAll(*root, "text", "y2-tick").size(), 4u);
}

TEST(RenderSvg, NaNSplitsALineIntoSegments) {
  Chart chart;
  chart.periods = Periods(Date::FromCivil(2025, 1, 1), 8, "month");
  chart.period_unit = "month";
  chart.lines = {{"index", {1, 2, kNaN, 3, 4, kNaN, 5, kNaN}, ""}};
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> lines = FindAll(*root, "g", "line");
  ASSERT_EQ(lines.size(), 1u);
  const Element* path = nullptr;
  std::vector<const Element*> dots;
  for (const auto& child : lines[0]->children) {
    if (child->name == "path") path = child.get();
    if (child->name == "circle") dots.push_back(child.get());
  }
  ASSERT_TRUE(path);
  const std::string d = path->Attribute("d");
  EXPECT_EQ(std::count(d.begin(), d.end(), 'M'), 2) << d;  // [1 2] and [3 4]
  EXPECT_EQ(std::count(d.begin(), d.end(), 'L'), 2) << d;
  EXPECT_FALSE(dots.empty());  // the lone 5 still shows, as a dot
}

TEST(RenderSvg, SingleLoneValueIsADot) {
  Chart chart;
  chart.periods = {Date::FromCivil(2025, 3, 1)};
  chart.period_unit = "month";
  chart.lines = {{"index", {0.4}, ""}};
  chart.stacked_bars = {{"events", {12}, ""}};
  const std::string svg = RenderSvg(chart);
  std::unique_ptr<Element> root = ParseSvg(svg);
  ASSERT_TRUE(root);
  EXPECT_EQ(FindAll(*root, "circle").size(), 1u);
  EXPECT_FALSE(FindAll(*root, "g", "bar-series").at(0)->children.empty());
  EXPECT_EQ(FindAll(*root, "text", "x-tick").size(), 1u);
  EXPECT_EQ(FindAll(*root, "text", "empty-message").size(), 0u);
}

TEST(RenderSvg, EmptyChartsDrawAxesAndAMessage) {
  for (int variant = 0; variant < 3; ++variant) {
    Chart chart;
    chart.title = "Nothing here";
    chart.period_unit = "week";
    if (variant >= 1) chart.periods = Periods(Date::FromCivil(2025, 1, 6), 10, "week");
    if (variant == 2) chart.stacked_bars = {{"a", std::vector<double>(10, 0.0), ""}};
    std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
    ASSERT_TRUE(root);
    std::vector<const Element*> message = FindAll(*root, "text", "empty-message");
    ASSERT_EQ(message.size(), 1u) << variant;
    EXPECT_EQ(message[0]->text, "No events in this period");
    EXPECT_FALSE(FindAll(*root, "text", "y-tick").empty());
    EXPECT_EQ(FindAll(*root, "line", "zero-line").size(), 1u);
    if (variant >= 1) {
      EXPECT_FALSE(FindAll(*root, "text", "x-tick").empty());
    }
  }
}

// The x tick labels of `svg`, left to right, must keep clear of each other and stay on the canvas.
void ExpectTickLabelsApart(const Chart& chart, size_t min_labels) {
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> ticks = FindAll(*root, "text", "x-tick");
  ASSERT_GE(ticks.size(), min_labels) << chart.period_unit;
  double previous_right = -1e9;
  for (const Element* tick : ticks) {
    const double half = EstimateTextWidth(tick->text, tick->Number("font-size")) / 2;
    const double x = tick->Number("x");
    EXPECT_EQ(tick->Attribute("text-anchor"), "middle");
    EXPECT_GT(x - half, previous_right + 4) << tick->text;
    EXPECT_GE(x - half, 0);
    EXPECT_LE(x + half, chart.width);
    previous_right = x + half;
  }
}

TEST(RenderSvg, TickLabelsNeverOverlap) {
  ExpectTickLabelsApart(PartnerShareChart(500), 5);  // 500 weeks: roughly one label a year
  ExpectTickLabelsApart(PartnerShareChart(3), 3);
  ExpectTickLabelsApart(QuadClassChart(240), 5);
  ExpectTickLabelsApart(QuadClassChart(6), 6);
  ExpectTickLabelsApart(DailyChart(3000), 5);
  ExpectTickLabelsApart(DailyChart(40), 4);
  Chart narrow = QuadClassChart(120);
  narrow.width = 240;
  ExpectTickLabelsApart(narrow, 2);
  Chart other = DailyChart(1000);
  other.period_unit = "";
  ExpectTickLabelsApart(other, 3);
}

TEST(RenderSvg, ThousandsOfPeriodsKeepBarsAtLeastOnePixel) {
  const Chart chart = DailyChart(5000);
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> bars;
  for (const Element* group : FindAll(*root, "g", "bar-series")) {
    for (const auto& rect : group->children) bars.push_back(rect.get());
  }
  ASSERT_GT(bars.size(), 5000u);
  for (const Element* bar : bars) ASSERT_GE(bar->Number("width"), 1);
}

TEST(RenderSvg, MarkersLandOnPeriodBoundaries) {
  Chart chart = ForecastChart();
  std::unique_ptr<Element> root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  std::vector<const Element*> markers = FindAll(*root, "line", "marker");
  ASSERT_EQ(markers.size(), 2u);
  std::vector<const Element*> labels = FindAll(*root, "text", "marker-label");
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0]->text, "forecast starts");
  chart.markers = {{Date::FromCivil(1999, 1, 1), "too early"}, {Date::FromCivil(2099, 1, 1), "too late"}};
  root = ParseSvg(RenderSvg(chart));
  ASSERT_TRUE(root);
  EXPECT_TRUE(FindAll(*root, "line", "marker").empty());
}

TEST(RenderSvg, IsDeterministic) {
  for (const Chart& chart : {QuadClassChart(36), PartnerShareChart(500), ForecastChart(), DailyChart(400)}) {
    const Chart copy = chart;
    EXPECT_EQ(RenderSvg(chart), RenderSvg(copy));
  }
}

TEST(RenderSvg, DefaultColorsAvoidExplicitOnes) {
  Chart chart = QuadClassChart(6);
  chart.lines_right[0].color.clear();
  const std::string svg = RenderSvg(chart);
  std::unique_ptr<Element> root = ParseSvg(svg);
  ASSERT_TRUE(root);
  std::vector<const Element*> lines = FindAll(*root, "g", "line");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]->Attribute("stroke"), kColorGreen);  // blue and orange are taken by the bars
}

// Writes the examples to the test's temporary directory, and to $DYAD_WRITE_EXAMPLES when set, for a person
// to look at.
TEST(RenderSvg, WritesExamples) {
  Chart empty;
  empty.title = "Events between Andorra and Bhutan";
  empty.subtitle = "Weekly events by QuadClass";
  empty.y_label = "Events";
  empty.period_unit = "week";
  empty.periods = Periods(Date::FromCivil(2025, 1, 6), 26, "week");
  empty.note = "Source: dyad store, 0 events";
  Chart single = QuadClassChart(1);
  single.markers.clear();
  Chart narrow = QuadClassChart(36);
  narrow.width = 360;
  narrow.height = 300;
  const std::vector<std::pair<std::string, Chart>> examples = {
      {"quadclass_monthly.svg", QuadClassChart(36)},
      {"partner_shares_weekly.svg", PartnerShareChart(104)},
      {"partner_shares_500_weeks.svg", PartnerShareChart(500)},
      {"forecast.svg", ForecastChart()},
      {"daily_3000.svg", DailyChart(3000)},
      {"daily_60.svg", DailyChart(60)},
      {"empty.svg", empty},
      {"single_period.svg", single},
      {"narrow.svg", narrow}};
  std::vector<std::string> directories = {testing::TempDir()};
  if (const char* dir = std::getenv("DYAD_WRITE_EXAMPLES"); dir != nullptr && *dir != '\0')
    directories.push_back(dir);
  for (const std::string& directory : directories) {
    for (const auto& [name, chart] : examples) {
      const std::string path = directory + (directory.ends_with("/") ? "" : "/") + name;
      std::ofstream out(path, std::ios::binary);
      out << RenderSvg(chart);
      EXPECT_TRUE(out.good()) << path;
    }
  }
}

}  // namespace
}  // namespace dyad::analytics
