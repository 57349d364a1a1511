#include "dyad/watch/curl_fetcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "dyad/watch/test_http_server.h"

namespace dyad::watch {
namespace {

class CurlFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    httplib::Server& server = http_.server();
    server.Get("/feed.xml", [this](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        last_request_headers_ = request.headers;
      }
      const std::string etag = "\"feed-v1\"";
      const std::string last_modified = "Thu, 04 Sep 2025 10:00:00 GMT";
      if (request.get_header_value("If-None-Match") == etag ||
          request.get_header_value("If-Modified-Since") == last_modified) {
        response.status = 304;
        return;
      }
      response.set_header("ETag", etag);
      response.set_header("Last-Modified", last_modified);
      response.set_content("<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
                           "Application/RSS+XML; charset=utf-8");
    });
    server.Get("/error", [](const httplib::Request&, httplib::Response& response) {
      response.status = 500;
      response.set_content("server error", "text/plain");
    });
    server.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      response.set_content("late", "text/plain");
    });
    server.Get("/big", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(5000, 'x'), "text/plain");
    });
    server.Get("/old", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/feed.xml");
    });
    server.Get("/to-file", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("file:///etc/passwd");
    });
    ASSERT_TRUE(http_.Start());
  }

  FetchRequest Request(std::string_view path, int64_t timeout_seconds = 5) {
    FetchRequest request;
    request.url = http_.Url(path);
    request.timeout_seconds = timeout_seconds;
    request.user_agent = "dyad-test/1";
    return request;
  }

  std::string SentHeader(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = last_request_headers_.find(name);
    return it == last_request_headers_.end() ? std::string() : it->second;
  }

  TestHttpServer http_;
  std::mutex mutex_;
  httplib::Headers last_request_headers_;
};

TEST_F(CurlFetcherTest, FetchesTheBodyAndTheValidators) {
  CurlFetcher fetcher;
  Result<FetchResponse> response = fetcher.Fetch(Request("/feed.xml"));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->body, "<rss version=\"2.0\"><channel><title>T</title></channel></rss>");
  EXPECT_EQ(response->content_type, "application/rss+xml");
  EXPECT_EQ(response->etag, "\"feed-v1\"");
  EXPECT_EQ(response->last_modified, "Thu, 04 Sep 2025 10:00:00 GMT");
  EXPECT_EQ(response->url, http_.Url("/feed.xml"));
  EXPECT_EQ(SentHeader("User-Agent"), "dyad-test/1");
  EXPECT_EQ(SentHeader("If-None-Match"), "");
}

TEST_F(CurlFetcherTest, SendsTheValidatorsAndGets304) {
  CurlFetcher fetcher;
  FetchRequest request = Request("/feed.xml");
  request.if_none_match = "\"feed-v1\"";
  Result<FetchResponse> response = fetcher.Fetch(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->http_status, 304);
  EXPECT_EQ(response->body, "");
  EXPECT_EQ(SentHeader("If-None-Match"), "\"feed-v1\"");

  request.if_none_match.clear();
  request.if_modified_since = "Thu, 04 Sep 2025 10:00:00 GMT";
  response = fetcher.Fetch(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->http_status, 304);
  EXPECT_EQ(SentHeader("If-Modified-Since"), "Thu, 04 Sep 2025 10:00:00 GMT");
  EXPECT_EQ(SentHeader("If-None-Match"), "");  // a reused handle forgets the previous request's headers
}

TEST_F(CurlFetcherTest, HttpErrorsAreResponses) {
  CurlFetcher fetcher;
  Result<FetchResponse> response = fetcher.Fetch(Request("/error"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->http_status, 500);
  response = fetcher.Fetch(Request("/nothing-here"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->http_status, 404);
}

TEST_F(CurlFetcherTest, FollowsRedirectsToHttpOnly) {
  CurlFetcher fetcher;
  Result<FetchResponse> response = fetcher.Fetch(Request("/old"));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->url, http_.Url("/feed.xml"));

  response = fetcher.Fetch(Request("/to-file"));
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.status().message().find(http_.Url("/to-file")), std::string::npos);
  FetchRequest local_file;
  local_file.url = "file:///etc/passwd";
  EXPECT_FALSE(fetcher.Fetch(local_file).ok());
}

TEST_F(CurlFetcherTest, TimesOut) {
  CurlFetcher fetcher;
  const auto started = std::chrono::steady_clock::now();
  Result<FetchResponse> response = fetcher.Fetch(Request("/slow", 1));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().message(), http_.Url("/slow") + ": no complete answer within 1 s");
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
}

TEST_F(CurlFetcherTest, RefusesBodiesOverTheCap) {
  CurlOptions options;
  options.max_body_bytes = 1000;
  CurlFetcher fetcher(options);
  Result<FetchResponse> response = fetcher.Fetch(Request("/big"));
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.status().message().find("larger than 1000 bytes"), std::string::npos)
      << response.status().message();
  EXPECT_TRUE(fetcher.Fetch(Request("/feed.xml")).ok());
}

TEST_F(CurlFetcherTest, TheCancelFlagStopsATransferInFlight) {
  std::atomic<bool> cancel{false};
  CurlOptions options;
  options.cancel = &cancel;
  CurlFetcher fetcher(options);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel = true;
  });
  const auto started = std::chrono::steady_clock::now();
  Result<FetchResponse> response = fetcher.Fetch(Request("/slow", 10));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  canceller.join();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().message(), http_.Url("/slow") + ": cancelled");
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
}

TEST_F(CurlFetcherTest, NoServerIsAnError) {
  CurlFetcher fetcher;
  FetchRequest request;
  request.url = "http://127.0.0.1:1/feed.xml";  // port 1: nothing listens there
  request.timeout_seconds = 2;
  Result<FetchResponse> response = fetcher.Fetch(request);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(response.status().message().starts_with("http://127.0.0.1:1/feed.xml: "))
      << response.status().message();
}

}  // namespace
}  // namespace dyad::watch
