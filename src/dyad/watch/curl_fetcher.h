// CurlFetcher: the Fetcher `dyad watch` uses, on libcurl. http and https only (redirects included), gzip and
// deflate accepted, a size cap on bodies, and a cancel flag that abandons a transfer in flight within a
// second.
#ifndef DYAD_WATCH_CURL_FETCHER_H_
#define DYAD_WATCH_CURL_FETCHER_H_

#include <atomic>
#include <cstdint>

#include "dyad/watch/fetcher.h"

namespace dyad::watch {

struct CurlOptions {
  int64_t max_body_bytes = int64_t{32} << 20;  // a larger answer is an error, not a truncated body
  int max_redirects = 5;
  // When it becomes true (a signal handler may set it) the transfer in flight stops with a "cancelled"
  // Status.
  const std::atomic<bool>* cancel = nullptr;
};

// Keeps one libcurl handle, so consecutive requests to a host reuse its connection. Not thread-safe: one
// CurlFetcher per thread.
class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(CurlOptions options = {});
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  Result<FetchResponse> Fetch(const FetchRequest& request) override;

 private:
  CurlOptions options_;
  void* curl_ = nullptr;  // CURL*, kept out of this header
};

}  // namespace dyad::watch

#endif  // DYAD_WATCH_CURL_FETCHER_H_
