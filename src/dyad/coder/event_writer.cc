#include "dyad/coder/event_writer.h"

#include <fmt/format.h>

namespace dyad::coder {
namespace {

constexpr const char* kColumns[] = {"event_id",   "article_id",  "sentence",    "date",        "source",
                                    "target",     "code",        "root",        "quad_class",  "goldstein",
                                    "plover_type", "plover_mode", "mode",       "source_text", "target_text",
                                    "verb_text",  "evidence_start", "evidence_end", "confidence",
                                    "location",   "country_location", "lat", "lon", "num_mentions"};

// TSV cells cannot hold tabs or newlines: they become spaces.
void AppendTsvCell(std::string_view s, std::string& out) {
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

}  // namespace

void AppendCsvCell(std::string_view s, std::string& out) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

bool ParseEventFormat(std::string_view name, EventFormat& format) {
  if (name == "jsonl" || name == "json") {
    format = EventFormat::kJsonl;
  } else if (name == "tsv") {
    format = EventFormat::kTsv;
  } else if (name == "csv") {
    format = EventFormat::kCsv;
  } else if (name == "table") {
    format = EventFormat::kTable;
  } else {
    return false;
  }
  return true;
}

void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string EventHeader(EventFormat format) {
  if (format == EventFormat::kJsonl) return "";
  if (format == EventFormat::kTable) {
    return fmt::format("{:<10}  {:<9} {:<9} {:<5} {:<38} {}\n", "date", "source", "target", "code", "event",
                       "evidence (verb)");
  }
  std::string out;
  const char sep = format == EventFormat::kTsv ? '\t' : ',';
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    if (i > 0) out.push_back(sep);
    out += kColumns[i];
  }
  out.push_back('\n');
  return out;
}

void AppendEvent(const Event& e, EventFormat format, std::string& out) {
  const dict::CameoCode& c = *e.cameo;
  if (format == EventFormat::kJsonl) {
    out += "{\"event_id\":";
    AppendJsonString(e.event_id, out);
    out += ",\"article_id\":";
    AppendJsonString(e.article_id, out);
    fmt::format_to(std::back_inserter(out), ",\"sentence\":{},\"date\":\"{}\",\"source\":", e.sentence,
                   e.date.ToString());
    AppendJsonString(e.source, out);
    out += ",\"target\":";
    AppendJsonString(e.target, out);
    fmt::format_to(std::back_inserter(out),
                   ",\"code\":\"{}\",\"root\":\"{}\",\"quad_class\":{},\"goldstein\":{:.1f},\"plover_type\":\"{}\","
                   "\"plover_mode\":\"{}\",\"mode\":\"{}\",\"symmetric\":{},\"source_text\":",
                   c.code, c.root(), c.quad_class, c.goldstein, c.plover_type, c.plover_mode, ModeName(e.mode),
                   c.symmetric ? "true" : "false");
    AppendJsonString(e.source_text, out);
    out += ",\"target_text\":";
    AppendJsonString(e.target_text, out);
    out += ",\"verb_text\":";
    AppendJsonString(e.verb_text, out);
    fmt::format_to(std::back_inserter(out), ",\"evidence\":{{\"start\":{},\"end\":{}}},\"confidence\":{:.2f}",
                   e.evidence.begin, e.evidence.end, e.confidence);
    out += ",\"location\":";
    if (e.location.known()) {
      out += "{\"name\":";
      AppendJsonString(e.location.name, out);
      fmt::format_to(std::back_inserter(out), ",\"country\":\"{}\",\"lat\":{:.4f},\"lon\":{:.4f}}}", e.location.country,
                     e.location.latitude, e.location.longitude);
    } else {
      out += "null";
    }
    fmt::format_to(std::back_inserter(out), ",\"num_mentions\":{},\"mentions\":[", e.mentions.size());
    for (size_t i = 0; i < e.mentions.size(); ++i) {
      fmt::format_to(std::back_inserter(out), "{}{{\"sentence\":{},\"start\":{},\"end\":{}}}", i ? "," : "",
                     e.mentions[i].sentence, e.mentions[i].evidence.begin, e.mentions[i].evidence.end);
    }
    out += "]}\n";
    return;
  }
  if (format == EventFormat::kTable) {
    std::string name = c.name.substr(0, 38);
    fmt::format_to(std::back_inserter(out), "{:<10}  {:<9} {:<9} {:<5} {:<38} {}{}\n", e.date.ToString(), e.source,
                   e.target.empty() ? "-" : e.target, c.code, name, e.verb_text,
                   e.mode == Mode::kAsserted ? "" : std::string(" [") + ModeName(e.mode) + "]");
    return;
  }
  const bool tsv = format == EventFormat::kTsv;
  const char sep = tsv ? '\t' : ',';
  auto cell = [&](std::string_view s) {
    if (tsv) {
      AppendTsvCell(s, out);
    } else {
      AppendCsvCell(s, out);
    }
    out.push_back(sep);
  };
  cell(e.event_id);
  cell(e.article_id);
  cell(std::to_string(e.sentence));
  cell(e.date.ToString());
  cell(e.source);
  cell(e.target);
  cell(c.code);
  cell(c.root());
  cell(std::to_string(c.quad_class));
  cell(fmt::format("{:.1f}", c.goldstein));
  cell(c.plover_type);
  cell(c.plover_mode);
  cell(ModeName(e.mode));
  cell(e.source_text);
  cell(e.target_text);
  cell(e.verb_text);
  cell(std::to_string(e.evidence.begin));
  cell(std::to_string(e.evidence.end));
  cell(fmt::format("{:.2f}", e.confidence));
  cell(e.location.name);
  cell(e.location.country);
  cell(e.location.known() ? fmt::format("{:.4f}", e.location.latitude) : "");
  cell(e.location.known() ? fmt::format("{:.4f}", e.location.longitude) : "");
  fmt::format_to(std::back_inserter(out), "{}\n", e.mentions.size());
}

}  // namespace dyad::coder
