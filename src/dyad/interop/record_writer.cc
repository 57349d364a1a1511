#include "dyad/interop/record_writer.h"

#include <fmt/format.h>

#include "dyad/base/check.h"
#include "dyad/coder/event_writer.h"
#include "dyad/interop/fields.h"
#include "dyad/interop/gdelt.h"

namespace dyad::interop {
namespace {

constexpr const char* kCsvColumns[] = {
    "id",   "date",       "source",       "target",      "source_name",  "target_name", "code",
    "root", "quad_class", "goldstein",    "mode",        "confidence",   "location",    "country_location",
    "lat",  "lon",        "num_mentions", "num_sources", "num_articles", "origin",      "origin_id",
    "url"};

}  // namespace

bool ParseExportFormat(std::string_view name, ExportFormat& format) {
  if (name == "gdelt") {
    format = ExportFormat::kGdelt;
  } else if (name == "icews") {
    format = ExportFormat::kIcews;
  } else if (name == "csv") {
    format = ExportFormat::kCsv;
  } else if (name == "jsonl" || name == "json") {
    format = ExportFormat::kJsonl;
  } else {
    return false;
  }
  return true;
}

bool NeedsIcewsCodebook(ExportFormat format) { return format == ExportFormat::kIcews; }

std::string ExportHeader(ExportFormat format) {
  if (format == ExportFormat::kIcews) return IcewsHeader();
  if (format != ExportFormat::kCsv) return "";
  std::string header;
  for (const char* column : kCsvColumns) {
    if (!header.empty()) header.push_back(',');
    header += column;
  }
  header.push_back('\n');
  return header;
}

void AppendExportRecord(const store::EventRecord& event, ExportFormat format, const IcewsCodebook* codebook,
                        std::string& out) {
  switch (format) {
    case ExportFormat::kGdelt:
      AppendGdeltRow(event, out);
      return;
    case ExportFormat::kIcews:
      DYAD_CHECK(codebook != nullptr);
      AppendIcewsRow(event, *codebook, out);
      return;
    case ExportFormat::kCsv:
      AppendCsvRecord(event, out);
      return;
    case ExportFormat::kJsonl:
      AppendJsonlRecord(event, out);
      return;
  }
}

void AppendCsvRecord(const store::EventRecord& e, std::string& out) {
  auto it = std::back_inserter(out);
  auto cell = [&](std::string_view s) {
    coder::AppendCsvCell(s, out);
    out.push_back(',');
  };
  fmt::format_to(it, "{},{},", e.id, e.date.ToString());
  cell(e.source);
  cell(e.target);
  cell(e.source_name);
  cell(e.target_name);
  cell(e.code);
  cell(e.root());
  fmt::format_to(it, "{},", e.quad_class);
  AppendNumber(e.goldstein, out);
  out.push_back(',');
  cell(e.mode);
  AppendNumber(e.confidence, out);
  out.push_back(',');
  cell(e.location.name);
  cell(e.location.country);
  if (e.location.known()) {
    AppendNumber(e.location.latitude, out);
    out.push_back(',');
    AppendNumber(e.location.longitude, out);
    out.push_back(',');
  } else {
    out += ",,";
  }
  fmt::format_to(it, "{},{},{},", e.num_mentions, e.num_sources, e.num_articles);
  cell(e.origin);
  cell(e.origin_id);
  coder::AppendCsvCell(e.url, out);
  out.push_back('\n');
}

void AppendJsonlRecord(const store::EventRecord& e, std::string& out) {
  auto it = std::back_inserter(out);
  auto field = [&](const char* name, std::string_view value) {
    fmt::format_to(it, ",\"{}\":", name);
    coder::AppendJsonString(value, out);
  };
  fmt::format_to(it, "{{\"id\":{},\"date\":\"{}\"", e.id, e.date.ToString());
  field("source", e.source);
  field("target", e.target);
  field("source_name", e.source_name);
  field("target_name", e.target_name);
  field("code", e.code);
  field("root", e.root());
  fmt::format_to(it, ",\"quad_class\":{},\"goldstein\":", e.quad_class);
  AppendNumber(e.goldstein, out);
  field("mode", e.mode);
  out += ",\"confidence\":";
  AppendNumber(e.confidence, out);
  out += ",\"location\":";
  if (e.location.known()) {
    out += "{\"name\":";
    coder::AppendJsonString(e.location.name, out);
    out += ",\"country\":";
    coder::AppendJsonString(e.location.country, out);
    out += ",\"lat\":";
    AppendNumber(e.location.latitude, out);
    out += ",\"lon\":";
    AppendNumber(e.location.longitude, out);
    out.push_back('}');
  } else {
    out += "null";
  }
  fmt::format_to(it, ",\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{}", e.num_mentions,
                 e.num_sources, e.num_articles);
  field("origin", e.origin);
  field("origin_id", e.origin_id);
  field("url", e.url);
  out += "}\n";
}

}  // namespace dyad::interop
