// Fuzzes the exchange-file readers: any bytes (plain text or a zip archive) must give rows and events or a
// Status, never a crash. Every row that reads as a GDELT or ICEWS event must read back the same after it is
// written out again (the writers and readers are each other's check).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/ingest/line_reader.h"
#include "dyad/interop/gdelt.h"
#include "dyad/interop/icews.h"

namespace {

bool Same(const dyad::store::EventRecord& a, const dyad::store::EventRecord& b) {
  return a.date == b.date && a.source == b.source && a.target == b.target && a.source_name == b.source_name &&
         a.target_name == b.target_name && a.code == b.code && a.goldstein == b.goldstein &&
         a.quad_class == b.quad_class && a.location.name == b.location.name &&
         a.location.country == b.location.country && a.location.latitude == b.location.latitude &&
         a.location.longitude == b.location.longitude && a.num_mentions == b.num_mentions &&
         a.num_sources == b.num_sources && a.num_articles == b.num_articles && a.url == b.url &&
         a.origin_id == b.origin_id;
}

// Cells the writers clean (tabs and line breaks become spaces) cannot read back byte for byte.
bool HasCarriageReturn(std::string_view line) { return line.find('\r') != std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dyad::interop::IcewsCodebook* const codebook = [] {
    auto loaded = dyad::interop::IcewsCodebook::Load(DYAD_SOURCE_DIR "/data");
    if (!loaded.ok()) __builtin_trap();
    return new dyad::interop::IcewsCodebook(*std::move(loaded));
  }();
  dyad::Result<dyad::ingest::LineReader> reader =
      dyad::ingest::LineReader::FromMemory("fuzz", std::string(reinterpret_cast<const char*>(data), size));
  if (!reader.ok()) return 0;
  dyad::interop::GdeltParser gdelt;
  dyad::interop::IcewsParser icews(*codebook);
  std::string header = dyad::interop::IcewsHeader();
  header.pop_back();
  if (!icews.ParseHeader(header).ok()) __builtin_trap();
  dyad::store::EventRecord event, back;
  std::string_view line;
  std::string out;
  while (reader->Next(line)) {
    if (HasCarriageReturn(line)) continue;
    if (gdelt.Parse(line, event).ok()) {
      out.clear();
      dyad::interop::AppendGdeltRow(event, out);
      if (out.empty() || out.back() != '\n') __builtin_trap();
      out.pop_back();
      if (!gdelt.Parse(out, back).ok() || !Same(event, back)) __builtin_trap();
    }
    if (icews.Parse(line, event).ok()) {
      out.clear();
      dyad::interop::AppendIcewsRow(event, *codebook, out);
      if (out.empty() || out.back() != '\n') __builtin_trap();
      out.pop_back();
      if (!icews.Parse(out, back).ok()) __builtin_trap();
    }
  }
  return 0;
}
