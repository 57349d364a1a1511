#include "dyad/server/api.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>

#include "dyad/analytics/active_dyads.h"
#include "dyad/analytics/actor_spec.h"
#include "dyad/analytics/alerts.h"
#include "dyad/analytics/align.h"
#include "dyad/analytics/dyad_forecast.h"
#include "dyad/analytics/focus.h"
#include "dyad/analytics/report_json.h"
#include "dyad/analytics/series.h"
#include "dyad/base/date.h"
#include "dyad/base/files.h"
#include "dyad/base/strings.h"
#include "dyad/brief/brief.h"
#include "dyad/coder/event_writer.h"
#include "dyad/ingest/jsonl_reader.h"
#include "dyad/interop/record_writer.h"
#include "dyad/pipeline/ingester.h"
#include "dyad/server/auth.h"
#include "dyad/server/static_files.h"
#include "dyad/text/sentence_splitter.h"

namespace dyad::server {
namespace {

enum RouteId : size_t {
  kHealthz,
  kMetrics,
  kOpenApi,
  kEvents,
  kSeries,
  kAlerts,
  kFocus,
  kAlign,
  kForecast,
  kBrief,
  kCode,
  kIngest,
  kDyads,
  kMentions,
};

// ECharts sets element styles from script (allowed) and draws on canvas; maps and fonts are bundled.
constexpr const char* kStaticContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

Status BadParameter(std::string_view name, std::string_view why) {
  return InvalidArgument(fmt::format("parameter '{}': {}", name, why));
}

// The query parameters of one request, checked against what the endpoint takes.
class Params {
 public:
  explicit Params(const ApiRequest& request) : request_(request) {}

  // 400 for the first parameter the endpoint does not take, or one given twice that is not `repeatable`.
  Status Check(std::initializer_list<std::string_view> allowed, std::string_view repeatable = {}) const {
    for (size_t i = 0; i < request_.params.size(); ++i) {
      const std::string& name = request_.params[i].first;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        return BadParameter(name, fmt::format("unknown; this endpoint takes {}", fmt::join(allowed, ", ")));
      }
      if (name == repeatable) continue;
      for (size_t j = 0; j < i; ++j) {
        if (request_.params[j].first == name) return BadParameter(name, "given more than once");
      }
    }
    return Status::Ok();
  }

  bool Has(std::string_view name) const {
    for (const auto& [key, value] : request_.params) {
      if (key == name) return true;
    }
    return false;
  }
  std::string_view Get(std::string_view name) const {
    for (const auto& [key, value] : request_.params) {
      if (key == name) return value;
    }
    return {};
  }
  std::vector<std::string_view> All(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& [key, value] : request_.params) {
      if (key == name) out.push_back(value);
    }
    return out;
  }

  Result<std::string_view> Required(std::string_view name) const {
    std::string_view value = Get(name);
    if (value.empty()) return BadParameter(name, "required");
    return value;
  }

  Result<std::optional<Date>> OptionalDate(std::string_view name) const {
    std::string_view value = Get(name);
    if (value.empty()) return std::optional<Date>();
    Result<Date> d = Date::Parse(value);
    if (!d.ok()) return BadParameter(name, fmt::format("'{}' is not a date (YYYY-MM-DD)", value));
    return std::optional<Date>(*d);
  }

  Result<int64_t> Int(std::string_view name, int64_t fallback, int64_t min, int64_t max) const {
    std::string_view value = Get(name);
    if (value.empty()) return fallback;
    int64_t n = 0;
    for (char c : value) {
      if (c < '0' || c > '9' || n > (int64_t{1} << 50)) {
        return BadParameter(name, fmt::format("'{}' is not a whole number from {} to {}", value, min, max));
      }
      n = n * 10 + (c - '0');
    }
    if (n < min || n > max) return BadParameter(name, fmt::format("{} is not from {} to {}", n, min, max));
    return n;
  }

  Result<double> Number(std::string_view name, double fallback, double min, double max) const {
    std::string_view value = Get(name);
    if (value.empty()) return fallback;
    double x = 0;
    const std::string text(value);
    char* end = nullptr;
    x = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !(x >= min && x <= max)) {
      return BadParameter(name, fmt::format("'{}' is not a number from {} to {}", value, min, max));
    }
    return x;
  }

  Result<bool> Bool(std::string_view name, bool fallback) const {
    std::string_view value = Get(name);
    if (value.empty()) return fallback;
    if (value == "true" || value == "1" || value == "yes") return true;
    if (value == "false" || value == "0" || value == "no") return false;
    return BadParameter(name, fmt::format("'{}' is not true or false", value));
  }

 private:
  const ApiRequest& request_;
};

