// For tests only: a cpp-httplib server on 127.0.0.1 and an ephemeral port, serving from its own thread for as
// long as the object lives. Register handlers on server() before Start().
#ifndef DYAD_WATCH_TEST_HTTP_SERVER_H_
#define DYAD_WATCH_TEST_HTTP_SERVER_H_

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>

namespace dyad::watch {

class TestHttpServer {
 public:
  TestHttpServer() = default;
  ~TestHttpServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  httplib::Server& server() { return server_; }

  // Binds (the port accepts connections from here on) and serves in a thread. False when no port could be
  // bound.
  bool Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() does nothing before the accept loop runs, so the destructor must not call it any earlier.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
  }

  int port() const { return port_; }
  std::string Url(std::string_view path) const { return fmt::format("http://127.0.0.1:{}{}", port_, path); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace dyad::watch

#endif  // DYAD_WATCH_TEST_HTTP_SERVER_H_
