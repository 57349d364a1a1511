#include "dyad/analytics/report_json.h"

#include <fmt/format.h>

#include <cmath>

#include "dyad/coder/event_writer.h"

namespace dyad::analytics {
namespace {

void Str(std::string_view s, std::string& out) { coder::AppendJsonString(s, out); }

void Spec(const ActorSpec& spec, std::string& out) {
  out += "{\"label\":";
  Str(spec.label, out);
  out += ",\"codes\":[";
  for (size_t i = 0; i < spec.codes.size(); ++i) {
    if (i) out += ',';
    Str(spec.codes[i], out);
  }
  out += "]}";
}

void EventJson(const store::EventRecord& e, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{{\"id\":{},\"date\":\"{}\",\"source\":", e.id, e.date.ToString());
  Str(e.source, out);
  out += ",\"target\":";
  Str(e.target, out);
  out += ",\"code\":";
  Str(e.code, out);
  out += ",\"goldstein\":";
  AppendJsonNumber(e.goldstein, out, 1);
  fmt::format_to(std::back_inserter(out), ",\"quad_class\":{},\"num_mentions\":{},\"origin\":", e.quad_class,
                 e.num_mentions);
  Str(e.origin, out);
  out += "}";
}

void ForecastBody(const Forecast& f, std::string& out) {
  out += "{\"model\":";
  Str(f.model, out);
  out += ",\"reason\":";
  Str(f.reason, out);
  out += ",\"points\":[";
  for (size_t i = 0; i < f.points.size(); ++i) {
    const ForecastPoint& p = f.points[i];
    out += i ? ",{\"mean\":" : "{\"mean\":";
    AppendJsonNumber(p.mean, out);
    out += ",\"lo80\":";
    AppendJsonNumber(p.lo80, out);
    out += ",\"hi80\":";
    AppendJsonNumber(p.hi80, out);
    out += ",\"lo95\":";
    AppendJsonNumber(p.lo95, out);
    out += ",\"hi95\":";
    AppendJsonNumber(p.hi95, out);
    out += "}";
  }
  out += "],\"backtest\":[";
  for (size_t i = 0; i < f.backtest.size(); ++i) {
    const BacktestScore& b = f.backtest[i];
    out += i ? ",{\"model\":" : "{\"model\":";
    Str(b.model, out);
    out += ",\"mae\":";
    AppendJsonNumber(b.mae, out);
    out += ",\"mase\":";
    AppendJsonNumber(b.mase, out);
    out += ",\"coverage80\":";
    AppendJsonNumber(b.coverage80, out);
    out += ",\"coverage95\":";
    AppendJsonNumber(b.coverage95, out);
    fmt::format_to(std::back_inserter(out), ",\"forecasts\":{},\"note\":", b.forecasts);
    Str(b.note, out);
    out += "}";
  }
  out += "]}";
}

}  // namespace

void AppendJsonNumber(double value, std::string& out, int decimals) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::string text = fmt::format("{:.{}f}", value, decimals);
  // Trim trailing zeros (and a bare point) for readability: 2.5000 -> 2.5, 3.0000 -> 3.
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  out += text;
}

std::string SeriesJson(const DyadSeries& s) {
  std::string out = "{\"a\":";
  Spec(s.a, out);
  out += ",\"b\":";
  Spec(s.b, out);
  fmt::format_to(std::back_inserter(out), ",\"by\":\"{}\",\"directed\":{},\"total_events\":{},\"points\":[",
                 PeriodName(s.options.by), s.options.directed, s.total_events);
  for (size_t i = 0; i < s.points.size(); ++i) {
    const SeriesPoint& p = s.points[i];
    fmt::format_to(std::back_inserter(out),
                   "{}{{\"start\":\"{}\",\"events\":{},\"verbal_cooperation\":{},\"material_cooperation\":{},"
                   "\"verbal_conflict\":{},\"material_conflict\":{},\"goldstein_sum\":",
                   i ? "," : "", p.start.ToString(), p.events(), p.quad[0], p.quad[1], p.quad[2], p.quad[3]);
    AppendJsonNumber(p.goldstein_sum, out, 2);
    out += ",\"goldstein_mean\":";
    AppendJsonNumber(p.goldstein_mean(), out, 3);
    fmt::format_to(std::back_inserter(out), ",\"volume\":{},\"net_cooperation_index\":", p.volume);
    AppendJsonNumber(p.net_cooperation_index(), out, 3);
    out += "}";
  }
  return out + "]}\n";
}

std::string AlertsJson(const std::vector<Alert>& alerts) {
  std::string out = "{\"alerts\":[";
  for (size_t i = 0; i < alerts.size(); ++i) {
    const Alert& a = alerts[i];
    out += i ? ",{\"a\":" : "{\"a\":";
    Str(a.a, out);
    out += ",\"b\":";
    Str(a.b, out);
    fmt::format_to(
        std::back_inserter(out),
        ",\"series\":\"{}\",\"direction\":\"{}\",\"start\":\"{}\",\"detected\":\"{}\",\"rate_before\":",
        a.series, a.direction > 0 ? "up" : "down", a.start.ToString(), a.detected.ToString());
    AppendJsonNumber(a.rate_before, out, 2);
    out += ",\"rate_after\":";
    AppendJsonNumber(a.rate_after, out, 2);
    out += ",\"size_log2\":";
    AppendJsonNumber(a.Size(), out, 3);
    out += ",\"goldstein_before\":";
    AppendJsonNumber(a.goldstein_before, out, 2);
    out += ",\"goldstein_after\":";
    AppendJsonNumber(a.goldstein_after, out, 2);
    out += ",\"events\":[";
    for (size_t k = 0; k < a.events.size(); ++k) {
      if (k) out += ',';
      EventJson(a.events[k], out);
    }
    out += "]}";
  }
  return out + "]}\n";
}

std::string FocusJson(const Focus& f) {
  std::string out = "{\"actor\":";
  Spec(f.actor, out);
  out += ",\"windows\":[";
  auto shares = [&](const std::vector<PartnerShare>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      out += i ? ",{\"partner\":" : "{\"partner\":";
      Str(list[i].partner, out);
      fmt::format_to(std::back_inserter(out), ",\"events\":{},\"share\":", list[i].events);
      AppendJsonNumber(list[i].share, out);
      out += '}';
    }
    out += ']';
  };
  for (size_t i = 0; i < f.windows.size(); ++i) {
    const FocusWindow& w = f.windows[i];
    fmt::format_to(
        std::back_inserter(out),
        "{}{{\"from\":\"{}\",\"to\":\"{}\",\"cooperation_total\":{},\"conflict_total\":{},\"cooperation\":",
        i ? "," : "", w.from.ToString(), w.to.ToString(), w.cooperation_total, w.conflict_total);
    shares(w.cooperation);
    out += ",\"conflict\":";
    shares(w.conflict);
    out += '}';
  }
  out += "],\"shifts\":[";
  for (size_t i = 0; i < f.shifts.size(); ++i) {
    const FocusShift& s = f.shifts[i];
    fmt::format_to(std::back_inserter(out), "{}{{\"kind\":\"{}\",\"partner\":", i ? "," : "", s.kind);
    Str(s.partner, out);
    out += ",\"share_before\":";
    AppendJsonNumber(s.share_before, out);
    out += ",\"share_after\":";
    AppendJsonNumber(s.share_after, out);
    fmt::format_to(std::back_inserter(out),
                   ",\"events_before\":{},\"events_after\":{},\"from\":\"{}\",\"to\":\"{}\",\"z\":",
                   s.events_before, s.events_after, s.window_from.ToString(), s.window_to.ToString());
    AppendJsonNumber(s.z, out, 2);
    out += '}';
  }
  return out + "]}\n";
}