// An actor code or code prefix as the store takes it: 1 to 15 upper-case letters or digits.
bool IsActorCode(std::string_view code) {
  if (code.empty() || code.size() > 15) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

std::vector<std::string_view> SplitComma(std::string_view text) {
  std::vector<std::string_view> out;
  size_t begin = 0;
  while (true) {
    const size_t comma = text.find(',', begin);
    out.push_back(
        text.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return out;
}

ApiResponse FromStatus(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return Api::Error(400, status.message());
    case StatusCode::kNotFound:
      return Api::Error(404, status.message());
    default:
      return Api::Error(500, status.ToString());
  }
}

ApiResponse Json(std::string body) {
  ApiResponse response;
  response.body = std::move(body);
  return response;
}

// Each line of a JSON Lines record writer's output becomes an element of a JSON array.
void AppendLineAsElement(std::string_view line, bool first, std::string& out) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (!first) out += ",";
  out += line;
}

// The articles of a POST /api/code body: one JSON object {"text", "date"} (an "id", "title", "source" and
// "url" are optional), or JSON Lines articles as `dyad code` reads them.
Result<std::vector<coder::Article>> ParseCodeBody(std::string_view body) {
  std::vector<coder::Article> articles;
  simdjson::dom::parser parser;
  ingest::JsonlArticleParser reader;
  LineCursor lines(body);
  std::string_view line;
  while (lines.Next(line)) {
    if (TrimBlanks(line).empty()) continue;
    const int line_number = lines.number();
    const std::string where = fmt::format("body line {}", line_number);
    simdjson::padded_string padded(line);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS || !root.is_object()) {
      return InvalidArgument(fmt::format("{}: not a JSON object", where));
    }
    coder::Article article;
    simdjson::dom::element id;
    if (root.at_key("id").get(id) == simdjson::SUCCESS) {
      DYAD_RETURN_IF_ERROR(reader.Parse(line, where, article));
    } else {
      std::string_view text, date;
      if (root.at_key("text").get(text) != simdjson::SUCCESS) {
        return InvalidArgument(fmt::format("{}: want a string \"text\"", where));
      }
      if (root.at_key("date").get(date) != simdjson::SUCCESS) {
        return InvalidArgument(fmt::format("{}: want a \"date\" (YYYY-MM-DD)", where));
      }
      Result<Date> d = Date::Parse(date);
      if (!d.ok()) return InvalidArgument(fmt::format("{}: \"date\" '{}' is not YYYY-MM-DD", where, date));
      article.id = fmt::format("request-{}", line_number);
      article.date = *d;
      article.text = std::string(text);
      std::string_view optional;
      if (root.at_key("title").get(optional) == simdjson::SUCCESS) article.title = std::string(optional);
      if (root.at_key("source").get(optional) == simdjson::SUCCESS) article.source = std::string(optional);
      if (root.at_key("url").get(optional) == simdjson::SUCCESS) article.url = std::string(optional);
    }
    articles.push_back(std::move(article));
  }
  if (articles.empty()) return InvalidArgument("body: empty; want {\"text\": ..., \"date\": \"YYYY-MM-DD\"}");
  return articles;
}

}  // namespace

// The endpoint handlers: each checks its parameters, runs the library call and formats the result as the
// CLI's
// --format json does.
class Api::Handlers {
 public:
  explicit Handlers(Api& api) : api_(api) {}

  analytics::GroupResolver Groups() const {
    const knowledge::KnowledgeBase* kb = api_.resources_.knowledge;
    return [kb](std::string_view name, Date as_of) -> std::optional<std::vector<std::string>> {
      if (kb == nullptr || !kb->IsGroup(name)) return std::nullopt;
      return kb->MembersOf(name, as_of);
    };
  }

  Result<analytics::ActorSpec> Spec(const Params& params, std::string_view name, Date as_of) const {
    Result<std::string_view> text = params.Required(name);
    if (!text.ok()) return text.status();
    Result<analytics::ActorSpec> spec = analytics::ParseActorSpec(*text, Groups(), as_of);
    if (!spec.ok()) return BadParameter(name, spec.status().message());
    return spec;
  }

  ApiResponse Healthz() {
    std::string out = "{\"ok\":true,\"backend\":";
    coder::AppendJsonString(api_.backend_, out);
    out += fmt::format(",\"events\":{},\"aggregated_through\":{}}}", api_.event_count_.load(),
                       std::max<int64_t>(0, api_.aggregated_through_.load()));
    return Json(std::move(out));
  }

  ApiResponse MetricsText() {
    std::string extra;
    auto it = std::back_inserter(extra);
    const LruCache& cache = api_.cache_;
    fmt::format_to(it,
                   "# HELP dyad_cache_hits_total Analyses answered from the response cache.\n"
                   "# TYPE dyad_cache_hits_total counter\ndyad_cache_hits_total {}\n"
                   "# HELP dyad_cache_misses_total Analyses computed because the cache did not hold them.\n"
                   "# TYPE dyad_cache_misses_total counter\ndyad_cache_misses_total {}\n"
                   "# HELP dyad_cache_entries Responses in the cache.\n"
                   "# TYPE dyad_cache_entries gauge\ndyad_cache_entries {}\n"
                   "# HELP dyad_cache_bytes Bytes the cached responses take.\n"
                   "# TYPE dyad_cache_bytes gauge\ndyad_cache_bytes {}\n",
                   cache.hits(), cache.misses(), cache.entries(), cache.bytes());
    fmt::format_to(it,
                   "# HELP dyad_store_events Events in the store (as of the last state check).\n"
                   "# TYPE dyad_store_events gauge\ndyad_store_events {}\n"
                   "# HELP dyad_store_state_version Changes whenever the store's aggregates move.\n"
                   "# TYPE dyad_store_state_version gauge\ndyad_store_state_version {}\n"
                   "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
                   "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {}\n",
                   api_.event_count_.load(), api_.state_version_.load(), ResidentSetBytes());
    ApiResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = api_.metrics_.Render(extra);
    return response;
  }

