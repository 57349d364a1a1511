// The analytics commands: dyad trend, alerts, focus, align, forecast (docs/analytics.md), and dyad synth,
// which fills a store with synthetic events of known structure. Each reads the store's daily aggregates
// (refreshed first), prints a table for people or JSON for programs, and trend, focus and forecast draw an
// SVG on request.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "dyad/analytics/alerts.h"
#include "dyad/analytics/align.h"
#include "dyad/analytics/focus.h"
#include "dyad/analytics/forecast.h"
#include "dyad/analytics/report_json.h"
#include "dyad/analytics/series.h"
#include "dyad/analytics/svg_chart.h"
#include "dyad/analytics/synth.h"
#include "dyad/cli/common.h"
#include "dyad/knowledge/knowledge_base.h"

namespace dyad::cli {
namespace {

using analytics::ActorSpec;

// Today in UTC, the default date groups are expanded on.
// Group names (NATO, BRICS ...) are the knowledge base's memberships (data/knowledge/groups.txt). The
// knowledge base is read on the first group-like name only; a broken one is reported once and groups are then
// unknown.
analytics::GroupResolver GroupResolver() {
  auto kb = std::make_shared<std::optional<knowledge::KnowledgeBase>>();
  auto tried = std::make_shared<bool>(false);
  return [kb, tried](std::string_view name, Date as_of) -> std::optional<std::vector<std::string>> {
    if (!*tried) {
      *tried = true;
      Result<knowledge::KnowledgeBase> loaded = knowledge::KnowledgeBase::Load(knowledge::LoadOptions{});
      if (loaded.ok()) {
        *kb = std::move(*loaded);
      } else {
        fmt::print(stderr, "dyad: the knowledge base (for group names): {}\n", loaded.status().ToString());
      }
    }
    if (!kb->has_value() || !(*kb)->IsGroup(name)) return std::nullopt;
    return (*kb)->MembersOf(name, as_of);
  };
}

// What every analytics command shares: the store, the output format, an optional plot.
struct AnalyticsFlags {
  StoreFlags store;
  std::string format = "table";
  std::string plot;
  std::string as_of;  // groups are expanded as of this date (default: the store's last day)

  void Register(CLI::App& command, bool plot_option) {
    store.Register(command);
    command.add_option("--format", format, "table (for people) or json")
        ->check(CLI::IsMember({"table", "json"}));
    if (plot_option)
      command.add_option("--plot", plot, "Also draw the result as an SVG chart into this file");
    command.add_option("--as-of", as_of, "Expand groups (NATO, BRICS ...) as of this date, YYYY-MM-DD");
  }
};

// Opens the store and brings its aggregates up to date; null (reported) on failure.
std::unique_ptr<store::EventStore> OpenForAnalytics(const AnalyticsFlags& flags, std::string_view command) {
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(flags.store);
  if (!store) return nullptr;
  Status status = store->RefreshAggregates();
  if (!status.ok()) {
    fmt::print(stderr, "dyad {}: updating the aggregates: {}\n", command, status.ToString());
    return nullptr;
  }
  return store;
}

bool ParseOptionalDate(const std::string& text, std::optional<Date>& out, std::string_view flag,
                       std::string_view command) {
  if (text.empty()) return true;
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) {
    fmt::print(stderr, "dyad {}: {} '{}' is not a date (YYYY-MM-DD)\n", command, flag, text);
    return false;
  }
  out = *d;
  return true;
}

std::optional<ActorSpec> ParseSpecOrReport(const std::string& text, const AnalyticsFlags& flags,
                                           std::string_view command) {
  std::optional<Date> as_of;
  if (!ParseOptionalDate(flags.as_of, as_of, "--as-of", command)) return std::nullopt;
  Result<ActorSpec> spec = analytics::ParseActorSpec(text, GroupResolver(), as_of.value_or(Date::Today()));
  if (!spec.ok()) {
    fmt::print(stderr, "dyad {}: {}\n", command, spec.status().message());
    return std::nullopt;
  }
  return *spec;
}

bool WriteFileOrReport(const std::string& path, const std::string& text, std::string_view command) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    fmt::print(stderr, "dyad {}: cannot write {}\n", command, path);
    return false;
  }
  return true;
}

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

