// Fetcher: how `dyad watch` gets a URL's bytes. An interface, so the polling logic runs against a fake in
// tests and against libcurl (curl_fetcher.h) in production.
#ifndef DYAD_WATCH_FETCHER_H_
#define DYAD_WATCH_FETCHER_H_

#include <cstdint>
#include <string>

#include "dyad/base/status.h"

namespace dyad::watch {

struct FetchRequest {
  std::string url;
  // Validators for a conditional GET, from the previous 200 answer (empty: not sent). A server whose content
  // has not changed answers 304 with no body.
  std::string if_none_match;      // the ETag
  std::string if_modified_since;  // the Last-Modified date, as the server wrote it
  int64_t timeout_seconds = 20;   // the whole request: connecting, redirects and the body
  std::string user_agent;
};

struct FetchResponse {
  int http_status = 0;  // 200, 304, 404, 500 ...
  std::string body;
  std::string content_type;   // without parameters ("application/rss+xml"), lower case; may be empty
  std::string etag;           // as the server sent it, quotes included
  std::string last_modified;  // as the server sent it
  std::string url;            // where the body came from, after redirects
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Any HTTP answer, 304 and errors included, is a response; a request that gets no complete answer (no such
  // host, refused connection, timeout, a body too large, cancelled) is a Status naming the URL.
  // One Fetcher serves one thread.
  virtual Result<FetchResponse> Fetch(const FetchRequest& request) = 0;
};

}  // namespace dyad::watch

#endif  // DYAD_WATCH_FETCHER_H_
