// Fuzzes the HTTP API behind the socket: any query string, path and body must give a response with a valid
// status, never a crash. The first byte picks a route (or a random path), the bytes up to the first newline
// are the query string, the rest is the body. The store is a small one seeded from the sample news.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dyad/base/files.h"
#include "dyad/brief/names.h"
#include "dyad/dict/testing.h"
#include "dyad/knowledge/knowledge_base.h"
#include "dyad/pipeline/ingester.h"
#include "dyad/server/api.h"
#include "dyad/store/event_store.h"

namespace {

using namespace dyad;

template <typename T>
T OrDie(Result<T> result) {
  if (!result.ok()) {
    std::fprintf(stderr, "api_fuzzer setup: %s\n", result.status().ToString().c_str());
    std::abort();
  }
  return std::move(*result);
}

constexpr const char* kToken = "fuzz-token-0123456789abcdef";

struct World {
  std::optional<knowledge::KnowledgeBase> kb;
  std::optional<brief::ActorNames> names;
  std::optional<brief::EventPhrases> phrases;
  server::ApiResources resources;
  std::unique_ptr<server::Api> api;

  World() {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("dyad_api_fuzzer_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "static");
    const std::string db = (dir / "dyad.db").string();
    {
      std::unique_ptr<store::EventStore> store = OrDie(store::EventStore::Open(db));
      pipeline::Ingester ingester(dict::BuiltinDictionaryForTests(), *store, pipeline::IngestOptions{});
      if (!ingester.IngestFile(DYAD_SOURCE_DIR "/data/samples/articles.jsonl").ok() ||
          !ingester.Flush().ok()) {
        std::abort();
      }
    }
    const std::string data = DYAD_SOURCE_DIR "/data";
    kb = OrDie(knowledge::KnowledgeBase::Load(knowledge::LoadOptions{data, ""}));
    names = OrDie(brief::ActorNames::Load(data));
    phrases = OrDie(brief::EventPhrases::Load(data + "/brief/phrases.txt"));
    resources = server::ApiResources{&dict::BuiltinDictionaryForTests(), &*kb, &*names, &*phrases,
                                     OrDie(ReadFile(data + "/server/openapi.json"))};
    server::ApiOptions options;
    options.store_location = db;
    options.token = kToken;
    options.static_dir = (dir / "static").string();
    options.cache_entries = 64;  // keep the cache from growing with the corpus
    api = OrDie(server::Api::Create(options, resources));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = new World();
  if (size == 0) return 0;
  const std::vector<server::Route>& routes = server::Api::Routes();
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t newline = input.find('\n');
  std::string_view query = input.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  server::ApiRequest request;
  const size_t pick = data[0] % (routes.size() + 1);
  if (pick < routes.size()) {
    request.method = std::string(routes[pick].method);
    request.path = std::string(routes[pick].path);
  } else {  // a path of the input's own: static files and the router's 404s
    request.method = "GET";
    request.path = std::string(query.substr(0, query.find('?')));
  }
  request.params = server::ParseQuery(query);
  request.body = body;
  // Writes are fuzzed behind a valid token only every other time, so that the token check is fuzzed too.
  if (data[0] & 0x80) request.authorization = std::string("Bearer ") + kToken;
  server::ApiResponse response = world->api->Handle(request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  return 0;
}
