// The API end to end: a server on 127.0.0.1 and an ephemeral port, in this process, over a temporary SQLite
// store seeded with the bundled sample news; every endpoint called with cpp-httplib's client (raw sockets
// where the exact bytes on the wire matter), the JSON checked with simdjson.
#include "dyad/server/server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <thread>

#include "dyad/analytics/report_json.h"
#include "dyad/analytics/series.h"
#include "dyad/base/files.h"
#include "dyad/brief/names.h"
#include "dyad/dict/testing.h"
#include "dyad/knowledge/knowledge_base.h"
#include "dyad/pipeline/ingester.h"
#include "dyad/server/api.h"
#include "dyad/server/auth.h"
#include "dyad/server/lru_cache.h"
#include "dyad/server/static_files.h"

namespace dyad::server {
namespace {

namespace fs = std::filesystem;

constexpr const char* kToken = "test-token-0123456789abcdef";

// What every test shares: the seeded store, the resources and one server with a token, a small body limit and
// a static directory.
struct World {
  fs::path dir;
  std::string db;
  std::optional<knowledge::KnowledgeBase> kb;
  std::optional<brief::ActorNames> names;
  std::optional<brief::EventPhrases> phrases;
  ApiResources resources;
  std::unique_ptr<Api> api;
  std::unique_ptr<HttpServer> http;

  static World*& Instance() {
    static World* world = nullptr;
    return world;
  }
  // Thread-safe: the first caller may be any of a test's client threads.
  static World& Get() {
    static std::once_flag built;
    std::call_once(built, [] {
      Instance() = new World();
      Instance()->Build();
    });
    return *Instance();
  }

  void Build() {
    dir = fs::temp_directory_path() / ("dyad_server_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "static" / "js");
    db = (dir / "dyad.db").string();
    std::ofstream(dir / "static" / "index.html") << "<h1>dyad</h1>";
    std::ofstream(dir / "static" / "js" / "app.js") << "console.log(1);";
    std::ofstream(dir / "secret.txt") << "secret";
    {
      Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(db);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      pipeline::IngestOptions options;
      pipeline::Ingester ingester(dict::BuiltinDictionaryForTests(), **store, options);
      ASSERT_TRUE(ingester.IngestFile(DYAD_SOURCE_DIR "/data/samples/articles.jsonl").ok());
      ASSERT_TRUE(ingester.Flush().ok());
    }
    const std::string data = DYAD_SOURCE_DIR "/data";
    Result<knowledge::KnowledgeBase> loaded_kb =
        knowledge::KnowledgeBase::Load(knowledge::LoadOptions{data, ""});
    ASSERT_TRUE(loaded_kb.ok()) << loaded_kb.status().ToString();
    kb = std::move(*loaded_kb);
    Result<brief::ActorNames> loaded_names = brief::ActorNames::Load(data);
    ASSERT_TRUE(loaded_names.ok());
    names = std::move(*loaded_names);
    Result<brief::EventPhrases> loaded_phrases = brief::EventPhrases::Load(data + "/brief/phrases.txt");
    ASSERT_TRUE(loaded_phrases.ok());
    phrases = std::move(*loaded_phrases);
    Result<std::string> openapi = ReadFile(data + "/server/openapi.json");
    ASSERT_TRUE(openapi.ok());
    resources = ApiResources{&dict::BuiltinDictionaryForTests(), &*kb, &*names, &*phrases, *openapi};
    ApiOptions options;
    options.store_location = db;
    options.token = kToken;
    options.static_dir = (dir / "static").string();
    Result<std::unique_ptr<Api>> made = Api::Create(options, resources);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    api = std::move(*made);
    ServerOptions server_options;
    server_options.port = 0;
    server_options.threads = 8;
    server_options.max_body = 64 << 10;
    server_options.read_timeout_seconds = 1;
    server_options.keep_alive_timeout_seconds = 1;
    http = std::make_unique<HttpServer>(*api, server_options);
    ASSERT_TRUE(http->Start().ok());
  }
};

// Stops the shared server and removes the temporary directory after the last test.
class WorldCleanup : public ::testing::Environment {
 public:
  void TearDown() override;
};

httplib::Client Client(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  return client;
}

httplib::Client Client() { return Client(World::Get().http->port()); }

void WorldCleanup::TearDown() {
  World* world = World::Instance();
  if (world == nullptr) return;
  world->http.reset();
  world->api.reset();
  std::error_code error;
  fs::remove_all(world->dir, error);
  delete world;
  World::Instance() = nullptr;
}

[[maybe_unused]] ::testing::Environment* const kCleanup =
    ::testing::AddGlobalTestEnvironment(new WorldCleanup);

// The parsed JSON body; fails the test when it is not JSON.
simdjson::dom::element ParseJson(simdjson::dom::parser& parser, const std::string& body) {
  simdjson::dom::element root;
  EXPECT_EQ(parser.parse(body).get(root), simdjson::SUCCESS) << body.substr(0, 300);
  return root;
}

std::string ErrorOf(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view message;
  simdjson::dom::element root = ParseJson(parser, body);
  EXPECT_EQ(root["error"].get(message), simdjson::SUCCESS) << body;
  return std::string(message);
}

// Sends `request` as is and returns everything the server answers until it closes or `timeout_ms` passes.
std::string Raw(int port, const std::string& request, int timeout_ms = 3000) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "connect failed";
  }
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<size_t>(n));
    // One whole response is enough: the server may keep the connection open.
    const size_t header_end = response.find("\r\n\r\n");
    if (header_end == std::string::npos) continue;
    const size_t length_at = response.find("Content-Length: ");
    if (length_at == std::string::npos || length_at > header_end) continue;
    const size_t length = std::strtoul(response.c_str() + length_at + 16, nullptr, 10);
    if (response.size() >= header_end + 4 + length) break;
  }
  ::close(fd);
  return response;
}

