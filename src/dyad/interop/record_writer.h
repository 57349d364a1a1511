// Writes stored events (store::EventRecord) for `dyad export`: GDELT 2.0 rows, ICEWS rows, CSV with a header
// line, or JSON Lines. The CSV and JSON Lines fields are documented in docs/formats.md ("Exchange formats").
// Appends to a caller's buffer; no I/O here.
#ifndef DYAD_INTEROP_RECORD_WRITER_H_
#define DYAD_INTEROP_RECORD_WRITER_H_

#include <string>
#include <string_view>

#include "dyad/interop/icews.h"
#include "dyad/store/event_record.h"

namespace dyad::interop {

enum class ExportFormat { kGdelt, kIcews, kCsv, kJsonl };

// Parses "gdelt", "icews", "csv" or "jsonl".
bool ParseExportFormat(std::string_view name, ExportFormat& format);
// Whether writing `format` needs an IcewsCodebook (country names, sectors, event texts).
bool NeedsIcewsCodebook(ExportFormat format);

// The header line (with its newline): ICEWS and CSV have one; GDELT and JSON Lines do not (empty).
std::string ExportHeader(ExportFormat format);

// Appends one event as one line. `codebook` may be null unless NeedsIcewsCodebook(format).
void AppendExportRecord(const store::EventRecord& event, ExportFormat format, const IcewsCodebook* codebook,
                        std::string& out);

void AppendCsvRecord(const store::EventRecord& event, std::string& out);
void AppendJsonlRecord(const store::EventRecord& event, std::string& out);

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_RECORD_WRITER_H_