  ApiResponse OpenApi() { return Json(api_.resources_.openapi_json); }

  ApiResponse Events(const Params& params) {
    Status checked = params.Check(
        {"actor", "source", "target", "dyad", "code", "from", "to", "text", "origin", "limit", "after"});
    if (!checked.ok()) return FromStatus(checked);
    store::EventFilter filter;
    const std::pair<std::string_view, std::string*> actor_fields[] = {
        {"actor", &filter.actor}, {"source", &filter.source}, {"target", &filter.target}};
    for (auto [name, field] : actor_fields) {
      std::string_view value = params.Get(name);
      if (value.empty()) continue;
      if (!IsActorCode(value)) {
        return FromStatus(
            BadParameter(name, fmt::format("'{}' is not an actor code (1-15 of A-Z, 0-9)", value)));
      }
      *field = std::string(value);
    }
    if (params.Has("dyad")) {
      std::vector<std::string_view> pair = SplitComma(params.Get("dyad"));
      if (pair.size() != 2 || !IsActorCode(pair[0]) || !IsActorCode(pair[1])) {
        return FromStatus(BadParameter("dyad", "want two actor codes, as PRK,RUS"));
      }
      if (!filter.source.empty() || !filter.target.empty()) {
        return FromStatus(BadParameter("dyad", "give dyad or source and target, not both"));
      }
      filter.source = std::string(pair[0]);
      filter.target = std::string(pair[1]);
      filter.either_direction = true;
    }
    std::string_view code = params.Get("code");
    if (!code.empty()) {
      if (code.size() > 4 ||
          !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return FromStatus(BadParameter("code", fmt::format("'{}' is not a CAMEO code or prefix", code)));
      }
      filter.code = std::string(code);
    }
    Result<std::optional<Date>> from = params.OptionalDate("from");
    if (!from.ok()) return FromStatus(from.status());
    Result<std::optional<Date>> to = params.OptionalDate("to");
    if (!to.ok()) return FromStatus(to.status());
    filter.from = *from;
    filter.to = *to;
    filter.text = std::string(params.Get("text"));
    std::string_view origin = params.Get("origin");
    if (!origin.empty() && origin != "dyad" && origin != "gdelt" && origin != "icews") {
      return FromStatus(BadParameter("origin", "want dyad, gdelt or icews"));
    }
    filter.origin = std::string(origin);
    Result<int64_t> limit = params.Int("limit", 100, 1, 1000);
    if (!limit.ok()) return FromStatus(limit.status());
    Result<int64_t> after = params.Int("after", 0, 0, int64_t{1} << 50);
    if (!after.ok()) return FromStatus(after.status());
    filter.after_id = *after;
    filter.limit = *limit + 1;  // one more tells whether there is a next page

    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    std::string out = "{\"events\":[";
    std::string line;
    int64_t count = 0, last_id = 0;
    bool more = false;
    Status status = (**store).ForEachEvent(filter, [&](const store::EventRecord& e) {
      if (count == *limit) {
        more = true;
        return false;
      }
      line.clear();
      interop::AppendExportRecord(e, interop::ExportFormat::kJsonl, nullptr, line);
      AppendLineAsElement(line, count == 0, out);
      last_id = e.id;
      ++count;
      return true;
    });
    if (!status.ok()) {
      if (status.code() == StatusCode::kInvalidArgument)
        return FromStatus(BadParameter("text", status.message()));
      return FromStatus(status);
    }
    out += more ? fmt::format("],\"next\":{}}}", last_id) : std::string("],\"next\":null}");
    return Json(std::move(out));
  }

  ApiResponse Series(const Params& params) {
    Status checked = params.Check({"a", "b", "by", "directed", "from", "to"});
    if (!checked.ok()) return FromStatus(checked);
    const Date today = Date::Today();
    Result<analytics::ActorSpec> a = Spec(params, "a", today);
    if (!a.ok()) return FromStatus(a.status());
    Result<analytics::ActorSpec> b = Spec(params, "b", today);
    if (!b.ok()) return FromStatus(b.status());
    analytics::SeriesOptions options;
    if (params.Has("by")) {
      Result<analytics::Period> by = analytics::ParsePeriod(params.Get("by"));
      if (!by.ok()) return FromStatus(BadParameter("by", "want day, week or month"));
      options.by = *by;
    }
    Result<bool> directed = params.Bool("directed", false);
    if (!directed.ok()) return FromStatus(directed.status());
    options.directed = *directed;
    Result<std::optional<Date>> from = params.OptionalDate("from");
    if (!from.ok()) return FromStatus(from.status());
    Result<std::optional<Date>> to = params.OptionalDate("to");
    if (!to.ok()) return FromStatus(to.status());
    options.from = *from;
    options.to = *to;
    if (options.from && options.to && *options.from > *options.to) {
      return FromStatus(BadParameter("to", "before from"));
    }
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<analytics::DyadSeries> series = analytics::BuildSeries(**store, *a, *b, options);
    if (!series.ok()) return FromStatus(series.status());
    return Json(analytics::SeriesJson(*series));
  }