// Every GET of `paths` answers `status`.
void ExpectStatus(httplib::Client& client, std::initializer_list<const char*> paths, int status) {
  for (const char* path : paths) {
    httplib::Result res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
  }
}

int StatusOf(const std::string& raw) {
  if (raw.size() < 12 || raw.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(raw.c_str() + 9);
}

TEST(Auth, ConstantTimeEqualsComparesEveryByte) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abcdef", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "xbcdef"));  // first byte
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcdex"));  // last byte
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcde"));   // a prefix
  EXPECT_FALSE(ConstantTimeEquals("abcde", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
  // A shorter input is not a match even when the longer one continues with zero bytes.
  EXPECT_FALSE(ConstantTimeEquals(std::string_view("ab", 2), std::string_view("ab\0", 3)));
}

TEST(Auth, BearerToken) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer  abc "), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer "), "");
  EXPECT_EQ(BearerToken(""), "");
}

TEST(Query, ParsesAndDecodesInOrder) {
  using Params = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ParseQuery("a=PRK&b=RUS"), (Params{{"a", "PRK"}, {"b", "RUS"}}));
  EXPECT_EQ(ParseQuery("text=a%3Db=c&x&&y=%2e%2E+z%"),
            (Params{{"text", "a=b=c"}, {"x", ""}, {"y", ".. z%"}}));
  EXPECT_EQ(ParseQuery(""), Params{});
  EXPECT_EQ(ParseQuery("triad=A,B,C&triad=D,E,F"), (Params{{"triad", "A,B,C"}, {"triad", "D,E,F"}}));
}

TEST(LruCache, EvictsTheLeastRecentlyUsedByEntriesAndBytes) {
  LruCache cache(2, 1 << 20);
  auto value = [](std::string body) {
    return std::make_shared<CachedResponse>(CachedResponse{"t", std::move(body)});
  };
  cache.Insert("a", value("1"));
  cache.Insert("b", value("2"));
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now the most recent
  cache.Insert("c", value("3"));
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_EQ(cache.Find("a")->body, "1");
  EXPECT_EQ(cache.Find("c")->body, "3");
  EXPECT_EQ(cache.entries(), 2u);
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);

  LruCache small(100, 300);
  small.Insert("x", value(std::string(100, 'x')));
  small.Insert("y", value(std::string(100, 'y')));  // 2 x ~165 bytes > 300: x goes
  EXPECT_EQ(small.Find("x"), nullptr);
  EXPECT_NE(small.Find("y"), nullptr);
  small.Insert("z", value(std::string(1000, 'z')));  // larger than the whole cache: not kept
  EXPECT_EQ(small.Find("z"), nullptr);
  EXPECT_LE(small.bytes(), 300u);
}

