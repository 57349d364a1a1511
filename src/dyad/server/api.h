// The HTTP JSON API without the HTTP: a request (method, decoded path and query, body, Authorization) in, a
// status, content type and body out. server.h puts it behind cpp-httplib; the tests call it both ways.
// docs/server.md lists the endpoints and data/server/openapi.json describes them.
//
// Threads: Handle may be called from any number of threads at once. Reads take a store connection from a pool
// (one per concurrent request, so one per worker thread; SQLite's WAL lets them read side by side); writes
// (POST /api/ingest, the aggregate refresh) go through one connection under a mutex. Analyses are cached in a
// bounded LRU keyed by the normalised query and the store's state, which a background thread checks at most
// once per `refresh_interval_ms` and an ingest bumps when it commits.
#ifndef DYAD_SERVER_API_H_
#define DYAD_SERVER_API_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "dyad/base/pool.h"
#include "dyad/base/status.h"
#include "dyad/brief/names.h"
#include "dyad/coder/coder.h"
#include "dyad/dict/dictionary.h"
#include "dyad/knowledge/knowledge_base.h"
#include "dyad/server/lru_cache.h"
#include "dyad/server/metrics.h"
#include "dyad/store/event_store.h"

namespace dyad::server {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> params;  // the decoded query parameters, in order
  std::string_view body;
  std::string authorization;  // the Authorization header's value
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::shared_ptr<const CachedResponse> cached;  // set instead of `body` when the response came from the cache
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers

  std::string_view Body() const { return cached ? std::string_view(cached->body) : std::string_view(body); }
  std::string_view ContentType() const {
    return cached ? std::string_view(cached->content_type) : std::string_view(content_type);
  }
};

// The parameters of a query string ("a=PRK&b=RUS", without the '?'), percent-decoded ('+' is a space), in
// order. A name without '=' has an empty value; everything after the first '=' is the value. Only the query
// string counts: a form-encoded body is never read as parameters.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

// What the API reads and never changes; owned by the caller, shared by every thread.
struct ApiResources {
  const dict::Dictionary* dictionary = nullptr;  // POST /api/code and /api/ingest
  const knowledge::KnowledgeBase* knowledge = nullptr;  // groups (NATO ...) and briefs
  const brief::ActorNames* names = nullptr;              // briefs
  const brief::EventPhrases* phrases = nullptr;          // briefs
  std::string openapi_json;                              // served at /api/openapi.json
};

struct ApiOptions {
  std::string store_location;  // a SQLite file or a postgresql:// URL
  store::StoreOptions store_options;
  std::string token;           // the bearer token writes need; empty: writes are refused (403)
  std::string static_dir;      // static files served at other GET paths; empty: none
  size_t cache_entries = 4096;
  size_t cache_bytes = size_t{64} << 20;
  int refresh_interval_ms = 1000;  // how often the store's aggregates are brought up to date
};

// One route: what the router matches, the OpenAPI description must list, and /metrics labels.
struct Route {
  std::string_view method, path;
  bool cached;  // answered from the LRU when the same query was asked of the same store state
};

class Api {
 public:
  // Opens the writer connection, brings the aggregates up to date and starts the refresh thread.
  static Result<std::unique_ptr<Api>> Create(ApiOptions options, const ApiResources& resources);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  ApiResponse Handle(const ApiRequest& request);

  // Every route, in the order of the metrics' endpoint indexes.
  static const std::vector<Route>& Routes();
  // The route index of a request's method and path (Routes().size() when none: "other" in the metrics).
  static size_t RouteIndex(std::string_view method, std::string_view path);

  Metrics& metrics() { return metrics_; }
  const LruCache& cache() const { return cache_; }
  // The version of the store's state the cache keys on: changes whenever the aggregates move or an ingest
  // commits.
  int64_t state_version() const { return state_version_.load(); }

  // {"error": message} with `status`.
  static ApiResponse Error(int status, std::string_view message);

 private:
  Api(ApiOptions options, const ApiResources& resources);
  class Handlers;
  friend class Handlers;

  Status RefreshState();  // takes write_mutex_
  // With write_mutex_ held: brings the aggregates up to date and moves the state version when they moved (or
  // always, with `force`).
  Status RefreshStateLocked(bool force);
  void RefreshLoop();

  ApiOptions options_;
  ApiResources resources_;
  Metrics metrics_;
  LruCache cache_;
  Pool<store::EventStore> readers_;
  Pool<coder::Coder> coders_;

  std::mutex write_mutex_;  // the writer connection and everything that writes
  std::unique_ptr<store::EventStore> writer_;
  std::atomic<int64_t> aggregated_through_{-1};
  std::atomic<int64_t> state_version_{0};
  std::atomic<int64_t> event_count_{0};
  std::string backend_;

  std::mutex refresh_mutex_;
  std::condition_variable refresh_wake_;
  bool stopping_ = false;
  std::thread refresher_;
};

}  // namespace dyad::server

#endif  // DYAD_SERVER_API_H_