  ApiResponse Alerts(const Params& params) {
    Status checked = params.Check({"since", "a", "b", "limit", "min_events", "history_weeks"});
    if (!checked.ok()) return FromStatus(checked);
    analytics::AlertOptions options;
    Result<std::optional<Date>> since = params.OptionalDate("since");
    if (!since.ok()) return FromStatus(since.status());
    options.since = *since;
    if (params.Has("a") != params.Has("b")) {
      return FromStatus(BadParameter(params.Has("a") ? "b" : "a", "give both a and b, or neither"));
    }
    if (params.Has("a")) {
      Result<analytics::ActorSpec> a = Spec(params, "a", Date::Today());
      if (!a.ok()) return FromStatus(a.status());
      Result<analytics::ActorSpec> b = Spec(params, "b", Date::Today());
      if (!b.ok()) return FromStatus(b.status());
      options.a = *a;
      options.b = *b;
    }
    Result<int64_t> limit = params.Int("limit", 50, 1, 1000);
    if (!limit.ok()) return FromStatus(limit.status());
    Result<int64_t> min_events = params.Int("min_events", options.min_events, 1, 1000000);
    if (!min_events.ok()) return FromStatus(min_events.status());
    Result<int64_t> history = params.Int("history_weeks", options.history_weeks, 4, 1040);
    if (!history.ok()) return FromStatus(history.status());
    options.min_events = *min_events;
    options.history_weeks = static_cast<int>(*history);
    options.evidence_alerts = static_cast<int>(*limit);
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<std::vector<analytics::Alert>> alerts = analytics::ScanAlerts(**store, options);
    if (!alerts.ok()) return FromStatus(alerts.status());
    if (static_cast<int64_t>(alerts->size()) > *limit) alerts->resize(*limit);
    return Json(analytics::AlertsJson(*alerts));
  }

  ApiResponse Focus(const Params& params) {
    Status checked = params.Check({"actor", "windows", "window_weeks", "to", "top", "min_shift"});
    if (!checked.ok()) return FromStatus(checked);
    Result<analytics::ActorSpec> actor = Spec(params, "actor", Date::Today());
    if (!actor.ok()) return FromStatus(actor.status());
    analytics::FocusOptions options;
    Result<int64_t> windows = params.Int("windows", options.windows, 1, 100);
    if (!windows.ok()) return FromStatus(windows.status());
    Result<int64_t> weeks = params.Int("window_weeks", options.window_weeks, 1, 520);
    if (!weeks.ok()) return FromStatus(weeks.status());
    Result<int64_t> top = params.Int("top", options.top, 1, 100);
    if (!top.ok()) return FromStatus(top.status());
    Result<double> min_shift = params.Number("min_shift", options.min_shift, 0, 1);
    if (!min_shift.ok()) return FromStatus(min_shift.status());
    Result<std::optional<Date>> to = params.OptionalDate("to");
    if (!to.ok()) return FromStatus(to.status());
    options.windows = static_cast<int>(*windows);
    options.window_weeks = static_cast<int>(*weeks);
    options.top = static_cast<int>(*top);
    options.min_shift = *min_shift;
    options.to = *to;
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<analytics::Focus> focus = analytics::AnalyzeFocus(**store, *actor, options);
    if (!focus.ok()) return FromStatus(focus.status());
    return Json(analytics::FocusJson(*focus));
  }

  ApiResponse Align(const Params& params) {
    Status checked = params.Check({"actors", "top", "triad", "to", "window_days"}, "triad");
    if (!checked.ok()) return FromStatus(checked);
    analytics::AlignOptions options;
    if (params.Has("actors")) {
      Result<analytics::ActorSpec> actors = Spec(params, "actors", Date::Today());
      if (!actors.ok()) return FromStatus(actors.status());
      options.actors = actors->codes;
    }
    for (std::string_view triad : params.All("triad")) {
      std::vector<std::string_view> three = SplitComma(triad);
      if (three.size() != 3 || !std::all_of(three.begin(), three.end(), IsActorCode)) {
        return FromStatus(
            BadParameter("triad", fmt::format("'{}': want three actor codes, as CHN,PRK,RUS", triad)));
      }
      options.triads.push_back({std::string(three[0]), std::string(three[1]), std::string(three[2])});
    }
    Result<int64_t> top = params.Int("top", options.top, 2, 200);
    if (!top.ok()) return FromStatus(top.status());
    Result<int64_t> window = params.Int("window_days", options.window_days, 1, 3660);
    if (!window.ok()) return FromStatus(window.status());
    Result<std::optional<Date>> to = params.OptionalDate("to");
    if (!to.ok()) return FromStatus(to.status());
    options.top = static_cast<int>(*top);
    options.window_days = static_cast<int>(*window);
    options.to = *to;
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<analytics::Alignment> alignment = analytics::AnalyzeAlignment(**store, options);
    if (!alignment.ok()) return FromStatus(alignment.status());
    return Json(analytics::AlignmentJson(*alignment));
  }

