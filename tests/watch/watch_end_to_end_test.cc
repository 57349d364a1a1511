// End to end: the `dyad` binary's `watch` command against the fixture feeds and pages of tests/watch/, served
// by a local HTTP server on 127.0.0.1 in this process. The store is then read back through EventStore.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>

#include "dyad/base/files.h"
#include "dyad/store/event_store.h"
#include "dyad/watch/test_http_server.h"

extern char** environ;

namespace dyad::watch {
namespace {

namespace fs = std::filesystem;

const char kLastModified[] = "Thu, 04 Sep 2025 10:00:00 GMT";

// Serves tests/watch/ with {{BASE}} replaced by the server's own address, and remembers every request.
class FixtureServer {
 public:
  struct Request {
    std::string path, if_none_match, if_modified_since, user_agent;
  };

  FixtureServer() {
    httplib::Server& server = http_.server();
    // world.rss: ETag and Last-Modified; a matching If-None-Match gets 304.
    server.Get("/world.rss", [this](const httplib::Request& request, httplib::Response& response) {
      Record(request);
      const std::string body = Fixture(world_fixture_);
      const std::string etag = fmt::format("\"{:x}\"", std::hash<std::string>()(body));
      if (request.get_header_value("If-None-Match") == etag) {
        response.status = 304;
        return;
      }
      response.set_header("ETag", etag);
      response.set_header("Last-Modified", kLastModified);
      response.set_content(body, "application/rss+xml; charset=utf-8");
    });
    // regional.atom: Last-Modified only, so the second poll relies on If-Modified-Since.
    server.Get("/regional.atom", [this](const httplib::Request& request, httplib::Response& response) {
      Record(request);
      if (request.get_header_value("If-Modified-Since") == kLastModified) {
        response.status = 304;
        return;
      }
      response.set_header("Last-Modified", kLastModified);
      response.set_content(Fixture("regional.atom"), "application/atom+xml");
    });
    server.Get("/failing.rss", [this](const httplib::Request& request, httplib::Response& response) {
      Record(request);
      response.status = 500;
      response.set_content("internal error", "text/plain");
    });
    server.Get("/broken.rss", [this](const httplib::Request& request, httplib::Response& response) {
      Record(request);
      response.set_content(Fixture("broken.rss"), "application/rss+xml");
    });
    // Longer than the 1 s timeout the tests give dyad.
    server.Get("/slow.rss", [this](const httplib::Request& request, httplib::Response& response) {
      Record(request);
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      response.set_content(Fixture("world.rss"), "application/rss+xml");
    });
    server.Get(
        R"(/pages/([a-z]+\.html))", [this](const httplib::Request& request, httplib::Response& response) {
          Record(request);
          const fs::path path = FixtureDir() / "pages" / request.matches[1].str();
          if (!fs::exists(path)) {
            response.status = 404;
            response.set_content("<html><body><h1>Not found</h1></body></html>", "text/html");
            return;
          }
          response.set_content(Fixture("pages/" + request.matches[1].str()), "text/html; charset=utf-8");
        });
    started_ = http_.Start();
  }

  bool started() const { return started_; }
  std::string Url(std::string_view path) const { return http_.Url(path); }
  void ServeWorldFrom(std::string fixture) {
    std::lock_guard<std::mutex> lock(mutex_);
    world_fixture_ = std::move(fixture);
  }

  std::vector<Request> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  int Count(std::string_view path) {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(
        std::count_if(requests_.begin(), requests_.end(), [&](const Request& r) { return r.path == path; }));
  }
  // The last request for `path`.
  Request Last(std::string_view path) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
      if (it->path == path) return *it;
    }
    return {};
  }

 private:
  static fs::path FixtureDir() { return fs::path(DYAD_SOURCE_DIR) / "tests" / "watch"; }

