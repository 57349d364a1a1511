// Writes events as JSON Lines, TSV or CSV (docs/formats.md). Appends to a caller's buffer so that the caller
// decides when to flush; no I/O here.
#ifndef DYAD_CODER_EVENT_WRITER_H_
#define DYAD_CODER_EVENT_WRITER_H_

#include <string>
#include <string_view>

#include "dyad/coder/event.h"

namespace dyad::coder {

// kTable is for people at a terminal: one aligned line an event, not a stable interface.
enum class EventFormat { kJsonl, kTsv, kCsv, kTable };

// Parses "jsonl", "tsv", "csv" or "table".
bool ParseEventFormat(std::string_view name, EventFormat& format);

// The header line for TSV and CSV (empty for JSON Lines), with its newline.
std::string EventHeader(EventFormat format);
void AppendEvent(const Event& event, EventFormat format, std::string& out);

// Appends `s` as a JSON string literal, quotes included.
void AppendJsonString(std::string_view s, std::string& out);
// Appends `s` as one CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break.
void AppendCsvCell(std::string_view s, std::string& out);

}  // namespace dyad::coder

#endif  // DYAD_CODER_EVENT_WRITER_H_
