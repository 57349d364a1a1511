// Reads RSS 2.0 and Atom feeds with a real XML parser (pugixml).
#ifndef DYAD_INGEST_FEED_READER_H_
#define DYAD_INGEST_FEED_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"

namespace dyad::ingest {

struct FeedItem {
  std::string title;
  std::string link;     // the article page
  std::string guid;     // RSS guid or Atom id; the link when the feed gives none
  std::string summary;  // description / summary / content, as plain text (markup removed)
  std::optional<Date> date;  // pubDate / published / updated / dc:date
};

struct Feed {
  std::string title;
  std::vector<FeedItem> items;
  std::vector<Status> problems;  // items that were skipped, each naming the feed and the item
};

// Fails (naming `where`) when the document is not well-formed XML or is neither RSS nor Atom.
Result<Feed> ReadFeed(std::string_view xml, std::string_view where);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_FEED_READER_H_