TEST(StaticFiles, ResolvesInsideTheRootOnly) {
  World& w = World::Get();
  const std::string root = (w.dir / "static").string();
  EXPECT_TRUE(ResolveStaticPath(root, "/").has_value());
  EXPECT_TRUE(ResolveStaticPath(root, "/js/app.js").has_value());
  for (const char* bad :
       {"/../secret.txt", "/js/../../secret.txt", "/./index.html", "/js//app.js", "/.hidden",
        "/%2e%2e/secret.txt", "/..\\secret.txt", "/missing.html", "index.html", "/js"}) {
    EXPECT_FALSE(ResolveStaticPath(root, bad).has_value()) << bad;
  }
  // A symbolic link that leads out of the root is not followed.
  fs::create_symlink(w.dir / "secret.txt", w.dir / "static" / "link.txt");
  EXPECT_FALSE(ResolveStaticPath(root, "/link.txt").has_value());
  fs::remove(w.dir / "static" / "link.txt");
}

TEST(Server, BindsLoopbackUnlessToldOtherwise) {
  EXPECT_EQ(ServerOptions{}.bind, "127.0.0.1");
  EXPECT_EQ(ServerOptions{}.cors_origin, "");
  EXPECT_EQ(ServerOptions{}.max_body, size_t{8} << 20);
}

TEST(Server, ASecondServerCannotTakeThePort) {
  World& w = World::Get();
  ServerOptions options;
  options.port = w.http->port();
  HttpServer second(*w.api, options);
  EXPECT_FALSE(second.Start().ok()) << "port " << options.port << " bound twice (SO_REUSEPORT?)";
}

TEST(Server, Healthz) {
  httplib::Result res = Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  EXPECT_TRUE(root["ok"].get_bool().value());
  EXPECT_EQ(std::string_view(root["backend"].get_string().value()), "sqlite");
  EXPECT_GT(root["events"].get_int64().value(), 10);
}