  std::string Fixture(const std::string& name) {
    Result<std::string> text = ReadFile((FixtureDir() / name).string());
    if (!text.ok()) return "";
    std::string body = *std::move(text);
    const std::string base = http_.Url("");
    for (size_t at = body.find("{{BASE}}"); at != std::string::npos; at = body.find("{{BASE}}", at)) {
      body.replace(at, 8, base);
    }
    return body;
  }

  void Record(const httplib::Request& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back({request.path, request.get_header_value("If-None-Match"),
                         request.get_header_value("If-Modified-Since"),
                         request.get_header_value("User-Agent")});
  }

  std::mutex mutex_;
  std::string world_fixture_ = "world.rss";
  std::vector<Request> requests_;
  TestHttpServer http_;  // last: its thread stops before the members its handlers use are destroyed
  bool started_ = false;
};

class WatchEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.started());
    char pattern[] = "/tmp/dyad-watch-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    // The child inherits the environment: nothing in it may pick another store or config file.
    unsetenv("DYAD_DB");
    unsetenv("DYAD_CONFIG");
    config_ = (dir_ / "dyad.toml").string();
    std::ofstream(config_) << fmt::format(
        "# written by watch_end_to_end_test\n"
        "[store]\n"
        "url = \"watch.db\"\n"
        "[watch]\n"
        "feeds = [\"{}\", \"{}\", \"{}\", \"{}\", \"{}\"]\n"
        "timeout_seconds = 1\n"
        "user_agent = \"dyad-watch-test\"\n",
        World(), Regional(), server_.Url("/failing.rss"), server_.Url("/broken.rss"),
        server_.Url("/slow.rss"));
  }

  void TearDown() override {
    std::error_code error;
    fs::remove_all(dir_, error);
  }

  std::string World() const { return server_.Url("/world.rss"); }
  std::string Regional() const { return server_.Url("/regional.atom"); }
  std::string Page(std::string_view name) const { return server_.Url(fmt::format("/pages/{}", name)); }
  std::string Db() const { return (dir_ / "watch.db").string(); }

  // Starts `dyad ARGS...` with its standard output and error going to `output_path`.
  pid_t Spawn(const std::vector<std::string>& args, const std::string& output_path) {
    std::vector<std::string> argv_strings = {DYAD_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
  }

  struct Run {
    int exit_code = -1;
    std::string output;
  };

  Run Dyad(const std::vector<std::string>& args) {
    const std::string output_path = (dir_ / fmt::format("run{}.log", ++runs_)).string();
    Run run;
    pid_t pid = Spawn(args, output_path);
    if (pid < 0) return run;
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.output = ReadFile(output_path).value();
    return run;
  }

  Run WatchOnce() { return Dyad({"watch", "--once", "--config", config_}); }

  std::unique_ptr<store::EventStore> OpenStore() {
    Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(Db());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  store::FeedState State(store::EventStore& store, const std::string& url) {
    Result<std::optional<store::FeedState>> state = store.LoadFeedState(url);
    EXPECT_TRUE(state.ok() && state->has_value()) << url;
    return state.ok() && state->has_value() ? **state : store::FeedState();
  }

  bool Stored(store::EventStore& store, const std::string& url) {
    Result<bool> stored = store.HasArticleUrl(url);
    return stored.ok() && *stored;
  }

  static bool Contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
  }

  FixtureServer server_;
  fs::path dir_;
  std::string config_;
  int runs_ = 0;
};