std::string AlignmentJson(const Alignment& a) {
  std::string out =
      fmt::format("{{\"from\":\"{}\",\"to\":\"{}\",\"actors\":[", a.from.ToString(), a.to.ToString());
  for (size_t i = 0; i < a.actors.size(); ++i) {
    if (i) out += ',';
    Str(a.actors[i], out);
  }
  out += "],\"similarity\":[";
  for (size_t i = 0; i < a.similarity.size(); ++i) {
    out += i ? ",[" : "[";
    for (size_t j = 0; j < a.similarity[i].size(); ++j) {
      if (j) out += ',';
      AppendJsonNumber(a.similarity[i][j], out, 3);
    }
    out += ']';
  }
  out += "],\"modularity\":";
  AppendJsonNumber(a.modularity, out, 3);
  out += ",\"blocs\":[";
  for (size_t i = 0; i < a.blocs.size(); ++i) {
    out += i ? ",{\"members\":[" : "{\"members\":[";
    for (size_t j = 0; j < a.blocs[i].members.size(); ++j) {
      if (j) out += ',';
      Str(a.blocs[i].members[j], out);
    }
    out += "],\"internal_cooperation\":";
    AppendJsonNumber(a.blocs[i].internal_cooperation, out, 3);
    out += '}';
  }
  out += "],\"triads\":[";
  for (size_t i = 0; i < a.triads.size(); ++i) {
    const Triad& t = a.triads[i];
    fmt::format_to(std::back_inserter(out), "{}{{\"actors\":[\"{}\",\"{}\",\"{}\"],\"pair_lift\":[",
                   i ? "," : "", t.actors[0], t.actors[1], t.actors[2]);
    for (int k = 0; k < 3; ++k) {
      if (k) out += ',';
      AppendJsonNumber(t.pair_lift[k], out, 3);
    }
    out += "],\"density\":";
    AppendJsonNumber(t.density, out, 3);
    out += ",\"baseline\":1,\"previous_density\":";
    AppendJsonNumber(t.previous_density, out, 3);
    fmt::format_to(std::back_inserter(out), ",\"cooperative_events\":{}}}", t.cooperative_events);
  }
  return out + "]}\n";
}