TEST(Server, OpenApiDescribesEveryRoute) {
  httplib::Result res = Client().Get("/api/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  EXPECT_EQ(std::string_view(root["openapi"].get_string().value()).substr(0, 2), "3.");
  simdjson::dom::object paths = root["paths"].get_object().value();
  size_t described = 0;
  for (const Route& route : Api::Routes()) {
    std::string method(route.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    simdjson::dom::element operation;
    EXPECT_EQ(paths[route.path][method].get(operation), simdjson::SUCCESS)
        << route.method << " " << route.path;
    ++described;
  }
  EXPECT_EQ(paths.size(), described);  // and nothing that is not a route
}

TEST(Server, EventsPageWithACursor) {
  httplib::Client client = Client();
  httplib::Result all = client.Get("/api/events?limit=1000");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, all->body);
  std::vector<int64_t> expected;
  for (simdjson::dom::element e : root["events"].get_array()) expected.push_back(e["id"].get_int64().value());
  ASSERT_GT(expected.size(), 10u);
  EXPECT_TRUE(root["next"].is_null());

  std::vector<int64_t> paged;
  std::string path = "/api/events?limit=7";
  for (int page = 0; page < 1000; ++page) {
    httplib::Result res = client.Get(path);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    simdjson::dom::parser page_parser;
    simdjson::dom::element doc = ParseJson(page_parser, res->body);
    for (simdjson::dom::element e : doc["events"].get_array()) paged.push_back(e["id"].get_int64().value());
    if (doc["next"].is_null()) break;
    path = "/api/events?limit=7&after=" + std::to_string(doc["next"].get_int64().value());
  }
  EXPECT_EQ(paged, expected);
}

TEST(Server, EventsFilter) {
  httplib::Client client = Client();
  httplib::Result res = client.Get("/api/events?dyad=PRK,USA&from=2025-01-01&to=2026-12-31&code=1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  for (simdjson::dom::element e : root["events"].get_array()) {
    std::string_view source = e["source"].get_string().value(), target = e["target"].get_string().value();
    EXPECT_TRUE((source.substr(0, 3) == "PRK" && target.substr(0, 3) == "USA") ||
                (source.substr(0, 3) == "USA" && target.substr(0, 3) == "PRK"))
        << source << " " << target;
    EXPECT_EQ(std::string_view(e["code"].get_string().value()).substr(0, 1), "1");
  }
}

TEST(Server, ActiveDyadsRankTheStoresLastDays) {
  httplib::Client client = Client();
  httplib::Result res = client.Get("/api/dyads?limit=5");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(World::Get().db);
  ASSERT_TRUE(store.ok());
  Result<std::optional<Date>> stored = analytics::LastStoredDay(**store);
  ASSERT_TRUE(stored.ok() && *stored);
  const Date last = **stored;
  EXPECT_EQ(std::string_view(root["to"].get_string().value()), last.ToString());
  EXPECT_EQ(std::string_view(root["from"].get_string().value()), last.AddDays(-89).ToString());
  simdjson::dom::array dyads = root["dyads"].get_array();
  ASSERT_GT(dyads.size(), 0u);
  EXPECT_LE(dyads.size(), 5u);
  int64_t previous = INT64_MAX;
  for (simdjson::dom::element d : dyads) {
    const std::string a(d["a"].get_string().value()), b(d["b"].get_string().value());
    EXPECT_LT(a, b);
    const int64_t events = d["events"].get_int64().value();
    int64_t sum = 0;
    for (simdjson::dom::element n : d["quad"].get_array()) sum += n.get_int64().value();
    EXPECT_EQ(events, sum);
    EXPECT_LE(events, previous);
    previous = events;
    // The slow way: the dyad's own series over the same days counts the same events.
    httplib::Result series = client.Get(fmt::format("/api/series?a={}&b={}&by=day&from={}&to={}", a, b,
                                                    last.AddDays(-89).ToString(), last.ToString()));
    ASSERT_TRUE(series);
    simdjson::dom::parser series_parser;
    EXPECT_EQ(ParseJson(series_parser, series->body)["total_events"].get_int64().value(), events)
        << a << "-" << b;
  }
  // A window given: 30 days to 2026-06-30.
  res = client.Get("/api/dyads?to=2026-06-30&days=30");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  root = ParseJson(parser, res->body);
  EXPECT_EQ(std::string_view(root["from"].get_string().value()), "2026-06-01");
  ExpectStatus(client, {"/api/dyads?days=0", "/api/dyads?to=June", "/api/dyads?limit=x", "/api/dyads?top=3"},
               400);
}

TEST(Server, MentionsQuoteTheEvidenceInItsSentence) {
  httplib::Client client = Client();
  httplib::Result res = client.Get("/api/events?dyad=PRK,RUS&limit=20");
  ASSERT_TRUE(res);
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(World::Get().db);
  ASSERT_TRUE(store.ok());
  int checked = 0;
  for (simdjson::dom::element e : root["events"].get_array()) {
    const int64_t id = e["id"].get_int64().value();
    httplib::Result got = client.Get("/api/mentions?event=" + std::to_string(id));
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    simdjson::dom::parser mention_parser;
    simdjson::dom::element doc = ParseJson(mention_parser, got->body);
    EXPECT_EQ(doc["event"].get_int64().value(), id);
    simdjson::dom::array mentions = doc["mentions"].get_array();
    EXPECT_GT(mentions.size(), 0u) << id;
    for (simdjson::dom::element m : mentions) {
      const std::string_view sentence = m["text"].get_string().value();
      const uint64_t start = m["evidence"]["start"].get_uint64().value();
      const uint64_t end = m["evidence"]["end"].get_uint64().value();
      ASSERT_LT(start, end);
      ASSERT_LE(end, sentence.size());
      // The sentence is the article's, and the evidence is what the store recorded for the mention.
      Result<std::optional<store::ArticleRecord>> article =
          (**store).FindArticle(m["article_id"].get_int64().value());
      ASSERT_TRUE(article.ok() && *article);
      const size_t at = (*article)->text.find(sentence);
      ASSERT_NE(at, std::string::npos) << sentence;
      bool recorded = false;
      store::MentionFilter filter;
      filter.event_id = id;
      ASSERT_TRUE((**store)
                      .ForEachMention(filter,
                                      [&](const store::MentionRecord& r) {
                                        recorded |= r.evidence_begin == static_cast<int>(at + start) &&
                                                    r.evidence_end == static_cast<int>(at + end);
                                        return true;
                                      })
                      .ok());
      EXPECT_TRUE(recorded) << sentence.substr(start, end - start);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
  res = client.Get("/api/mentions?event=99999999");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "{\"event\":99999999,\"mentions\":[]}");
  ExpectStatus(client,
               {"/api/mentions", "/api/mentions?event=abc", "/api/mentions?event=0", "/api/mentions?id=3"},
               400);
}

TEST(Server, BadParametersAreNamed) {
  httplib::Client client = Client();
  const std::pair<const char*, const char*> cases[] = {
      {"/api/events?limit=5000", "'limit'"},
      {"/api/events?limit=abc", "'limit'"},
      {"/api/events?from=2025-13-01", "'from'"},
      {"/api/events?actor=PRK%27%20OR%201%3D1", "'actor'"},
      {"/api/events?dyad=PRK", "'dyad'"},
      {"/api/events?origin=x", "'origin'"},
      {"/api/events?colour=red", "'colour'"},
      {"/api/series?a=PRK", "'b'"},
      {"/api/series?a=PRK&b=RUS&by=year", "'by'"},
      {"/api/series?a=PRK&b=RUS&directed=maybe", "'directed'"},
      {"/api/series?a=P-K&b=RUS", "'a'"},
      {"/api/alerts?a=PRK", "'b'"},
      {"/api/focus", "'actor'"},
      {"/api/align?triad=CHN,RUS", "'triad'"},
      {"/api/forecast?a=PRK&b=RUS&weeks=99", "'weeks'"},
      {"/api/brief?a=PRK&b=RUS&format=pdf", "'format'"},
      {"/api/brief?a=PRK&b=RUS&window=0d", "'window'"},
      {"/api/brief", "'a'"},
  };
  for (const auto& [path, parameter] : cases) {
    httplib::Result res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << " " << res->body;
    EXPECT_NE(ErrorOf(res->body).find(parameter), std::string::npos) << path << " " << res->body;
  }
}

TEST(Server, QueriesAreParameterised) {
  httplib::Client client = Client();
  // Text reaches the full-text engine as a bound value: at worst a bad query (400), never SQL.
  httplib::Result res = client.Get("/api/events?text=%27%29%3B%20DROP%20TABLE%20events%3B%20--");
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 200 || res->status == 400) << res->status;
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health);
  simdjson::dom::parser parser;
  EXPECT_GT(ParseJson(parser, health->body)["events"].get_int64().value(), 10);
  httplib::Result events = client.Get("/api/events?limit=1");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->status, 200);
}