TEST_F(WatchEndToEndTest, IngestsGoodFeedsBacksOffBadOnesAndResumes) {
  // First run: every feed is polled.
  Run first = WatchOnce();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(Contains(first.output, fmt::format("{}: HTTP 500; failure 1 in a row, next poll in 600 s",
                                                 server_.Url("/failing.rss"))))
      << first.output;
  EXPECT_TRUE(
      Contains(first.output, fmt::format("{}: no complete answer within 1 s", server_.Url("/slow.rss"))))
      << first.output;
  EXPECT_TRUE(Contains(first.output, server_.Url("/broken.rss") + ":")) << first.output;
  EXPECT_TRUE(Contains(
      first.output,
      fmt::format("{}: HTTP 404; ingested the feed's title and summary instead", Page("removed.html"))))
      << first.output;
  EXPECT_TRUE(Contains(first.output,
                       "5 feeds polled (2 fetched, 0 not modified, 3 failed), 0 skipped, 4 articles "
                       "added"))
      << first.output;

  // Each page once, the one linked from both feeds included; every request says who is asking.
  EXPECT_EQ(server_.Count("/pages/energy.html"), 1);
  EXPECT_EQ(server_.Count("/pages/kyiv.html"), 1);
  EXPECT_EQ(server_.Count("/pages/removed.html"), 1);
  EXPECT_EQ(server_.Count("/pages/aid.html"), 1);
  for (const FixtureServer::Request& request : server_.requests())
    EXPECT_EQ(request.user_agent, "dyad-watch-test");
  {
    std::unique_ptr<store::EventStore> store = OpenStore();
    ASSERT_NE(store, nullptr);
    Result<store::StoreCounts> counts = store->Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->articles, 4);
    EXPECT_GT(counts->events, 4);
    for (const char* page : {"energy.html", "kyiv.html", "removed.html", "aid.html"}) {
      EXPECT_TRUE(Stored(*store, Page(page))) << page;
    }
    store::FeedState world = State(*store, World());
    EXPECT_FALSE(world.etag.empty());
    EXPECT_EQ(world.last_modified, kLastModified);
    EXPECT_EQ(world.failures, 0);
    EXPECT_EQ(world.next_poll - world.last_poll, 300);
    store::FeedState regional = State(*store, Regional());
    EXPECT_EQ(regional.etag, "");
    EXPECT_EQ(regional.last_modified, kLastModified);
    for (const char* bad : {"/failing.rss", "/broken.rss", "/slow.rss"}) {
      store::FeedState state = State(*store, server_.Url(bad));
      EXPECT_EQ(state.failures, 1) << bad;
      EXPECT_EQ(state.next_poll - state.last_poll, 600) << bad;
      EXPECT_TRUE(Contains(state.last_error, server_.Url(bad))) << state.last_error;
    }
  }

  // Second run: the good feeds answer 304 to their validators, the bad ones are left alone, nothing is added.
  const std::string world_etag = State(*OpenStore(), World()).etag;
  Run second = WatchOnce();
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(server_.Last("/world.rss").if_none_match, world_etag);
  EXPECT_EQ(server_.Last("/regional.atom").if_modified_since, kLastModified);
  EXPECT_TRUE(Contains(second.output, World() + ": not modified")) << second.output;
  EXPECT_TRUE(Contains(second.output, Regional() + ": not modified")) << second.output;
  EXPECT_TRUE(
      Contains(second.output, fmt::format("{}: backing off after 1 failure", server_.Url("/failing.rss"))))
      << second.output;
  EXPECT_TRUE(Contains(second.output,
                       "2 feeds polled (0 fetched, 2 not modified, 0 failed), 3 skipped, 0 articles "
                       "added"))
      << second.output;
  EXPECT_EQ(server_.Count("/failing.rss"), 1);
  EXPECT_EQ(server_.Count("/broken.rss"), 1);
  EXPECT_EQ(server_.Count("/slow.rss"), 1);
  EXPECT_EQ(server_.Count("/pages/kyiv.html"), 1);
  EXPECT_EQ(OpenStore()->Counts()->articles, 4);

  // Third run: the feed changed; only its new item's page is fetched.
  server_.ServeWorldFrom("update.rss");
  Run third = WatchOnce();
  ASSERT_EQ(third.exit_code, 0) << third.output;
  EXPECT_TRUE(Contains(third.output, World() + ": 4 items, 1 new")) << third.output;
  EXPECT_EQ(server_.Count("/pages/border.html"), 1);
  EXPECT_EQ(server_.Count("/pages/energy.html"), 1);
  EXPECT_EQ(server_.Count("/pages/removed.html"), 1);  // stored from its summary: not fetched again
  std::unique_ptr<store::EventStore> store = OpenStore();
  EXPECT_EQ(store->Counts()->articles, 5);
  EXPECT_TRUE(Stored(*store, Page("border.html")));
}

