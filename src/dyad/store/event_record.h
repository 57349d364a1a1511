// An event as the store keeps it: coded by dyad from article text, or imported from GDELT or ICEWS without text.
// This is the unit the store, the exchange formats (src/dyad/interop) and the analytics share.
#ifndef DYAD_STORE_EVENT_RECORD_H_
#define DYAD_STORE_EVENT_RECORD_H_

#include <cstdint>
#include <string>

#include "dyad/base/date.h"
#include "dyad/coder/event.h"

namespace dyad::store {

struct EventRecord {
  int64_t id = 0;            // the store's id; 0 until stored
  Date date;
  std::string source;        // actor codes ("USAGOV", "PRK"); empty when the report names none
  std::string target;
  std::string source_name;   // the actor as the report names it ("Kim Jong Un"); may be empty
  std::string target_name;
  std::string code;          // CAMEO event code, "0311"; the root is its first two digits
  double goldstein = 0;
  int quad_class = 0;        // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
  std::string mode = "asserted";  // coder::ModeName: asserted, future, hypothetical
  double confidence = 1;
  coder::Location location;  // empty name when unknown
  int64_t num_mentions = 1;  // as in GDELT: tellings, distinct publishers, distinct articles
  int64_t num_sources = 1;
  int64_t num_articles = 1;
  std::string origin = "dyad";  // "dyad", "gdelt" or "icews"
  std::string origin_id;     // GLOBALEVENTID or ICEWS Event ID for imports; empty for dyad's own events
  std::string url;           // the first report's URL (GDELT SOURCEURL); may be empty

  std::string root() const { return code.substr(0, 2); }
};

}  // namespace dyad::store

#endif  // DYAD_STORE_EVENT_RECORD_H_