TEST(Server, SeriesIsTheCliDocumentAndIsCached) {
  World& w = World::Get();
  httplib::Client client = Client();
  const std::string path = "/api/series?a=PRK&b=USA&by=month";
  httplib::Result first = client.Get(path);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;

  // The same bytes as `dyad trend PRK USA --by month --format json`.
  Result<std::unique_ptr<store::EventStore>> store = store::EventStore::Open(w.db);
  ASSERT_TRUE(store.ok());
  analytics::SeriesOptions options;
  options.by = analytics::Period::kMonth;
  auto no_groups = [](std::string_view, Date) -> std::optional<std::vector<std::string>> {
    return std::nullopt;
  };
  Result<analytics::ActorSpec> a = analytics::ParseActorSpec("PRK", no_groups, Date::FromDays(0));
  Result<analytics::ActorSpec> b = analytics::ParseActorSpec("USA", no_groups, Date::FromDays(0));
  ASSERT_TRUE(a.ok() && b.ok());
  Result<analytics::DyadSeries> series = analytics::BuildSeries(**store, *a, *b, options);
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(first->body, analytics::SeriesJson(*series));

  const uint64_t hits = w.api->cache().hits();
  httplib::Result second = client.Get("/api/series?by=month&b=USA&a=PRK");  // the same query, reordered
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(w.api->cache().hits(), hits + 1);
  httplib::Result metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("dyad_cache_hits_total "), std::string::npos);
  EXPECT_EQ(metrics->body.find("dyad_cache_hits_total 0\n"), std::string::npos) << metrics->body;
}