// ---- trend ----

struct TrendOptions {
  AnalyticsFlags flags;
  std::string a, b, by = "week", from, to;
  bool directed = false;
};

analytics::Chart TrendChart(const analytics::DyadSeries& s) {
  analytics::Chart chart;
  chart.title = fmt::format("{} {} {}: events per {}", s.a.label, s.options.directed ? "→" : "–", s.b.label,
                            analytics::PeriodName(s.options.by));
  chart.subtitle = "Stacked by QuadClass; line: net-cooperation index (right axis)";
  chart.y_label = "events";
  chart.y2_label = "net cooperation per 1,000 events";
  chart.period_unit = analytics::PeriodName(s.options.by);
  static constexpr const char* kNames[4] = {"Verbal cooperation", "Material cooperation", "Verbal conflict",
                                            "Material conflict"};
  for (int q = 0; q < 4; ++q) {
    analytics::ChartSeries series{kNames[q], {}, std::string(analytics::QuadClassColor(q + 1))};
    for (const analytics::SeriesPoint& p : s.points) series.values.push_back(static_cast<double>(p.quad[q]));
    chart.stacked_bars.push_back(std::move(series));
  }
  analytics::ChartSeries index{"Net-cooperation index", {}, analytics::kColorGrey};
  for (const analytics::SeriesPoint& p : s.points) {
    chart.periods.push_back(p.start);
    index.values.push_back(p.volume > 0 ? p.net_cooperation_index() : NAN);
  }
  chart.lines_right.push_back(std::move(index));
  chart.note = fmt::format(
      "Source: dyad store, {} events. Index: (cooperative - conflictual events) per 1,000 "
      "events stored in the period.",
      s.total_events);
  return chart;
}

int RunTrend(TrendOptions& o) {
  analytics::SeriesOptions options;
  Result<analytics::Period> by = analytics::ParsePeriod(o.by);
  if (!by.ok()) {
    fmt::print(stderr, "dyad trend: {}\n", by.status().message());
    return 2;
  }
  options.by = *by;
  options.directed = o.directed;
  if (!ParseOptionalDate(o.from, options.from, "--from", "trend") ||
      !ParseOptionalDate(o.to, options.to, "--to", "trend")) {
    return 2;
  }
  std::optional<ActorSpec> a = ParseSpecOrReport(o.a, o.flags, "trend");
  std::optional<ActorSpec> b = ParseSpecOrReport(o.b, o.flags, "trend");
  if (!a || !b) return 2;
  std::unique_ptr<store::EventStore> store = OpenForAnalytics(o.flags, "trend");
  if (!store) return 1;
  Result<analytics::DyadSeries> series = analytics::BuildSeries(*store, *a, *b, options);
  if (!series.ok()) {
    fmt::print(stderr, "dyad trend: {}\n", series.status().ToString());
    return 1;
  }
  if (!o.flags.plot.empty() &&
      !WriteFileOrReport(o.flags.plot, analytics::RenderSvg(TrendChart(*series)), "trend")) {
    return 1;
  }
  if (o.flags.format == "json") {
    fmt::print("{}", analytics::SeriesJson(*series));
    return 0;
  }
  std::string out = fmt::format("{} {} {}, by {}: {} events\n", a->label, o.directed ? "->" : "<->", b->label,
                                o.by, series->total_events);
  out += fmt::format("{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>9} {:>9}\n", "period", "events", "vcoop",
                     "mcoop", "vconf", "mconf", "gold", "volume", "index");
  for (const analytics::SeriesPoint& p : series->points) {
    const double mean = p.goldstein_mean();
    out += fmt::format("{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>9} {:>9.2f}\n", p.start.ToString(),
                       p.events(), p.quad[0], p.quad[1], p.quad[2], p.quad[3],
                       std::isnan(mean) ? std::string("-") : fmt::format("{:.2f}", mean), p.volume,
                       p.net_cooperation_index());
  }
  fmt::print("{}", out);
  return 0;
}

// ---- alerts ----

struct AlertsOptions {
  AnalyticsFlags flags;
  std::string since;
  std::vector<std::string> dyad;
  int64_t min_events = 20;
  int history_weeks = 104;
  int limit = 50;
};

