#include "dyad/ingest/input_format.h"

#include <algorithm>
#include <optional>
#include <string>

namespace dyad::ingest {
namespace {

using enum InputFormat;

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Lowercase(text.substr(0, prefix.size())) == prefix;
}

// Skips a UTF-8 byte order mark, whitespace, comments and processing instructions (<?xml ...?>). Empty when
// the head ends inside them.
std::string_view SkipProlog(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (true) {
    size_t start = head.find_first_not_of(kWhitespace);
    if (start == std::string_view::npos) return {};
    head.remove_prefix(start);
    std::string_view end_marker = head.starts_with("<!--") ? "-->" : head.starts_with("<?") ? "?>" : "";
    if (end_marker.empty()) return head;
    size_t end = head.find(end_marker, 2);
    if (end == std::string_view::npos) return {};
    head.remove_prefix(end + end_marker.size());
  }
}

// The format the first bytes show by themselves, if they do.
std::optional<InputFormat> FromContent(std::string_view head) {
  head = SkipProlog(head);
  if (head.starts_with('{')) return kJsonl;
  if (StartsWithIgnoreCase(head, "<!doctype")) {
    std::string_view rest = head.substr(9);
    rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(kWhitespace)));
    if (StartsWithIgnoreCase(rest, "html")) return kHtml;
    // Another document type (<!DOCTYPE rss [...]>): the root element decides.
    size_t subset = head.find('['), end = head.find('>');
    if (subset < end) end = head.find("]>", subset);
    if (end == std::string_view::npos) return std::nullopt;
    head = SkipProlog(head.substr(end + (head[end] == ']' ? 2 : 1)));
  }
  if (!head.starts_with('<')) return std::nullopt;
  size_t name_end = head.find_first_of(" \t\r\n\f/>", 1);
  std::string name =
      Lowercase(head.substr(1, name_end == std::string_view::npos ? head.size() : name_end - 1));
  size_t colon = name.find(':');
  std::string_view local = colon == std::string::npos ? name : std::string_view(name).substr(colon + 1);
  if (name == "rss" || local == "feed" || (colon != std::string::npos && local == "rdf")) return kFeed;
  // A page without a doctype may still start with one of the elements only HTML has.
  if (name == "html" || name == "head" || name == "body" || name == "title" || name == "meta") return kHtml;
  return std::nullopt;
}

std::optional<InputFormat> FromContentType(std::string_view content_type) {
  std::string_view media_type = content_type.substr(0, content_type.find(';'));
  size_t start = media_type.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return std::nullopt;
  std::string type =
      Lowercase(media_type.substr(start, media_type.find_last_not_of(kWhitespace) + 1 - start));
  if (type == "application/rss+xml" || type == "application/atom+xml" || type == "application/rdf+xml" ||
      type == "application/xml" || type == "text/xml") {
    return kFeed;
  }
  if (type == "text/html" || type == "application/xhtml+xml") return kHtml;
  if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/json")
    return kJsonl;
  if (type == "text/plain") return kText;
  return std::nullopt;
}

std::optional<InputFormat> FromName(std::string_view name) {
  // A URL's query and fragment are not part of its file name.
  if (name.find("://") != std::string_view::npos) name = name.substr(0, name.find_first_of("?#"));
  name = name.substr(name.find_last_of('/') + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string extension = Lowercase(name.substr(dot + 1));
  if (extension == "jsonl" || extension == "ndjson" || extension == "json") return kJsonl;
  if (extension == "html" || extension == "htm" || extension == "xhtml") return kHtml;
  if (extension == "xml" || extension == "rss" || extension == "atom" || extension == "rdf") return kFeed;
  if (extension == "txt") return kText;
  return std::nullopt;
}

}  // namespace

const char* InputFormatName(InputFormat format) {
  switch (format) {
    case kJsonl:
      return "jsonl";
    case kText:
      return "text";
    case kHtml:
      return "html";
    case kFeed:
      return "feed";
  }
  return "text";
}

InputFormat DetectInputFormat(std::string_view name, std::string_view head, std::string_view content_type) {
  if (std::optional<InputFormat> format = FromContent(head)) return *format;
  if (std::optional<InputFormat> format = FromContentType(content_type)) return *format;
  if (std::optional<InputFormat> format = FromName(name)) return *format;
  return kText;
}

}  // namespace dyad::ingest