  ApiResponse Forecast(const Params& params) {
    Status checked = params.Check({"a", "b", "weeks"});
    if (!checked.ok()) return FromStatus(checked);
    Result<analytics::ActorSpec> a = Spec(params, "a", Date::Today());
    if (!a.ok()) return FromStatus(a.status());
    Result<analytics::ActorSpec> b = Spec(params, "b", Date::Today());
    if (!b.ok()) return FromStatus(b.status());
    Result<int64_t> weeks = params.Int("weeks", 4, 1, 52);
    if (!weeks.ok()) return FromStatus(weeks.status());
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<analytics::DyadForecast> forecast =
        analytics::ForecastDyad(**store, *a, *b, static_cast<int>(*weeks));
    if (!forecast.ok()) return FromStatus(forecast.status());
    return Json(analytics::ForecastJson(*forecast));
  }

  ApiResponse Brief(const Params& params) {
    Status checked = params.Check({"a", "b", "actor", "article", "as_of", "window", "format"});
    if (!checked.ok()) return FromStatus(checked);
    const ApiResources& r = api_.resources_;
    if (r.knowledge == nullptr || r.names == nullptr || r.phrases == nullptr) {
      return Api::Error(503, "briefs are not available: the server has no knowledge base loaded");
    }
    const int kinds = (params.Has("a") || params.Has("b") ? 1 : 0) + (params.Has("actor") ? 1 : 0) +
                      (params.Has("article") ? 1 : 0);
    if (kinds != 1) return FromStatus(BadParameter("a", "give a and b, or actor, or article"));
    brief::BriefRequest request;
    Result<std::optional<Date>> as_of = params.OptionalDate("as_of");
    if (!as_of.ok()) return FromStatus(as_of.status());
    request.as_of = *as_of;
    if (params.Has("window")) {
      Result<int> window = brief::ParseWindowDays(params.Get("window"));
      if (!window.ok()) return FromStatus(BadParameter("window", window.status().message()));
      request.window_days = *window;
    }
    std::string_view format = params.Has("format") ? params.Get("format") : "json";
    if (format != "json" && format != "md" && format != "html") {
      return FromStatus(BadParameter("format", "want json, md or html"));
    }
    const Date groups_on = request.as_of.value_or(Date::Today());
    if (params.Has("actor")) {
      request.kind = brief::BriefRequest::Kind::kActor;
      Result<analytics::ActorSpec> a = Spec(params, "actor", groups_on);
      if (!a.ok()) return FromStatus(a.status());
      request.a = *a;
    } else if (params.Has("article")) {
      request.kind = brief::BriefRequest::Kind::kArticle;
      request.article = std::string(params.Get("article"));
    } else {
      request.kind = brief::BriefRequest::Kind::kDyad;
      Result<analytics::ActorSpec> a = Spec(params, "a", groups_on);
      if (!a.ok()) return FromStatus(a.status());
      Result<analytics::ActorSpec> b = Spec(params, "b", groups_on);
      if (!b.ok()) return FromStatus(b.status());
      request.a = *a;
      request.b = *b;
    }
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    brief::BriefContext context{**store, *r.knowledge, *r.names, *r.phrases};
    Result<brief::Brief> written = brief::WriteBrief(context, request);
    if (!written.ok()) return FromStatus(written.status());
    ApiResponse response;
    if (format == "html") {
      response.content_type = "text/html; charset=utf-8";
      response.body = brief::RenderHtml(*written);
    } else if (format == "md") {
      response.content_type = "text/markdown; charset=utf-8";
      response.body = brief::RenderMarkdown(*written);
    } else {
      response.body = brief::RenderJson(*written);
    }
    return response;
  }

  ApiResponse Dyads(const Params& params) {
    Status checked = params.Check({"to", "days", "limit"});
    if (!checked.ok()) return FromStatus(checked);
    analytics::ActiveDyadOptions options;
    Result<std::optional<Date>> to = params.OptionalDate("to");
    if (!to.ok()) return FromStatus(to.status());
    Result<int64_t> days = params.Int("days", options.days, 1, 3660);
    if (!days.ok()) return FromStatus(days.status());
    Result<int64_t> limit = params.Int("limit", options.top, 1, 200);
    if (!limit.ok()) return FromStatus(limit.status());
    options.to = *to;
    options.days = static_cast<int>(*days);
    options.top = static_cast<int>(*limit);
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    Result<analytics::ActiveDyads> active = analytics::RankActiveDyads(**store, options);
    if (!active.ok()) return FromStatus(active.status());
    return Json(analytics::ActiveDyadsJson(*active));
  }

