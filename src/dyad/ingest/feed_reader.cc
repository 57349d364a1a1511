#include "dyad/ingest/feed_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <string>

#include "dyad/ingest/html_reader.h"
#include "dyad/ingest/web_date.h"
#include "dyad/text/utf8.h"

namespace dyad::ingest {
namespace {

std::string_view LocalName(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool HasPrefix(std::string_view name) { return name.find(':') != std::string_view::npos; }

// pugixml converts UTF-16 and Latin-1 documents to UTF-8, but a feed in another single-byte encoding
// (windows-1252) reaches us as invalid UTF-8: those bytes become U+FFFD.
std::string ValidUtf8(std::string bytes) {
  return text::IsValidUtf8(bytes) ? bytes : text::RepairedText::Repair(bytes).text();
}

// The text and CDATA directly inside an element, as written.
std::string RawText(pugi::xml_node element) {
  std::string text;
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

// Text that is meant as plain text, with each run of whitespace as one space.
std::string PlainText(pugi::xml_node element) {
  std::string raw = RawText(element), text;
  for (char c : raw) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      text += c;
    } else if (!text.empty() && text.back() != ' ') {
      text += ' ';
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return ValidUtf8(std::move(text));
}

// RSS titles and descriptions are HTML in practice (escaped or in CDATA), whatever the feed declares.
std::string HtmlText(pugi::xml_node element) { return HtmlFragmentText(RawText(element)); }

// An Atom text construct: type="text" (the default), "html" (escaped markup) or "xhtml" (markup as XML
// children).
std::string AtomText(pugi::xml_node element) {
  std::string_view type = element.attribute("type").value();
  if (type == "html" || type == "text/html") return HtmlText(element);
  if (type == "xhtml" || type == "application/xhtml+xml") {
    std::ostringstream markup;
    for (pugi::xml_node child : element.children()) child.print(markup, "", pugi::format_raw);
    return HtmlFragmentText(markup.str());
  }
  return PlainText(element);
}

bool LooksLikeUrl(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

std::string ItemName(int number, const FeedItem& item) {
  return item.title.empty() ? fmt::format("item {}", number)
                            : fmt::format("item {} (\"{}\")", number, item.title);
}

// RSS 2.0 <item> and RSS 1.0 (RDF) <item>: core elements have no prefix; dc:date and content:encoded are
// matched by local name, whatever prefix the feed bound to their namespace.
FeedItem ReadRssItem(pugi::xml_node node) {
  FeedItem item;
  std::string content;
  std::optional<Date> dc_date;
  bool guid_is_link = false;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "title" && item.title.empty()) {
      item.title = HtmlText(child);
    } else if (name == "link" && item.link.empty()) {
      item.link = PlainText(child);
    } else if (name == "guid" && item.guid.empty()) {
      item.guid = PlainText(child);
      guid_is_link = std::string_view(child.attribute("isPermaLink").value()) != "false";
    } else if (name == "description" && item.summary.empty()) {
      item.summary = HtmlText(child);
    } else if (name == "pubDate" && !item.date) {
      item.date = ParseWebDate(RawText(child));
    } else if (HasPrefix(name) && LocalName(name) == "date" && !dc_date) {
      dc_date = ParseWebDate(RawText(child));
    } else if (HasPrefix(name) && LocalName(name) == "encoded" && content.empty()) {
      content = HtmlText(child);
    }
  }
  if (item.summary.empty()) item.summary = std::move(content);
  if (!item.date) item.date = dc_date;
  // An RSS 1.0 item names itself in rdf:about; an RSS 2.0 guid is the page's URL unless isPermaLink="false".
  if (item.guid.empty()) {
    item.guid = ValidUtf8(node.attribute("rdf:about").value());
    guid_is_link = true;
  }
  if (item.link.empty() && guid_is_link && LooksLikeUrl(item.guid)) item.link = item.guid;
  if (item.guid.empty()) item.guid = item.link;
  return item;
}

// An Atom <entry>; `prefix` is the one the root element uses ("" or "atom:").
FeedItem ReadAtomEntry(pugi::xml_node node, const std::string& prefix) {
  FeedItem item;
  std::string content;
  std::optional<Date> updated;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (!name.starts_with(prefix)) continue;
    name.remove_prefix(prefix.size());
    if (name == "title" && item.title.empty()) {
      item.title = AtomText(child);
    } else if (name == "link" && item.link.empty()) {
      std::string_view rel = child.attribute("rel").value();
      if (rel.empty() || rel == "alternate") item.link = ValidUtf8(child.attribute("href").value());
    } else if (name == "id" && item.guid.empty()) {
      item.guid = PlainText(child);
    } else if (name == "summary" && item.summary.empty()) {
      item.summary = AtomText(child);
    } else if (name == "content" && content.empty()) {
      content = AtomText(child);
    } else if (name == "published" && !item.date) {
      item.date = ParseWebDate(RawText(child));
    } else if (name == "updated" && !updated) {
      updated = ParseWebDate(RawText(child));
    }
  }
  if (item.summary.empty()) item.summary = std::move(content);
  if (!item.date) item.date = updated;
  if (item.guid.empty()) item.guid = item.link;
  return item;
}

void AddItem(FeedItem item, int number, std::string_view where, Feed& feed) {
  if (item.link.empty()) {
    feed.problems.push_back(
        InvalidArgument(fmt::format("{}: {}: no link; skipped", where, ItemName(number, item))));
    return;
  }
  feed.items.push_back(std::move(item));
}

}  // namespace

Result<Feed> ReadFeed(std::string_view xml, std::string_view where) {
  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    size_t offset = std::min(size_t(std::max<ptrdiff_t>(parsed.offset, 0)), xml.size());
    int line = 1 + int(std::count(xml.begin(), xml.begin() + offset, '\n'));
    return InvalidArgument(fmt::format("{}: not well-formed XML at line {} (byte {}): {}", where, line,
                                       offset, parsed.description()));
  }
  pugi::xml_node root = document.document_element();
  std::string_view root_name = root.name();
  Feed feed;
  int number = 0;
  if (root_name == "rss") {
    pugi::xml_node channel = root.child("channel");
    if (!channel) return InvalidArgument(fmt::format("{}: <rss> has no <channel>", where));
    feed.title = HtmlText(channel.child("title"));
    for (pugi::xml_node item : channel.children("item")) AddItem(ReadRssItem(item), ++number, where, feed);
    return feed;
  }
  if (LocalName(root_name) == "RDF") {
    // RSS 1.0: the items are siblings of the channel, not inside it.
    for (pugi::xml_node child : root.children()) {
      std::string_view name = child.name();
      if (name == "channel" && feed.title.empty()) feed.title = HtmlText(child.child("title"));
      if (name == "item") AddItem(ReadRssItem(child), ++number, where, feed);
    }
    return feed;
  }
  if (LocalName(root_name) == "feed") {
    std::string prefix(root_name.substr(0, root_name.size() - 4));
    std::string title = prefix + "title", entry_name = prefix + "entry";  // outlive the loop that names them
    feed.title = AtomText(root.child(title.c_str()));
    for (pugi::xml_node entry : root.children(entry_name.c_str())) {
      AddItem(ReadAtomEntry(entry, prefix), ++number, where, feed);
    }
    return feed;
  }
  return InvalidArgument(fmt::format("{}: not an RSS or Atom feed: the root element is <{}> (byte {})", where,
                                     root_name, root.offset_debug()));
}

}  // namespace dyad::ingest
