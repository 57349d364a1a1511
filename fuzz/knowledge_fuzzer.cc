// Fuzzes the knowledge-base line parser and the brief's phrase and name readers: arbitrary files must give
// facts or errors, never a crash, and a fact that parses must be well formed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/base/strings.h"
#include "dyad/knowledge/knowledge_base.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::LineCursor lines(text);
  std::string_view line;
  while (lines.Next(line)) {
    dyad::knowledge::ParsedKnowledgeLine parsed;
    std::string error;
    if (!dyad::knowledge::ParseKnowledgeLine(line, parsed, error)) {
      if (error.empty()) __builtin_trap();  // a rejected line says why
      continue;
    }
    if (parsed.type == dyad::knowledge::ParsedKnowledgeLine::Type::kFact) {
      const dyad::knowledge::Fact& f = parsed.fact;
      if (f.id.empty() || f.sentence.empty() || f.range.from > f.range.to) __builtin_trap();
    }
  }
  return 0;
}