TEST_F(WatchEndToEndTest, FeedsOnTheCommandLineReplaceTheConfigs) {
  Run run = Dyad({"watch", "--once", "--config", config_, "--db", (dir_ / "other.db").string(), Regional()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(server_.Count("/world.rss"), 0);
  EXPECT_EQ(server_.Count("/regional.atom"), 1);
  EXPECT_TRUE(fs::exists(dir_ / "other.db"));
  EXPECT_FALSE(fs::exists(Db()));
}

TEST_F(WatchEndToEndTest, NoFeedsIsAUsageError) {
  std::ofstream(config_) << "[store]\nurl = \"watch.db\"\n";
  Run run = Dyad({"watch", "--once", "--config", config_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.output, "no feeds")) << run.output;
}

TEST_F(WatchEndToEndTest, ABadConfigNamesFileAndLine) {
  std::ofstream(config_) << "[store]\nurl = \"watch.db\"\n[watch]\ntimeout = 5\n";
  Run run = Dyad({"watch", "--once", "--config", config_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.output, config_ + ":4: unknown setting 'watch.timeout'")) << run.output;
}

// Waits up to `seconds` for the file to contain `text`.
bool WaitForText(const std::string& path, std::string_view text, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    Result<std::string> content = ReadFile(path);
    if (content.ok() && content->find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Waits up to `seconds` for the child to exit; its exit code, or -1 (the child is then killed).
int WaitForExit(pid_t pid, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

TEST_F(WatchEndToEndTest, RunsUntilSigtermAndResumesAfterIt) {
  const std::string log = (dir_ / "loop.log").string();
  pid_t pid = Spawn({"watch", "--config", config_, World(), Regional()}, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitForText(log, "round done", 30)) << ReadFile(log).value();
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitForExit(pid, 10), 0);
  const std::string output = ReadFile(log).value();
  EXPECT_TRUE(Contains(output, "stopped")) << output;
  EXPECT_TRUE(Contains(output, "4 articles added")) << output;
  EXPECT_EQ(OpenStore()->Counts()->articles, 4);

  // A new watcher starts where this one stopped: nothing is due before the interval, and a round now is a
  // 304.
  Run again = WatchOnce();
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_TRUE(Contains(again.output, World() + ": not modified")) << again.output;
  EXPECT_EQ(server_.Count("/pages/energy.html"), 1);
}

TEST_F(WatchEndToEndTest, SigintInterruptsASlowRequestWithoutCountingAFailure) {
  std::ofstream(config_) << fmt::format("[store]\nurl = \"watch.db\"\n[watch]\nfeeds = [\"{}\", \"{}\"]\n",
                                        server_.Url("/slow.rss"), World());
  const std::string log = (dir_ / "slow.log").string();
  pid_t pid = Spawn({"watch", "--once", "--config", config_}, log);
  ASSERT_GT(pid, 0);
  // The slow feed is polled first; interrupt while dyad waits for it (its timeout is the default 20 s).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server_.Count("/slow.rss") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto interrupted = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  EXPECT_EQ(WaitForExit(pid, 10), 0) << ReadFile(log).value();
  EXPECT_LT(std::chrono::steady_clock::now() - interrupted, std::chrono::seconds(3));
  EXPECT_EQ(server_.Count("/world.rss"), 0);  // stopped before the next request
  std::unique_ptr<store::EventStore> store = OpenStore();
  Result<std::optional<store::FeedState>> state = store->LoadFeedState(server_.Url("/slow.rss"));
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(!state->has_value() || (*state)->failures == 0);
}

}  // namespace
}  // namespace dyad::watch
