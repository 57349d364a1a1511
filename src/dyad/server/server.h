// The HTTP server of `dyad serve`: cpp-httplib in front of an Api (api.h). Binds 127.0.0.1 unless told
// otherwise; limits bodies, headers and idle connections; adds CORS headers only when an origin is given.
// cpp-httplib serves each keep-alive connection on one pool thread, so `threads` is also how many connections are
// served at once (the rest wait for a thread).
#ifndef DYAD_SERVER_SERVER_H_
#define DYAD_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "dyad/base/status.h"
#include "dyad/server/api.h"

namespace dyad::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                          // 0: any free port (see port())
  int threads = 64;
  size_t max_body = size_t{8} << 20;        // larger bodies get 413
  size_t max_header_bytes = size_t{32} << 10;  // all request headers together; more gets 431
  size_t max_headers = 100;                  // more gets 431 (a line over 8 KiB gets 400 from cpp-httplib)
  std::string cors_origin;                   // empty: no CORS headers at all
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_timeout_seconds = 5;
  int keep_alive_max_requests = 10000;
};

class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(Api& api, ServerOptions options);
  ~HttpServer();  // stops serving and joins the thread Start made
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the address and port; from then on connections queue. port() is the bound port.
  Status Bind();
  int port() const;
  // Serves until Stop(); call after Bind.
  Status Run();
  // Bind and Run on a thread of its own, returning once requests are being served (for tests).
  Status Start();
  // Stops accepting and ends Run; safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad::server

#endif  // DYAD_SERVER_SERVER_H_