TEST(Server, EveryAnalysisAnswersJson) {
  httplib::Client client = Client();
  for (const char* path :
       {"/api/alerts?since=2025-01-01&min_events=1", "/api/alerts?a=PRK&b=USA&since=2025-01-01",
        "/api/focus?actor=PRK&windows=4&window_weeks=13",
        "/api/align?actors=CHN,PRK,RUS,USA,KOR&triad=CHN,PRK,RUS", "/api/align?top=5",
        "/api/forecast?a=PRK&b=USA&weeks=4", "/api/brief?a=PRK&b=USA", "/api/brief?actor=PRK&window=90d",
        "/api/brief?article=sample-0001", "/api/series?a=NATO&b=RUS&by=week"}) {
    httplib::Result res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path << " " << res->body.substr(0, 300);
    simdjson::dom::parser parser;
    simdjson::dom::element root = ParseJson(parser, res->body);
    EXPECT_TRUE(root.is_object() || root.is_array()) << path;
  }
  httplib::Result md = client.Get("/api/brief?a=PRK&b=USA&format=md");
  ASSERT_TRUE(md);
  EXPECT_EQ(md->status, 200);
  EXPECT_EQ(md->get_header_value("Content-Type").substr(0, 13), "text/markdown");
  EXPECT_NE(md->body.find("What's Happening?"), std::string::npos);
  httplib::Result html = client.Get("/api/brief?a=PRK&b=USA&format=html");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->get_header_value("Content-Type").substr(0, 9), "text/html");
  httplib::Result missing = client.Get("/api/brief?article=no-such-article");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404) << missing->body;
}

TEST(Server, CodeReturnsEventsWithoutStoring) {
  World& w = World::Get();
  httplib::Client client = Client();
  httplib::Result before = client.Get("/healthz");
  ASSERT_TRUE(before);
  const std::string body =
      R"({"text": "North Korea fired a ballistic missile on Monday. Russia condemned the United States.", "date": "2026-03-02"})";
  httplib::Result res = client.Post("/api/code", body, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, res->body);
  EXPECT_EQ(root["articles"].get_int64().value(), 1);
  simdjson::dom::array events = root["events"].get_array().value();
  ASSERT_GT(events.size(), 0u) << res->body;
  for (simdjson::dom::element e : events) EXPECT_EQ(e["code"].error(), simdjson::SUCCESS);
  // curl -d sends form-encoded content: the body is still the body, not parameters.
  httplib::Result form = client.Post("/api/code", body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200) << form->body;
  // JSON Lines articles work too.
  Result<std::string> samples = ReadFile(DYAD_SOURCE_DIR "/data/samples/articles.jsonl");
  ASSERT_TRUE(samples.ok());
  const std::string two = samples->substr(0, samples->find('\n', samples->find('\n') + 1) + 1);
  httplib::Result lines = client.Post("/api/code", two, "application/x-ndjson");
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->status, 200) << lines->body;
  simdjson::dom::parser lines_parser;
  EXPECT_EQ(ParseJson(lines_parser, lines->body)["articles"].get_int64().value(), 2);
  // Nothing was stored.
  httplib::Result after = client.Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body, before->body);
  (void)w;
  for (const char* bad :
       {"", "{\"date\": \"2026-01-01\"}", "{\"text\": \"x\", \"date\": \"yesterday\"}", "[1,2]"}) {
    httplib::Result r = client.Post("/api/code", bad, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad << " " << r->body;
  }
}

TEST(Server, IngestNeedsTheToken) {
  World& w = World::Get();
  httplib::Client client = Client();
  const std::string body =
      "{\"id\": \"api-1\", \"date\": \"2026-11-25\", \"title\": \"t\", \"text\": \"North Korea fired a "
      "ballistic "
      "missile into the sea on Wednesday, South Korea said. Japan condemned North Korea.\"}\n"
      "not json\n";
  httplib::Result none = client.Post("/api/ingest", body, "application/x-ndjson");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate").substr(0, 6), "Bearer");
  httplib::Headers wrong = {{"Authorization", "Bearer test-token-0123456789abcdeX"}};
  httplib::Result bad = client.Post("/api/ingest", wrong, body, "application/x-ndjson");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  httplib::Headers basic = {{"Authorization", std::string("Basic ") + kToken}};
  httplib::Result other_scheme = client.Post("/api/ingest", basic, body, "application/x-ndjson");
  ASSERT_TRUE(other_scheme);
  EXPECT_EQ(other_scheme->status, 401);

  const int64_t version = w.api->state_version();
  httplib::Result before = client.Get("/api/series?a=PRK&b=JPN");
  ASSERT_TRUE(before);
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  httplib::Result ok = client.Post("/api/ingest", right, body, "application/x-ndjson");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  simdjson::dom::parser parser;
  simdjson::dom::element root = ParseJson(parser, ok->body);
  EXPECT_EQ(root["added_articles"].get_int64().value(), 1);
  EXPECT_EQ(root["bad_records"].get_int64().value(), 1);
  EXPECT_EQ(root["errors"].get_array().size(), 1u);
  EXPECT_GT(w.api->state_version(), version);  // the cache's key moved with the commit
  httplib::Result after = client.Get("/api/series?a=PRK&b=JPN");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body, before->body);
  // Again: idempotent.
  httplib::Result again = client.Post("/api/ingest", right, body, "application/x-ndjson");
  ASSERT_TRUE(again);
  simdjson::dom::parser again_parser;
  EXPECT_EQ(ParseJson(again_parser, again->body)["skipped_articles"].get_int64().value(), 1);
}

