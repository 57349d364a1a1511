// Fuzzes the text layer and the coder end to end: UTF-8 repair, sentence splitting, tokenizing, matching and
// coding of arbitrary bytes. Checks the invariants every later stage relies on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dyad/coder/coder.h"
#include "dyad/text/sentence_splitter.h"
#include "dyad/text/tokenizer.h"
#include "dyad/text/utf8.h"

namespace {

const dyad::dict::Dictionary* dictionary = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dyad::dict::DictionaryOptions options;
  options.data_dir = DYAD_SOURCE_DIR "/data";
  auto loaded = dyad::dict::Dictionary::Load(options);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
    std::abort();
  }
  dictionary = loaded->release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  dyad::text::RepairedText repaired = dyad::text::RepairedText::Repair(input);
  if (!dyad::text::IsValidUtf8(repaired.text())) __builtin_trap();
  if (repaired.ToOriginal(repaired.text().size()) != input.size()) __builtin_trap();

  std::vector<dyad::text::Span> sentences;
  dyad::text::SplitSentences(repaired.text(), sentences, {256});
  uint32_t last = 0;
  dyad::text::TokenizedSentence tokens;
  for (dyad::text::Span s : sentences) {
    if (s.begin < last || s.end <= s.begin || s.end > repaired.text().size()) __builtin_trap();
    last = s.end;
    tokens.clear();
    dyad::text::Tokenize(repaired.text(), s, tokens);
    for (const dyad::text::Token& t : tokens.tokens) {
      if (t.span.begin < s.begin || t.span.end > s.end || t.span.begin >= t.span.end) __builtin_trap();
    }
  }

  dyad::coder::Coder coder(*dictionary);
  dyad::coder::Article article{"fuzz", dyad::Date::FromCivil(2025, 9, 4), input, "", "", ""};
  std::vector<dyad::coder::Event> events;
  coder.CodeArticle(article, events);
  for (const dyad::coder::Event& e : events) {
    if (e.evidence.begin > e.evidence.end || e.evidence.end > input.size() || e.source.empty()) __builtin_trap();
  }
  return 0;
}
