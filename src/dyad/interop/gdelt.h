// GDELT Event Database files: one event a row, tab-separated, no header (GDELT names them .CSV). The variant
// is told by each row's column count (the GDELT 1.0 and 2.0 event codebooks):
//   57 columns  GDELT 1.0 historical backfiles (1979 to March 2013): no SOURCEURL
//   58 columns  GDELT 1.0 daily files (April 2013 on): + SOURCEURL
//   61 columns  GDELT 2.0: + Actor1Geo_ADM2Code, Actor2Geo_ADM2Code, ActionGeo_ADM2Code; DATEADDED is a
//               YYYYMMDDHHMMSS timestamp
// Which columns become which EventRecord fields is documented in docs/formats.md ("Exchange formats").
#ifndef DYAD_INTEROP_GDELT_H_
#define DYAD_INTEROP_GDELT_H_

#include <string>
#include <string_view>

#include "dyad/base/status.h"
#include "dyad/store/event_record.h"

namespace dyad::interop {

enum class GdeltVersion { kV1Historical, kV1Daily, kV2 };

// 57, 58 or 61.
int GdeltColumnCount(GdeltVersion version);

// Reads GDELT rows. Not thread-safe (it keeps a scratch buffer): one parser per thread.
class GdeltParser {
 public:
  // Reads one row into `event`, setting every field (origin "gdelt", mode "asserted", confidence 1; id 0).
  // The strings reuse their buffers, so reusing one `event` across rows saves allocations. A bad row (wrong
  // column count, bad date, bad event code, a number that is not one) gives a Status saying what is wrong,
  // without its place: the caller prefixes FILE:LINE. Invalid UTF-8 is replaced with U+FFFD.
  Status Parse(std::string_view line, store::EventRecord& event);
  // The variant of the row Parse() read last.
  GdeltVersion version() const { return version_; }

 private:
  std::string repaired_;
  GdeltVersion version_ = GdeltVersion::kV2;
};

// True for a line of column names ("GLOBALEVENTID\tSQLDATE\t..."), which some exports put first.
bool IsGdeltHeader(std::string_view line);

// Appends `event` as one GDELT 2.0 row (61 columns and '\n'), filling what dyad knows: GLOBALEVENTID is the
// event's origin_id when it came from GDELT, else its store id; EventBaseCode and EventRootCode come from the
// code; the actors' country, known-group and type codes from their actor codes ("CHNGOV" -> country CHN, type
// GOV); ActionGeo_CountryCode is the FIPS code of location.country. Reading the row back with GdeltParser
// gives the same date, actors, names, code, Goldstein score, QuadClass, counts, location and URL.
void AppendGdeltRow(const store::EventRecord& event, std::string& out);

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_GDELT_H_