TEST(Server, WritesAreRefusedWithoutATokenFile) {
  World& w = World::Get();
  ApiOptions options;
  options.store_location = w.db;
  Result<std::unique_ptr<Api>> api = Api::Create(options, w.resources);
  ASSERT_TRUE(api.ok());
  ServerOptions server_options;
  server_options.port = 0;
  HttpServer http(**api, server_options);
  ASSERT_TRUE(http.Start().ok());
  httplib::Client client = Client(http.port());
  httplib::Headers headers = {{"Authorization", "Bearer "}};
  httplib::Result res = client.Post("/api/ingest", headers, "{}", "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(ErrorOf(res->body).find("--token-file"), std::string::npos);
  // And no CORS headers by default.
  httplib::Headers origin = {{"Origin", "http://example.org"}};
  httplib::Result get = client.Get("/healthz", origin);
  ASSERT_TRUE(get);
  EXPECT_FALSE(get->has_header("Access-Control-Allow-Origin"));
  httplib::Result preflight = client.Options("/api/series");
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 405);
}

TEST(Server, CorsOnlyWhenAnOriginIsGiven) {
  World& w = World::Get();
  EXPECT_FALSE(Client().Get("/healthz")->has_header("Access-Control-Allow-Origin"));
  ServerOptions server_options;
  server_options.port = 0;
  server_options.cors_origin = "https://dash.example.org";
  HttpServer http(*w.api, server_options);
  ASSERT_TRUE(http.Start().ok());
  httplib::Client client = Client(http.port());
  httplib::Result get = client.Get("/healthz");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->get_header_value("Access-Control-Allow-Origin"), "https://dash.example.org");
  httplib::Result error = client.Get("/nowhere");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->get_header_value("Access-Control-Allow-Origin"), "https://dash.example.org");
  httplib::Result preflight = client.Options("/api/ingest");
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Authorization"),
            std::string::npos);
}

