// Which reader an input needs, from its name (or URL) and its first bytes.
#ifndef DYAD_INGEST_INPUT_FORMAT_H_
#define DYAD_INGEST_INPUT_FORMAT_H_

#include <string_view>

namespace dyad::ingest {

enum class InputFormat { kJsonl, kText, kHtml, kFeed };

const char* InputFormatName(InputFormat format);

// `name` is a path or URL (its extension is a hint), `head` the first bytes of the content (up to a few KB),
// `content_type` the HTTP Content-Type when fetched (may be empty). Content wins over the name when they disagree.
InputFormat DetectInputFormat(std::string_view name, std::string_view head, std::string_view content_type = {});

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_INPUT_FORMAT_H_
