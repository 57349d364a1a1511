// Extracts a news article from an HTML page with a real HTML5 parser (gumbo): the main text without navigation,
// menus, scripts, footers and other boilerplate; the title and the date from the page's meta tags.
#ifndef DYAD_INGEST_HTML_READER_H_
#define DYAD_INGEST_HTML_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/coder/event.h"

namespace dyad::ingest {

struct HtmlContext {
  std::string url;                   // becomes Article::url (and the id when the page gives none)
  std::string where;                 // prefixes error messages: a path or URL
  std::optional<Date> fallback_date;  // used when the page has no date (e.g. the feed item's date)
};

// The article's text is the main content as paragraphs separated by blank lines. Fails (naming `where`) when the
// page has no main text or no date at all.
Result<coder::Article> ReadHtmlArticle(std::string_view html, const HtmlContext& context);

// The text of an HTML fragment, such as a feed item's description: tags, scripts and styles removed, entities
// decoded, whitespace collapsed, blocks (paragraphs, list items, <br>) separated by blank lines.
std::string HtmlFragmentText(std::string_view html);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_HTML_READER_H_