int RunAlerts(AlertsOptions& o) {
  analytics::AlertOptions options;
  options.min_events = o.min_events;
  options.history_weeks = o.history_weeks;
  options.evidence_alerts = o.limit > 0 ? o.limit : 1 << 30;
  if (!ParseOptionalDate(o.since, options.since, "--since", "alerts")) return 2;
  if (!o.dyad.empty()) {
    options.a = ParseSpecOrReport(o.dyad[0], o.flags, "alerts");
    options.b = ParseSpecOrReport(o.dyad[1], o.flags, "alerts");
    if (!options.a || !options.b) return 2;
  }
  std::unique_ptr<store::EventStore> store = OpenForAnalytics(o.flags, "alerts");
  if (!store) return 1;
  Result<std::vector<analytics::Alert>> alerts = analytics::ScanAlerts(*store, options);
  if (!alerts.ok()) {
    fmt::print(stderr, "dyad alerts: {}\n", alerts.status().ToString());
    return 1;
  }
  if (o.limit > 0 && static_cast<int>(alerts->size()) > o.limit) alerts->resize(o.limit);
  if (o.flags.format == "json") {
    fmt::print("{}", analytics::AlertsJson(*alerts));
    return 0;
  }
  if (alerts->empty()) {
    fmt::print("No shifts detected.\n");
    return 0;
  }
  std::string out = fmt::format("{:<10} {:<10} {:<15} {:<12} {:<4} {:>14} {:>13}  {}\n", "detected", "start",
                                "dyad", "series", "dir", "per week", "goldstein", "events behind it");
  for (const analytics::Alert& a : *alerts) {
    std::string ids;
    for (const store::EventRecord& e : a.events) ids += fmt::format("{}{}", ids.empty() ? "" : ",", e.id);
    out += fmt::format("{:<10} {:<10} {:<15} {:<12} {:<4} {:>14} {:>13}  {}\n", a.detected.ToString(),
                       a.start.ToString(), a.a + "-" + a.b, a.series, a.direction > 0 ? "up" : "down",
                       fmt::format("{:.1f} -> {:.1f}", a.rate_before, a.rate_after),
                       fmt::format("{:.1f} -> {:.1f}", a.goldstein_before, a.goldstein_after), ids);
  }
  fmt::print("{}", out);
  return 0;
}

// ---- focus ----

struct FocusCommandOptions {
  AnalyticsFlags flags;
  std::string actor, to;
  analytics::FocusOptions options;
};

analytics::Chart FocusChart(const analytics::Focus& f) {
  analytics::Chart chart;
  chart.title = fmt::format("{}: share of cooperative events by partner", f.actor.label);
  chart.subtitle = fmt::format("Windows of {} days; the largest partners of the last window",
                               f.windows.empty() ? 0 : f.windows[0].to.days() - f.windows[0].from.days() + 1);
  chart.y_label = "share of cooperative events";
  chart.y_percent = true;
  chart.period_unit = "month";
  for (const analytics::FocusWindow& w : f.windows) chart.periods.push_back(w.from);
  std::vector<std::string> partners;
  if (!f.windows.empty()) {
    for (const analytics::PartnerShare& p : f.windows.back().cooperation) {
      if (partners.size() < 6) partners.push_back(p.partner);
    }
  }
  for (const std::string& partner : partners) {
    analytics::ChartSeries series{partner, {}, ""};
    for (const analytics::FocusWindow& w : f.windows) {
      double share = 0;
      for (const analytics::PartnerShare& p : w.cooperation) {
        if (p.partner == partner) share = p.share;
      }
      series.values.push_back(share);
    }
    chart.stacked_areas.push_back(std::move(series));
  }
  for (const analytics::FocusShift& s : f.shifts) {
    if (s.kind == "cooperation" && s.share_after > s.share_before) {
      chart.markers.push_back({s.window_from, "toward " + s.partner});
    }
  }
  chart.note =
      "Source: dyad store. Shares of the actor's cooperative events (QuadClass 1-2) with each partner.";
  return chart;
}