  // The tellings of one stored event, each with the sentence it came from and the evidence's byte offsets
  // into that sentence, so that a page can highlight the evidence without the article.
  ApiResponse Mentions(const Params& params) {
    Status checked = params.Check({"event"});
    if (!checked.ok()) return FromStatus(checked);
    Result<std::string_view> given = params.Required("event");
    if (!given.ok()) return FromStatus(given.status());
    Result<int64_t> event = params.Int("event", 0, 1, int64_t{1} << 50);
    if (!event.ok()) return FromStatus(event.status());
    Result<Pool<store::EventStore>::Lease> store = api_.readers_.Acquire();
    if (!store.ok()) return FromStatus(store.status());
    std::vector<store::MentionRecord> mentions;
    store::MentionFilter filter;
    filter.event_id = *event;
    Status status = (**store).ForEachMention(filter, [&](const store::MentionRecord& m) {
      mentions.push_back(m);
      return true;
    });
    if (!status.ok()) return FromStatus(status);
    std::string out = fmt::format("{{\"event\":{},\"mentions\":[", *event);
    std::optional<store::ArticleRecord> article;
    bool first = true;
    for (const store::MentionRecord& m : mentions) {
      if (!article || article->id != m.article_id) {
        Result<std::optional<store::ArticleRecord>> found = (**store).FindArticle(m.article_id);
        if (!found.ok()) return FromStatus(found.status());
        article = std::move(*found);
        if (!article) continue;
      }
      const std::string& text = article->text;
      const size_t evidence_begin = std::min<size_t>(std::max(0, m.evidence_begin), text.size());
      const size_t evidence_end =
          std::clamp<size_t>(std::max(0, m.evidence_end), evidence_begin, text.size());
      text::Span sentence = text::SentenceAt(text, evidence_begin);
      if (sentence.empty()) {
        sentence = {static_cast<uint32_t>(evidence_begin), static_cast<uint32_t>(evidence_end)};
      }
      const size_t start = std::max<size_t>(evidence_begin, sentence.begin) - sentence.begin;
      const size_t end = std::clamp<size_t>(evidence_end, sentence.begin, sentence.end) - sentence.begin;
      out += first ? "{\"article_id\":" : ",{\"article_id\":";
      first = false;
      out += std::to_string(article->id);
      const std::string date = article->date.ToString();
      const std::pair<const char*, std::string_view> fields[] = {{"external_id", article->external_id},
                                                                 {"title", article->title},
                                                                 {"source", article->source},
                                                                 {"url", article->url},
                                                                 {"date", date}};
      for (const auto& [name, value] : fields) {
        fmt::format_to(std::back_inserter(out), ",\"{}\":", name);
        coder::AppendJsonString(value, out);
      }
      fmt::format_to(std::back_inserter(out), ",\"sentence\":{},\"text\":", m.sentence);
      coder::AppendJsonString(sentence.Of(text), out);
      fmt::format_to(std::back_inserter(out),
                     ",\"evidence\":{{\"start\":{},\"end\":{}}},\"source_text\":", start,
                     std::max(start, end));
      coder::AppendJsonString(m.source_text, out);
      out += ",\"verb_text\":";
      coder::AppendJsonString(m.verb_text, out);
      out += ",\"target_text\":";
      coder::AppendJsonString(m.target_text, out);
      fmt::format_to(std::back_inserter(out), ",\"confidence\":{:.2f}}}", m.confidence);
    }
    out += "]}";
    return Json(std::move(out));
  }

  ApiResponse Code(const ApiRequest& request, const Params& params) {
    Status checked = params.Check({});
    if (!checked.ok()) return FromStatus(checked);
    if (api_.resources_.dictionary == nullptr)
      return Api::Error(503, "coding is not available: no dictionaries");
    Result<std::vector<coder::Article>> articles = ParseCodeBody(request.body);
    if (!articles.ok()) return FromStatus(articles.status());
    Result<Pool<coder::Coder>::Lease> coder = api_.coders_.Acquire();
    if (!coder.ok()) return FromStatus(coder.status());
    std::string out = fmt::format("{{\"articles\":{},\"events\":[", articles->size());
    std::vector<coder::Event> events;
    std::string line;
    bool first = true;
    for (const coder::Article& article : *articles) {
      events.clear();
      (**coder).CodeArticle(article, events);
      for (const coder::Event& e : events) {
        line.clear();
        coder::AppendEvent(e, coder::EventFormat::kJsonl, line);
        AppendLineAsElement(line, first, out);
        first = false;
      }
    }
    out += "]}";
    return Json(std::move(out));
  }

