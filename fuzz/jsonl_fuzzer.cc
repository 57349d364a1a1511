// Fuzzes the JSON Lines article parser: any bytes must give an article or a Status, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/ingest/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dyad::ingest::JsonlArticleParser parser;
  dyad::coder::Article article;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  dyad::Status status = parser.Parse(line, "fuzz:1", article);
  if (status.ok() && article.id.empty()) __builtin_trap();  // the parser promised an id
  return 0;
}