int RunFocus(FocusCommandOptions& o) {
  if (!ParseOptionalDate(o.to, o.options.to, "--to", "focus")) return 2;
  std::optional<ActorSpec> actor = ParseSpecOrReport(o.actor, o.flags, "focus");
  if (!actor) return 2;
  std::unique_ptr<store::EventStore> store = OpenForAnalytics(o.flags, "focus");
  if (!store) return 1;
  Result<analytics::Focus> focus = analytics::AnalyzeFocus(*store, *actor, o.options);
  if (!focus.ok()) {
    fmt::print(stderr, "dyad focus: {}\n", focus.status().ToString());
    return 1;
  }
  if (!o.flags.plot.empty() &&
      !WriteFileOrReport(o.flags.plot, analytics::RenderSvg(FocusChart(*focus)), "focus")) {
    return 1;
  }
  if (o.flags.format == "json") {
    fmt::print("{}", analytics::FocusJson(*focus));
    return 0;
  }
  std::string out;
  for (const analytics::FocusWindow& w : focus->windows) {
    out +=
        fmt::format("{} .. {}  cooperation {:>5}:", w.from.ToString(), w.to.ToString(), w.cooperation_total);
    for (size_t i = 0; i < w.cooperation.size() && static_cast<int>(i) < o.options.top; ++i) {
      out += fmt::format(" {} {}", w.cooperation[i].partner, Percent(w.cooperation[i].share));
    }
    out += fmt::format("\n{:24}  conflict    {:>5}:", "", w.conflict_total);
    for (size_t i = 0; i < w.conflict.size() && static_cast<int>(i) < o.options.top; ++i) {
      out += fmt::format(" {} {}", w.conflict[i].partner, Percent(w.conflict[i].share));
    }
    out += "\n";
  }
  if (focus->shifts.empty()) out += "No partner shifts flagged.\n";
  for (const analytics::FocusShift& s : focus->shifts) {
    out += fmt::format("{} .. {}: {}'s {} has moved {} {} ({} -> {} of its {} events, z = {:.1f})\n",
                       s.window_from.ToString(), s.window_to.ToString(), actor->label, s.kind,
                       s.share_after > s.share_before ? "toward" : "away from", s.partner,
                       Percent(s.share_before), Percent(s.share_after),
                       s.kind == "cooperation" ? "cooperative" : "conflictual", s.z);
  }
  fmt::print("{}", out);
  return 0;
}

// ---- align ----

struct AlignCommandOptions {
  AnalyticsFlags flags;
  std::string actors, to;
  std::vector<std::string> triad;
  analytics::AlignOptions options;
};

int RunAlign(AlignCommandOptions& o) {
  if (!ParseOptionalDate(o.to, o.options.to, "--to", "align")) return 2;
  if (!o.actors.empty()) {
    std::optional<ActorSpec> actors = ParseSpecOrReport(o.actors, o.flags, "align");
    if (!actors) return 2;
    o.options.actors = actors->codes;
  }
  if (!o.triad.empty()) {
    if (o.triad.size() % 3 != 0) {
      fmt::print(stderr, "dyad align: --triad takes three actors\n");
      return 2;
    }
    for (size_t i = 0; i < o.triad.size(); i += 3)
      o.options.triads.push_back({o.triad[i], o.triad[i + 1], o.triad[i + 2]});
  }
  std::unique_ptr<store::EventStore> store = OpenForAnalytics(o.flags, "align");
  if (!store) return 1;
  Result<analytics::Alignment> alignment = analytics::AnalyzeAlignment(*store, o.options);
  if (!alignment.ok()) {
    fmt::print(stderr, "dyad align: {}\n", alignment.status().ToString());
    return 1;
  }
  if (o.flags.format == "json") {
    fmt::print("{}", analytics::AlignmentJson(*alignment));
    return 0;
  }
  const analytics::Alignment& a = *alignment;
  std::string out = fmt::format("{} .. {}: {} actors, modularity {:.2f}\n", a.from.ToString(),
                                a.to.ToString(), a.actors.size(), a.modularity);
  for (size_t b = 0; b < a.blocs.size(); ++b) {
    out += fmt::format("bloc {}: {} (cooperative share of mutual events {})\n", b + 1,
                       fmt::join(a.blocs[b].members, " "), Percent(a.blocs[b].internal_cooperation));
  }
  out += "triads (cooperation lift against the actors' overall cooperation; baseline 1.0):\n";
  for (const analytics::Triad& t : a.triads) {
    out += fmt::format(
        "  {}-{}-{}: {:.2f} (previous window {:.2f}); pairs {:.2f} {:.2f} {:.2f}; {} cooperative events\n",
        t.actors[0], t.actors[1], t.actors[2], t.density, t.previous_density, t.pair_lift[0], t.pair_lift[1],
        t.pair_lift[2], t.cooperative_events);
  }
  out += "most similar pairs (cosine of interaction profiles):\n";
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t i = 0; i < a.actors.size(); ++i) {
    for (size_t j = i + 1; j < a.actors.size(); ++j) pairs.emplace_back(-a.similarity[i][j], i, j);
  }
  std::sort(pairs.begin(), pairs.end());
  for (size_t k = 0; k < pairs.size() && k < 10; ++k) {
    auto [s, i, j] = pairs[k];
    out += fmt::format("  {}-{}: {:.2f}\n", a.actors[i], a.actors[j], -s);
  }
  fmt::print("{}", out);
  return 0;
}

