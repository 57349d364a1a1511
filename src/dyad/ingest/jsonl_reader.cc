#include "dyad/ingest/jsonl_reader.h"

#include <fmt/format.h>

#include "dyad/text/utf8.h"

namespace dyad::ingest {
namespace {

// Reads an optional string field; a present field of another type is an error. A numeric id is taken as text.
simdjson::error_code ReadString(simdjson::dom::object object, std::string_view key, std::string& out,
                                bool& present, bool number_ok = false) {
  present = false;
  simdjson::dom::element value;
  simdjson::error_code error = object.at_key(key).get(value);
  if (error == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (error) return error;
  if (value.is_null()) return simdjson::SUCCESS;
  if (number_ok && (value.is_int64() || value.is_uint64())) {
    out = std::to_string(value.is_int64() ? int64_t(value.get_int64()) : int64_t(value.get_uint64()));
    present = true;
    return simdjson::SUCCESS;
  }
  std::string_view s;
  if ((error = value.get_string().get(s))) return error;
  out.assign(s);
  present = true;
  return simdjson::SUCCESS;
}

}  // namespace

Status JsonlArticleParser::Parse(std::string_view line, std::string_view where, coder::Article& article) {
  article = coder::Article();
  // Invalid UTF-8 would make the whole line unreadable JSON; the bytes are replaced (U+FFFD) instead, so the
  // article is still coded. JSON's own syntax is ASCII, so this never changes the structure.
  text::RepairedText repaired;
  if (!text::IsValidUtf8(line)) {
    repaired = text::RepairedText::Repair(line);
    line = repaired.text();
  }
  padded_.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  padded_.assign(line);
  // The DOM parser validates the whole line (trailing garbage included) and picks the fastest kernel at run time.
  simdjson::dom::element doc;
  simdjson::error_code error = parser_.parse(padded_.data(), padded_.size(), false).get(doc);
  simdjson::dom::object object;
  if (!error) error = doc.get_object().get(object);
  if (error) return InvalidArgument(fmt::format("{}: not a JSON object: {}", where, simdjson::error_message(error)));

  bool has_id = false, has_date = false, has_text = false, present = false;
  std::string date;
  // Fields are looked up by name (in any order); the id first so that later messages can name the article.
  if ((error = ReadString(object, "id", article.id, has_id, /*number_ok=*/true))) {
    return InvalidArgument(fmt::format("{}: bad \"id\": {}", where, simdjson::error_message(error)));
  }
  std::string name = has_id ? fmt::format("{} (article {})", where, article.id) : std::string(where);
  if ((error = ReadString(object, "date", date, has_date)) || (error = ReadString(object, "text", article.text, has_text)) ||
      (error = ReadString(object, "title", article.title, present)) ||
      (error = ReadString(object, "source", article.source, present)) ||
      (error = ReadString(object, "url", article.url, present))) {
    return InvalidArgument(fmt::format("{}: {}", name, simdjson::error_message(error)));
  }
  if (!has_id || article.id.empty()) return InvalidArgument(fmt::format("{}: missing \"id\"", name));
  if (!has_date) return InvalidArgument(fmt::format("{}: missing \"date\"", name));
  if (!has_text) return InvalidArgument(fmt::format("{}: missing \"text\"", name));
  // Accept a timestamp ("2025-09-04T10:00:00Z") by its date part.
  Result<Date> parsed = Date::Parse(std::string_view(date).substr(0, 10));
  if (!parsed.ok() || (date.size() > 10 && date[10] != 'T' && date[10] != ' ')) {
    return InvalidArgument(fmt::format("{}: bad \"date\" '{}' (want YYYY-MM-DD)", name, date));
  }
  article.date = *parsed;
  return Status::Ok();
}

}  // namespace dyad::ingest
