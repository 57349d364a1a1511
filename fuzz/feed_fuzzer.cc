// Fuzzes the RSS/Atom reader: any bytes must give a feed or a Status naming the feed, never a crash; every
// item it keeps has a link.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/ingest/feed_reader.h"
#include "dyad/ingest/web_date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  dyad::Result<dyad::ingest::Feed> feed = dyad::ingest::ReadFeed(xml, "fuzz.xml");
  if (!feed.ok() && feed.status().message().rfind("fuzz.xml: ", 0) != 0) __builtin_trap();
  if (feed.ok()) {
    for (const dyad::ingest::FeedItem& item : feed->items) {
      if (item.link.empty()) __builtin_trap();
    }
  }
  (void)dyad::ingest::ParseWebDate(xml.substr(0, 64));
  return 0;
}