// ---- forecast ----

struct ForecastCommandOptions {
  AnalyticsFlags flags;
  std::string a, b;
  int weeks = 4;
};

analytics::Chart ForecastChart(const analytics::DyadForecast& f, const analytics::DyadSeries& s, int shown) {
  analytics::Chart chart;
  chart.title = fmt::format("{} – {}: events per week and {}-week forecast", f.a.label, f.b.label,
                            f.quad[0].points.size());
  chart.subtitle = "Lines: weekly events by QuadClass; shaded: 80% prediction intervals";
  chart.y_label = "events per week";
  chart.period_unit = "week";
  const size_t first = s.points.size() > static_cast<size_t>(shown) ? s.points.size() - shown : 0;
  for (size_t i = first; i < f.history_weeks.size(); ++i) chart.periods.push_back(f.history_weeks[i]);
  const size_t history = chart.periods.size();
  const size_t horizon = f.quad[0].points.size();
  for (size_t h = 0; h < horizon; ++h) chart.periods.push_back(f.first.AddDays(7 * static_cast<int>(h)));
  static constexpr const char* kNames[4] = {"Verbal cooperation", "Material cooperation", "Verbal conflict",
                                            "Material conflict"};
  for (int q = 0; q < 4; ++q) {
    analytics::ChartSeries line{kNames[q], {}, std::string(analytics::QuadClassColor(q + 1))};
    analytics::ChartBand band{"", {}, {}, std::string(analytics::QuadClassColor(q + 1))};
    for (size_t i = first; i < f.history_weeks.size(); ++i) {
      line.values.push_back(static_cast<double>(s.points[i].quad[q]));
      band.low.push_back(NAN);
      band.high.push_back(NAN);
    }
    // The forecast continues the line from the last observed week.
    if (history > 0) {
      band.low.back() = band.high.back() = line.values.back();
    }
    for (const analytics::ForecastPoint& p : f.quad[q].points) {
      line.values.push_back(p.mean);
      band.low.push_back(p.lo80);
      band.high.push_back(p.hi80);
    }
    chart.lines.push_back(std::move(line));
    chart.bands.push_back(std::move(band));
  }
  chart.markers.push_back({f.first, "forecast"});
  chart.note =
      fmt::format("Source: dyad store. Models chosen on a rolling-origin backtest: {}.", f.quad[0].model);
  return chart;
}