  ApiResponse Ingest(const ApiRequest& request, const Params& params) {
    if (api_.options_.token.empty()) {
      return Api::Error(403, "writes are disabled: start the server with --token-file");
    }
    const std::string_view token = BearerToken(request.authorization);
    if (token.empty()) {
      ApiResponse response =
          Api::Error(401, "POST /api/ingest needs an Authorization: Bearer <token> header");
      response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"dyad\"");
      return response;
    }
    if (!ConstantTimeEquals(token, api_.options_.token))
      return Api::Error(403, "the bearer token is not valid");
    Status checked = params.Check({});
    if (!checked.ok()) return FromStatus(checked);
    if (api_.resources_.dictionary == nullptr)
      return Api::Error(503, "ingest is not available: no dictionaries");
    if (request.body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return Api::Error(400, "body: empty; want JSON Lines articles");
    }
    std::vector<std::string> errors;
    int64_t error_count = 0;
    pipeline::IngestOptions options;
    options.threads = 1;
    options.on_error = [&](const Status& status) {
      if (++error_count <= 20) errors.push_back(status.message());
    };
    std::string out;
    {
      std::lock_guard<std::mutex> lock(api_.write_mutex_);
      pipeline::Ingester ingester(*api_.resources_.dictionary, *api_.writer_, options);
      Status status = ingester.IngestDocument("request.jsonl", request.body, "application/x-ndjson");
      if (status.ok()) status = ingester.Flush();
      if (!status.ok()) return FromStatus(status);
      const pipeline::IngestStats& s = ingester.stats();
      out = fmt::format(
          "{{\"articles\":{},\"added_articles\":{},\"skipped_articles\":{},\"new_events\":{},\"merged_"
          "events\":{},"
          "\"bad_records\":{},\"errors\":[",
          s.articles, s.added_articles, s.skipped_articles, s.new_events, s.merged_events, s.bad_records);
      for (size_t i = 0; i < errors.size(); ++i) {
        if (i > 0) out += ",";
        coder::AppendJsonString(errors[i], out);
      }
      out += "]}";
      // What was stored shows in the next analysis: the cache's key moves now, not at the next state check.
      Status refreshed = api_.RefreshStateLocked(/*force=*/s.added_articles > 0);
      if (!refreshed.ok()) return FromStatus(refreshed);
    }
    return Json(std::move(out));
  }

 private:
  Api& api_;
};

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t begin = 0;
  while (begin < query.size()) {
    size_t end = query.find('&', begin);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(begin, end - begin);
    begin = end + 1;
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      params.emplace_back(PercentDecode(pair), std::string());
    } else {
      params.emplace_back(PercentDecode(pair.substr(0, equals)), PercentDecode(pair.substr(equals + 1)));
    }
  }
  return params;
}

const std::vector<Route>& Api::Routes() {
  static const std::vector<Route> routes = {
      {"GET", "/healthz", false},    {"GET", "/metrics", false},      {"GET", "/api/openapi.json", false},
      {"GET", "/api/events", false}, {"GET", "/api/series", true},    {"GET", "/api/alerts", true},
      {"GET", "/api/focus", true},   {"GET", "/api/align", true},     {"GET", "/api/forecast", true},
      {"GET", "/api/brief", true},   {"POST", "/api/code", false},    {"POST", "/api/ingest", false},
      {"GET", "/api/dyads", true},   {"GET", "/api/mentions", false},
  };
  return routes;
}

size_t Api::RouteIndex(std::string_view method, std::string_view path) {
  if (method == "HEAD") method = "GET";
  const std::vector<Route>& routes = Routes();
  for (size_t i = 0; i < routes.size(); ++i) {
    if (routes[i].method == method && routes[i].path == path) return i;
  }
  return routes.size();
}

ApiResponse Api::Error(int status, std::string_view message) {
  ApiResponse response;
  response.status = status;
  response.body = "{\"error\":";
  coder::AppendJsonString(message, response.body);
  response.body += "}";
  return response;
}

static std::vector<std::string> RouteNames() {
  std::vector<std::string> names;
  for (const Route& route : Api::Routes()) names.push_back(std::string(route.path));
  return names;
}

Api::Api(ApiOptions options, const ApiResources& resources)
    : options_(std::move(options)),
      resources_(resources),
      metrics_(RouteNames()),
      cache_(options_.cache_entries, options_.cache_bytes),
      readers_([this]() { return store::EventStore::Open(options_.store_location, options_.store_options); }),
      coders_([this]() -> Result<std::unique_ptr<coder::Coder>> {
        return std::make_unique<coder::Coder>(*resources_.dictionary);
      }) {}

Result<std::unique_ptr<Api>> Api::Create(ApiOptions options, const ApiResources& resources) {
  std::unique_ptr<Api> api(new Api(std::move(options), resources));
  Result<std::unique_ptr<store::EventStore>> writer =
      store::EventStore::Open(api->options_.store_location, api->options_.store_options);
  if (!writer.ok()) return writer.status();
  api->writer_ = std::move(*writer);
  api->backend_ = std::string(api->writer_->backend());
  DYAD_RETURN_IF_ERROR(api->RefreshState());
  api->refresher_ = std::thread([raw = api.get()] { raw->RefreshLoop(); });
  return api;
}

