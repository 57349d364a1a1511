// Parses one JSON Lines article: {"id", "date": "YYYY-MM-DD", "text"} plus optional "title", "source", "url".
// A bad line gives a Status that names the line and, when it could be read, the article id.
// Not thread-safe (it reuses a simdjson parser): one reader per thread.
#ifndef DYAD_INGEST_JSONL_READER_H_
#define DYAD_INGEST_JSONL_READER_H_

#include <simdjson.h>

#include <string>
#include <string_view>

#include "dyad/base/status.h"
#include "dyad/coder/event.h"

namespace dyad::ingest {

class JsonlArticleParser {
 public:
  // `where` prefixes messages, e.g. "news.jsonl:12".
  Status Parse(std::string_view line, std::string_view where, coder::Article& article);

 private:
  simdjson::dom::parser parser_;
  std::string padded_;
};

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_JSONL_READER_H_