int RunForecast(ForecastCommandOptions& o) {
  if (o.weeks < 1 || o.weeks > 52) {
    fmt::print(stderr, "dyad forecast: --weeks must be between 1 and 52\n");
    return 2;
  }
  std::optional<ActorSpec> a = ParseSpecOrReport(o.a, o.flags, "forecast");
  std::optional<ActorSpec> b = ParseSpecOrReport(o.b, o.flags, "forecast");
  if (!a || !b) return 2;
  std::unique_ptr<store::EventStore> store = OpenForAnalytics(o.flags, "forecast");
  if (!store) return 1;
  analytics::DyadSeries series;
  Result<analytics::DyadForecast> forecasted = analytics::ForecastDyad(*store, *a, *b, o.weeks, &series);
  if (!forecasted.ok()) {
    fmt::print(stderr, "dyad forecast: {}\n", forecasted.status().message());
    return 1;
  }
  const analytics::DyadForecast& forecast = *forecasted;
  if (!o.flags.plot.empty() &&
      !WriteFileOrReport(o.flags.plot, analytics::RenderSvg(ForecastChart(forecast, series, 52)),
                         "forecast")) {
    return 1;
  }
  if (o.flags.format == "json") {
    fmt::print("{}", analytics::ForecastJson(forecast));
    return 0;
  }
  static constexpr const char* kNames[5] = {"verbal cooperation", "material cooperation", "verbal conflict",
                                            "material conflict", "mean Goldstein"};
  std::string out = fmt::format("{} <-> {}: {} weeks of history, forecast from {}\n", a->label, b->label,
                                series.points.size(), forecast.first.ToString());
  for (int k = 0; k < 5; ++k) {
    const analytics::Forecast& f = k < 4 ? forecast.quad[k] : forecast.goldstein;
    out += fmt::format("{} ({}): {}\n", kNames[k], f.model.empty() ? "-" : f.model, f.reason);
    for (size_t h = 0; h < f.points.size(); ++h) {
      const analytics::ForecastPoint& p = f.points[h];
      out += fmt::format("  week of {}: {:.1f}  80% [{:.1f}, {:.1f}]  95% [{:.1f}, {:.1f}]\n",
                         forecast.first.AddDays(7 * static_cast<int>(h)).ToString(), p.mean, p.lo80, p.hi80,
                         p.lo95, p.hi95);
    }
    for (const analytics::BacktestScore& b : f.backtest) {
      out += fmt::format("  backtest {:<15} MASE {:.2f}  coverage 80% {}  95% {}  ({} forecasts)\n", b.model,
                         b.mase, Percent(b.coverage80), Percent(b.coverage95), b.forecasts);
    }
  }
  fmt::print("{}", out);
  return 0;
}

// ---- synth ----

struct SynthCommandOptions {
  StoreFlags store;
  analytics::SynthOptions options;
  std::string start, truth;
};

int RunSynth(SynthCommandOptions& o) {
  if (!o.start.empty()) {
    Result<Date> start = Date::Parse(o.start);
    if (!start.ok()) {
      fmt::print(stderr, "dyad synth: --start '{}' is not a date\n", o.start);
      return 2;
    }
    o.options.start = analytics::PeriodStart(*start, analytics::Period::kWeek);
  }
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(o.store);
  if (!store) return 1;
  Result<analytics::SynthTruth> truth = analytics::FillStore(*store, o.options);
  if (!truth.ok()) {
    fmt::print(stderr, "dyad synth: {}\n", truth.status().ToString());
    return 1;
  }
  const std::string json = analytics::TruthJson(*truth);
  if (!o.truth.empty()) {
    if (!WriteFileOrReport(o.truth, json, "synth")) return 1;
  }
  fmt::print(stderr, "dyad synth: {} events, {} planted changes, {} partner shifts, {} blocs\n",
             truth->events, truth->changes.size(), truth->shifts.size(), truth->blocs.size());
  return 0;
}

}  // namespace