Api::~Api() {
  {
    std::lock_guard<std::mutex> lock(refresh_mutex_);
    stopping_ = true;
  }
  refresh_wake_.notify_all();
  if (refresher_.joinable()) refresher_.join();
}

Status Api::RefreshState() {
  std::lock_guard<std::mutex> lock(write_mutex_);
  return RefreshStateLocked(false);
}

Status Api::RefreshStateLocked(bool force) {
  DYAD_RETURN_IF_ERROR(writer_->RefreshAggregates());
  Result<int64_t> through = writer_->AggregatedThrough();
  if (!through.ok()) return through.status();
  if (*through == aggregated_through_.load() && !force) return Status::Ok();
  Result<store::StoreCounts> counts = writer_->Counts();
  if (!counts.ok()) return counts.status();
  event_count_.store(counts->events);
  aggregated_through_.store(*through);
  state_version_.fetch_add(1);
  return Status::Ok();
}

void Api::RefreshLoop() {
  std::string last_error;
  std::unique_lock<std::mutex> lock(refresh_mutex_);
  while (!stopping_) {
    refresh_wake_.wait_for(lock, std::chrono::milliseconds(options_.refresh_interval_ms));
    if (stopping_) break;
    lock.unlock();
    Status status = RefreshState();
    lock.lock();
    // Another process may hold the write lock for a while (dyad ingest); say so once, not every second.
    if (!status.ok() && status.message() != last_error) {
      std::fprintf(stderr, "dyad serve: checking the store: %s\n", status.ToString().c_str());
    }
    last_error = status.ok() ? std::string() : status.message();
  }
}

ApiResponse Api::Handle(const ApiRequest& request) {
  const size_t route = RouteIndex(request.method, request.path);
  Handlers handlers(*this);
  Params params(request);
  if (route == Routes().size()) {
    for (const Route& r : Routes()) {
      if (r.path == request.path) {
        ApiResponse response = Error(405, fmt::format("{} takes {}", r.path, r.method));
        response.headers.emplace_back("Allow", std::string(r.method));
        return response;
      }
    }
    if ((request.method == "GET" || request.method == "HEAD") && !options_.static_dir.empty()) {
      std::optional<std::string> file = ResolveStaticPath(options_.static_dir, request.path);
      if (file) {
        Result<std::string> content = ReadFile(*file);
        if (content.ok()) {
          ApiResponse response;
          response.content_type = std::string(ContentTypeOf(*file));
          response.body = std::move(*content);
          // The dashboard loads nothing but its own files and calls only this server: a page that some
          // injected text tried to script or send elsewhere is stopped by the browser.
          response.headers.emplace_back("Content-Security-Policy", kStaticContentSecurityPolicy);
          response.headers.emplace_back("X-Content-Type-Options", "nosniff");
          return response;
        }
      }
    }
    return Error(404, fmt::format("no such endpoint: {} {}", request.method, request.path));
  }

  std::string key;
  if (Routes()[route].cached) {
    // The normalised query: parameters sorted, so that ?a=PRK&b=RUS and ?b=RUS&a=PRK share an entry; the day
    // is part of it because group names (NATO) expand as of today.
    std::vector<std::pair<std::string, std::string>> sorted = request.params;
    std::sort(sorted.begin(), sorted.end());
    key = fmt::format("{}|{}|{}?", state_version_.load(), Date::Today().days(), request.path);
    for (const auto& [name, value] : sorted) {
      key += name;
      key += '=';
      key += value;
      key += '&';
    }
    if (std::shared_ptr<const CachedResponse> hit = cache_.Find(key)) {
      ApiResponse response;
      response.cached = std::move(hit);
      return response;
    }
  }

  ApiResponse response;
  switch (static_cast<RouteId>(route)) {
    case kHealthz:
      response = handlers.Healthz();
      break;
    case kMetrics:
      response = handlers.MetricsText();
      break;
    case kOpenApi:
      response = handlers.OpenApi();
      break;
    case kEvents:
      response = handlers.Events(params);
      break;
    case kSeries:
      response = handlers.Series(params);
      break;
    case kAlerts:
      response = handlers.Alerts(params);
      break;
    case kFocus:
      response = handlers.Focus(params);
      break;
    case kAlign:
      response = handlers.Align(params);
      break;
    case kForecast:
      response = handlers.Forecast(params);
      break;
    case kBrief:
      response = handlers.Brief(params);
      break;
    case kCode:
      response = handlers.Code(request, params);
      break;
    case kIngest:
      response = handlers.Ingest(request, params);
      break;
    case kDyads:
      response = handlers.Dyads(params);
      break;
    case kMentions:
      response = handlers.Mentions(params);
      break;
  }
  if (!key.empty() && response.status == 200) {
    auto entry =
        std::make_shared<CachedResponse>(CachedResponse{response.content_type, std::move(response.body)});
    cache_.Insert(key, entry);
    response.body.clear();
    response.cached = std::move(entry);
  }
  return response;
}

}  // namespace dyad::server