std::string ActiveDyadsJson(const ActiveDyads& active) {
  std::string out = "{\"from\":";
  if (!active.from || !active.to) {
    out += "null,\"to\":null";
  } else {
    fmt::format_to(std::back_inserter(out), "\"{}\",\"to\":\"{}\"", active.from->ToString(),
                   active.to->ToString());
  }
  out += ",\"dyads\":[";
  for (size_t i = 0; i < active.dyads.size(); ++i) {
    const ActiveDyad& d = active.dyads[i];
    out += i ? ",{\"a\":" : "{\"a\":";
    Str(d.a, out);
    out += ",\"b\":";
    Str(d.b, out);
    fmt::format_to(std::back_inserter(out),
                   ",\"events\":{},\"quad\":[{},{},{},{}],\"goldstein_mean\":", d.events(), d.quad[0],
                   d.quad[1], d.quad[2], d.quad[3]);
    AppendJsonNumber(d.events() > 0 ? d.goldstein_sum / static_cast<double>(d.events()) : NAN, out, 2);
    out += '}';
  }
  return out + "]}\n";
}

std::string ForecastJson(const DyadForecast& f) {
  std::string out = "{\"a\":";
  Spec(f.a, out);
  out += ",\"b\":";
  Spec(f.b, out);
  fmt::format_to(std::back_inserter(out), ",\"first_week\":\"{}\",\"history_weeks\":{},\"weeks\":[",
                 f.first.ToString(), f.history_weeks.size());
  for (size_t i = 0; i < (f.quad[0].points.size()); ++i) {
    fmt::format_to(std::back_inserter(out), "{}\"{}\"", i ? "," : "",
                   f.first.AddDays(7 * static_cast<int>(i)).ToString());
  }
  out += "]";
  static constexpr const char* kNames[4] = {"verbal_cooperation", "material_cooperation", "verbal_conflict",
                                            "material_conflict"};
  for (int q = 0; q < 4; ++q) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":", kNames[q]);
    ForecastBody(f.quad[q], out);
  }
  out += ",\"goldstein_mean\":";
  ForecastBody(f.goldstein, out);
  return out + "}\n";
}

}  // namespace dyad::analytics