void AddAnalyticsCommands(CLI::App& app, int& exit_code) {
  {
    auto o = std::make_shared<TrendOptions>();
    CLI::App* c = app.add_subcommand(
        "trend", "A dyad's events per period: QuadClass counts, Goldstein, net-cooperation index");
    c->add_option("a", o->a,
                  "First actor: a country (PRK), actor code (PRKGOV), list (CHN,RUS) or group (NATO)")
        ->required();
    c->add_option("b", o->b, "Second actor")->required();
    c->add_option("--by", o->by, "day, week or month")->check(CLI::IsMember({"day", "week", "month"}));
    c->add_flag("--directed", o->directed, "Only events from A to B (default: both directions)");
    c->add_option("--from", o->from, "First date, YYYY-MM-DD (default: the dyad's first event)");
    c->add_option("--to", o->to, "Last date, YYYY-MM-DD (default: the store's last day)");
    o->flags.Register(*c, true);
    c->callback([o, &exit_code] { exit_code = RunTrend(*o); });
  }
  {
    auto o = std::make_shared<AlertsOptions>();
    CLI::App* c =
        app.add_subcommand("alerts", "Shifts in every active dyad's cooperation and conflict (CUSUM)");
    c->add_option("--since", o->since,
                  "Alerts detected on or after this date (default: 8 weeks before the last day)");
    c->add_option("--dyad", o->dyad, "Only this dyad: two actors")->expected(2);
    c->add_option("--min-events", o->min_events,
                  "A dyad is active with at least this many events in the weeks read");
    c->add_option("--history-weeks", o->history_weeks, "Weeks before --since read for the baselines");
    c->add_option("--limit", o->limit, "Print at most this many alerts (0: all)");
    o->flags.Register(*c, false);
    c->callback([o, &exit_code] { exit_code = RunAlerts(*o); });
  }
  {
    auto o = std::make_shared<FocusCommandOptions>();
    CLI::App* c =
        app.add_subcommand("focus", "How an actor's cooperation and conflict are shared among its partners");
    c->add_option("actor", o->actor, "The actor: country, actor code, list or group")->required();
    c->add_option("--window-weeks", o->options.window_weeks, "Weeks per window");
    c->add_option("--windows", o->options.windows, "Number of windows, ending at --to");
    c->add_option("--to", o->to, "Last date (default: the store's last day)");
    c->add_option("--top", o->options.top, "Partners listed per window");
    c->add_option("--min-shift", o->options.min_shift, "Smallest share change flagged (0.10 = 10 points)");
    o->flags.Register(*c, true);
    c->callback([o, &exit_code] { exit_code = RunFocus(*o); });
  }
  {
    auto o = std::make_shared<AlignCommandOptions>();
    CLI::App* c =
        app.add_subcommand("align", "Profile similarity, blocs and triads of the most active actors");
    c->add_option("--actors", o->actors,
                  "Actors to compare: a list (CHN,RUS,PRK,USA) or group (default: the most active)");
    c->add_option("--top", o->options.top, "Without --actors: how many of the most active");
    c->add_option("--window-days", o->options.window_days,
                  "Days in the window (the previous window precedes it)");
    c->add_option("--to", o->to, "Last date (default: the store's last day)");
    c->add_option("--triad", o->triad, "Report this triad (three actors; repeatable)")->expected(3);
    o->flags.Register(*c, false);
    c->callback([o, &exit_code] { exit_code = RunAlign(*o); });
  }
  {
    auto o = std::make_shared<ForecastCommandOptions>();
    CLI::App* c = app.add_subcommand(
        "forecast", "Weekly QuadClass counts and mean Goldstein ahead, with intervals and a backtest");
    c->add_option("a", o->a, "First actor")->required();
    c->add_option("b", o->b, "Second actor")->required();
    c->add_option("--weeks", o->weeks, "Weeks ahead (1-52)");
    o->flags.Register(*c, true);
    c->callback([o, &exit_code] { exit_code = RunForecast(*o); });
  }
  {
    auto o = std::make_shared<SynthCommandOptions>();
    CLI::App* c = app.add_subcommand(
        "synth", "Fill a store with synthetic events of known structure (tests, benchmarks)");
    c->add_option("--events", o->options.events, "About this many events");
    c->add_option("--seed", o->options.seed, "Random seed (same seed, same events)");
    c->add_option("--weeks", o->options.weeks, "Weeks of events");
    c->add_option("--actors", o->options.actors, "Actors (3-60)");
    c->add_option("--blocs", o->options.blocs, "Blocs the actors form");
    c->add_option("--changes", o->options.changes, "Planted rate changes");
    c->add_option("--start", o->start, "First week (default 2023-01-02)");
    c->add_option("--truth", o->truth, "Write the planted structure as JSON to this file");
    o->store.Register(*c);
    c->callback([o, &exit_code] { exit_code = RunSynth(*o); });
  }
}

}  // namespace dyad::cli
