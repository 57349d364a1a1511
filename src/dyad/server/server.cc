// The only file that includes cpp-httplib: everything it does is translate between httplib's Request/Response
// and the Api's, and set the limits.
#include "dyad/server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace dyad::server {
namespace {

using Clock = std::chrono::steady_clock;

// When the request the current worker thread handles started (pre-routing); the logger reads it. cpp-httplib
// runs a request's pre-routing handler, handler and logger on one thread.
thread_local Clock::time_point t_request_start;
thread_local bool t_request_started = false;

std::string_view DefaultMessage(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    case 431:
      return "request headers too large";
    case 500:
      return "internal error";
    default:
      return "request failed";
  }
}

}  // namespace

struct HttpServer::Impl {
  Impl(Api& a, ServerOptions o) : api(a), options(std::move(o)) {}

  void AddCors(httplib::Response& res) const {
    if (options.cors_origin.empty()) return;
    res.set_header("Access-Control-Allow-Origin", options.cors_origin);
    res.set_header("Vary", "Origin");
  }

  void Write(const ApiResponse& response, httplib::Response& res) const {
    res.status = response.status;
    const std::string_view body = response.Body();
    res.set_content(body.data(), body.size(), std::string(response.ContentType()).c_str());
    for (const auto& [name, value] : response.headers) res.set_header(name.c_str(), value);
    AddCors(res);
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) const {
    ApiRequest request;
    request.method = req.method;
    request.path = req.path;
    // From the request target, not req.params: cpp-httplib also puts a form-encoded body there, and keeps
    // only the text after the last '=' of a value.
    const size_t question = req.target.find('?');
    if (question != std::string::npos)
      request.params = ParseQuery(std::string_view(req.target).substr(question + 1));
    request.body = req.body;
    request.authorization = req.get_header_value("Authorization");
    Write(api.Handle(request), res);
  }

  void Configure() {
    const size_t threads = static_cast<size_t>(std::max(1, options.threads));
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_tcp_nodelay(true);
    // cpp-httplib's default options set SO_REUSEPORT, which would let a second process bind the same port and
    // take part of the connections; SO_REUSEADDR alone allows a quick restart. The callback also sees the
    // listening socket, whose backlog Bind() raises.
    server.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_socket = sock;
    });
    server.set_payload_max_length(options.max_body);
    server.set_read_timeout(options.read_timeout_seconds, 0);
    server.set_write_timeout(options.write_timeout_seconds, 0);
    server.set_keep_alive_timeout(options.keep_alive_timeout_seconds);
    server.set_keep_alive_max_count(static_cast<size_t>(options.keep_alive_max_requests));

    // GET and HEAD are answered here, before cpp-httplib's regex routing; requests with bodies fall through
    // so that cpp-httplib reads (and limits) the body first.
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      t_request_start = Clock::now();
      t_request_started = true;
      size_t header_bytes = 0;
      for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
      if (req.headers.size() > options.max_headers || header_bytes > options.max_header_bytes) {
        Write(Api::Error(431, fmt::format("request headers too large: at most {} headers and {} bytes",
                                          options.max_headers, options.max_header_bytes)),
              res);
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method == "OPTIONS") {
        if (options.cors_origin.empty()) {
          Write(Api::Error(405, "OPTIONS is only answered when the server runs with --cors-origin"), res);
        } else {
          res.status = 204;
          res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
          res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
          res.set_header("Access-Control-Max-Age", "600");
          AddCors(res);
        }
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET" && req.method != "HEAD") return httplib::Server::HandlerResponse::Unhandled;
      Dispatch(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    const httplib::Server::Handler dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      Dispatch(req, res);
    };
    server.Post(".*", dispatch);
    server.Put(".*", dispatch);
    server.Patch(".*", dispatch);
    server.Delete(".*", dispatch);
    // What cpp-httplib answers itself (a malformed request, a body over the limit, an unknown method) gets
    // the API's JSON error shape too.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          Write(Api::Error(res.status, DefaultMessage(res.status)), res);
          return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      Write(Api::Error(500, "internal error"), res);
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      double seconds = 0;
      if (t_request_started) {
        seconds = std::chrono::duration<double>(Clock::now() - t_request_start).count();
        t_request_started = false;
      }
      api.metrics().Record(Api::RouteIndex(req.method, req.path), res.status, seconds);
    });
  }

  Api& api;
  const ServerOptions options;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  bool bound = false;
  socket_t listen_socket = -1;
};

HttpServer::HttpServer(Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {
  impl_->Configure();
}

HttpServer::~HttpServer() {
  Stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

Status HttpServer::Bind() {
  const ServerOptions& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->server.bind_to_any_port(o.bind);
    if (impl_->port <= 0) return IoError(fmt::format("cannot bind {} on any port", o.bind));
  } else {
    if (!impl_->server.bind_to_port(o.bind, o.port)) {
      return IoError(
          fmt::format("cannot bind {}:{} (in use, or not an address of this machine?)", o.bind, o.port));
    }
    impl_->port = o.port;
  }
  // Debian's cpp-httplib listens with a backlog of 5: when 50 clients connect at once the kernel drops the
  // extra SYNs and they retry a second later (the 1.7 s latencies of a load test's first requests). listen()
  // again on the bound socket sets the backlog.
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, SOMAXCONN);
  impl_->bound = true;
  return Status::Ok();
}

int HttpServer::port() const { return impl_->port; }

Status HttpServer::Run() {
  if (!impl_->bound) return Internal("HttpServer::Run before Bind");
  if (!impl_->server.listen_after_bind()) return IoError("the server stopped listening");
  return Status::Ok();
}

Status HttpServer::Start() {
  DYAD_RETURN_IF_ERROR(Bind());
  impl_->thread = std::thread([this] { (void)impl_->server.listen_after_bind(); });
  // stop() does nothing before the accept loop runs, so Start returns only once it does.
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void HttpServer::Stop() {
  if (impl_->bound) impl_->server.stop();
}

}  // namespace dyad::server
