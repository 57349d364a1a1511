// An article as the coder sees it, and the events it produces. These field names are a public interface
// (docs/formats.md): change them only with a migration note.
#ifndef DYAD_CODER_EVENT_H_
#define DYAD_CODER_EVENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/dict/cameo.h"
#include "dyad/text/span.h"

namespace dyad::coder {

struct Article {
  std::string id;
  Date date;
  std::string text;
  std::string title;   // optional
  std::string source;  // optional: the publisher
  std::string url;     // optional
};

// How sure the text is that the event happened.
enum class Mode : uint8_t {
  kAsserted,      // reported as having happened or happening
  kFuture,        // "will visit", "plans to", "is expected to"
  kHypothetical,  // "may", "could", "would", conditionals
};
const char* ModeName(Mode mode);

// Where an event happened, when the text says so (from the places dictionary); empty name when unknown.
struct Location {
  std::string name;
  std::string country;
  double latitude = 0, longitude = 0;
  bool known() const { return !name.empty(); }
};

// One telling of an event: an article can report the same event in several sentences.
struct EventMention {
  uint32_t sentence = 0;
  text::Span evidence;
};

struct Event {
  std::string event_id;    // "<article id>-<sentence>-<n>", stable for the same input and dictionaries
  std::string article_id;
  uint32_t sentence = 0;   // 0-based index of the sentence in the article
  Date date;
  std::string source;      // actor codes; empty when the text names no target
  std::string target;
  const dict::CameoCode* cameo = nullptr;
  Mode mode = Mode::kAsserted;
  std::string source_text;  // the words of the text that gave each part
  std::string target_text;
  std::string verb_text;
  text::Span evidence;      // byte offsets into the article text as given (before any UTF-8 repair)
  double confidence = 0;
  uint32_t pattern = 0;     // index of the verb pattern (Dictionary::pattern)
  Location location;
  std::vector<EventMention> mentions;  // every sentence that tells this event, the first included
};

}  // namespace dyad::coder

#endif  // DYAD_CODER_EVENT_H_