TEST(Server, UnknownRoutesAndMethods) {
  httplib::Client client = Client();
  httplib::Result missing = client.Get("/api/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(ErrorOf(missing->body).find("/api/nothing"), std::string::npos);
  httplib::Result post_to_get = client.Post("/api/series", "{}", "application/json");
  ASSERT_TRUE(post_to_get);
  EXPECT_EQ(post_to_get->status, 405);
  EXPECT_EQ(post_to_get->get_header_value("Allow"), "GET");
  httplib::Result get_to_post = client.Get("/api/code");
  ASSERT_TRUE(get_to_post);
  EXPECT_EQ(get_to_post->status, 405);
  httplib::Result del = client.Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

TEST(Server, LimitsBodiesHeadersAndUris) {
  World& w = World::Get();
  const int port = w.http->port();
  httplib::Client client = Client();
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  httplib::Result big = client.Post("/api/ingest", auth, std::string(100 << 10, ' '), "application/x-ndjson");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_FALSE(ErrorOf(big->body).empty());
  // A declared length over the limit is refused before the body is read.
  std::string raw = Raw(port, "POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n{");
  EXPECT_EQ(StatusOf(raw), 413) << raw;
  // Too many headers together.
  std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i)
    many += "X-Filler-" + std::to_string(i) + ": " + std::string(100, 'a') + "\r\n";
  raw = Raw(port, many + "Connection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 431) << raw.substr(0, 200);
  // One header line over cpp-httplib's 8 KiB line limit.
  raw = Raw(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(10000, 'a') +
                      "\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(StatusOf(raw) == 400 || StatusOf(raw) == 431) << raw.substr(0, 200);
  // A request line over 8 KiB.
  raw = Raw(port, "GET /api/events?text=" + std::string(10000, 'a') +
                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 414) << raw.substr(0, 200);
}

TEST(Server, IdleConnectionsTimeOut) {
  // Half a request, then silence: the server (read timeout 1 s here) closes the connection.
  const auto start = std::chrono::steady_clock::now();
  std::string raw = Raw(World::Get().http->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 10000);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 8);
  EXPECT_EQ(raw.find("200 OK"), std::string::npos);
}

TEST(Server, StaticFilesCannotEscapeTheirDirectory) {
  const int port = World::Get().http->port();
  const std::string index = Raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(index), 200);
  // The dashboard may run only its own scripts and call only this server.
  EXPECT_NE(index.find("Content-Security-Policy: default-src 'self'; script-src 'self';"), std::string::npos)
      << index;
  EXPECT_NE(index.find("X-Content-Type-Options: nosniff"), std::string::npos);
  std::string js = Raw(port, "GET /js/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(js), 200);
  EXPECT_NE(js.find("text/javascript"), std::string::npos);
  for (const char* path :
       {"/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/js/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt",
        "/..%5csecret.txt", "/static/../../secret.txt"}) {
    std::string raw =
        Raw(port, std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = StatusOf(raw);
    EXPECT_TRUE(status == 404 || status == 400) << path << ": " << raw.substr(0, 100);
    EXPECT_EQ(raw.find("secret\r\n"), std::string::npos);
    EXPECT_EQ(raw.size() >= 6 && raw.compare(raw.size() - 6, 6, "secret") == 0, false) << path;
  }
}

TEST(Server, ServesManyThreadsAtOnce) {
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client = Client();
      for (int i = 0; i < 40; ++i) {
        const std::string path =
            i % 4 == 0   ? "/healthz"
            : i % 4 == 1 ? "/api/events?limit=20&actor=PRK"
            : i % 4 == 2 ? "/api/series?a=PRK&b=KOR&by=week"
                         : "/api/series?a=CHN&b=PRK&from=2025-0" + std::to_string(1 + t % 9) + "-01";
        httplib::Result res = client.Get(path);
        (res && res->status == 200 ? ok : failed)++;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 240);
}

TEST(Server, MetricsCountRequestsByEndpointAndStatus) {
  World& w = World::Get();
  httplib::Client client = Client();
  ASSERT_TRUE(client.Get("/healthz"));
  ASSERT_TRUE(client.Get("/api/nothing"));
  // A request is counted by the logger after its response is sent, so a /metrics that overtakes it on another
  // connection (a loaded machine) may not count it yet: ask again until it does.
  auto both_counted = [](const httplib::Result& r) {
    return !r || (r->body.find("endpoint=\"/healthz\",status=\"200\"") != std::string::npos &&
                  r->body.find("endpoint=\"other\",status=\"404\"") != std::string::npos);
  };
  httplib::Result res = client.Get("/metrics");
  for (int attempt = 0; attempt < 50 && !both_counted(res); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = client.Get("/metrics");
  }
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").substr(0, 10), "text/plain");
  const std::string& m = res->body;
  for (const char* needle :
       {"# TYPE dyad_http_requests_total counter",
        "dyad_http_requests_total{endpoint=\"/healthz\",status=\"200\"}",
        "dyad_http_requests_total{endpoint=\"other\",status=\"404\"}",
        "# TYPE dyad_http_request_duration_seconds histogram",
        "dyad_http_request_duration_seconds_bucket{endpoint=\"/healthz\",le=\"+Inf\"}", "dyad_store_events ",
        "process_resident_memory_bytes ", "dyad_cache_misses_total "}) {
    EXPECT_NE(m.find(needle), std::string::npos) << needle;
  }
  EXPECT_GT(w.api->metrics().requests(Api::RouteIndex("GET", "/healthz"), 200), 0u);
}

}  // namespace
}  // namespace dyad::server
