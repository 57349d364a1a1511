// dyad serve: the HTTP JSON API over a store (docs/server.md). Loads the dictionaries, the knowledge base and
// the brief phrases once, then serves until SIGINT or SIGTERM.
#include <fmt/format.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <thread>

#include "dyad/base/files.h"
#include "dyad/brief/names.h"
#include "dyad/cli/common.h"
#include "dyad/knowledge/knowledge_base.h"
#include "dyad/server/api.h"
#include "dyad/server/server.h"

namespace dyad::cli {
namespace {

struct ServeCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;
  server::ServerOptions server;
  std::string token_file, static_dir, kb_dir;
  size_t cache_entries = 4096;
};

// The token is the file's first line without surrounding white space; an empty one is refused, since it would
// let anyone write.
Result<std::string> ReadToken(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  std::string_view token = *text;
  token = token.substr(0, token.find('\n'));
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r')) token.remove_suffix(1);
  while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
  if (token.size() < 16) return InvalidArgument(fmt::format("{}: the token must have at least 16 characters", path));
  return std::string(token);
}

int RunServe(ServeCommandOptions& o) {
  server::ApiOptions api_options;
  if (!o.token_file.empty()) {
    Result<std::string> token = ReadToken(o.token_file);
    if (!token.ok()) {
      fmt::print(stderr, "dyad serve: --token-file {}\n", token.status().message());
      return 2;
    }
    api_options.token = std::move(*token);
  }
  std::unique_ptr<dict::Dictionary> dictionary = LoadDictionaryOrReport(o.dict);
  if (!dictionary) return 1;
  const std::string data_dir = o.dict.Options().data_dir;
  Result<knowledge::KnowledgeBase> kb = knowledge::KnowledgeBase::Load(knowledge::LoadOptions{data_dir, o.kb_dir});
  if (!kb.ok()) {
    fmt::print(stderr, "dyad serve: the knowledge base: {}\n", kb.status().ToString());
    return 1;
  }
  for (const std::string& error : kb->errors()) fmt::print(stderr, "dyad serve: knowledge base: {}\n", error);
  Result<brief::ActorNames> names = brief::ActorNames::Load(data_dir);
  Result<brief::EventPhrases> phrases = brief::EventPhrases::Load(data_dir + "/brief/phrases.txt");
  Result<std::string> openapi = ReadFile(data_dir + "/server/openapi.json");
  for (const Status& status : {names.status(), phrases.status(), openapi.status()}) {
    if (!status.ok()) {
      fmt::print(stderr, "dyad serve: {}\n", status.ToString());
      return 1;
    }
  }
  server::ApiResources resources{dictionary.get(), &*kb, &*names, &*phrases, std::move(*openapi)};
  api_options.store_location = o.store.Location();
  api_options.store_options = o.store.Options();
  api_options.static_dir = o.static_dir;
#ifdef DYAD_BUILTIN_WEB_DIR
  // The dashboard the build made (web/), when --static does not name another directory.
  std::error_code no_dashboard;
  if (o.static_dir.empty() &&
      std::filesystem::is_regular_file(DYAD_BUILTIN_WEB_DIR "/index.html", no_dashboard)) {
    api_options.static_dir = DYAD_BUILTIN_WEB_DIR;
  }
#endif
  api_options.cache_entries = o.cache_entries;

  // SIGINT and SIGTERM are taken by a thread of their own (sigwait), blocked everywhere else: stopping the
  // server is not something a signal handler may do.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Result<std::unique_ptr<server::Api>> api = server::Api::Create(api_options, resources);
  if (!api.ok()) {
    fmt::print(stderr, "dyad serve: {}\n", api.status().ToString());
    return 1;
  }
  server::HttpServer http(**api, o.server);
  Status bound = http.Bind();
  if (!bound.ok()) {
    fmt::print(stderr, "dyad serve: {}\n", bound.message());
    return 1;
  }
  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    signalled = true;
    fmt::print(stderr, "dyad serve: stopping ({})\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    http.Stop();
  });
  fmt::print(stderr, "dyad serve: http://{}:{}/ (store {}, {} threads, writes {}, {})\n", o.server.bind,
             http.port(), api_options.store_location, o.server.threads,
             api_options.token.empty() ? "disabled" : "need the bearer token",
             api_options.static_dir.empty() ? "no dashboard" : "dashboard from " + api_options.static_dir);
  Status served = http.Run();
  // Run ended without a signal (it failed): wake the stopper so that it can be joined.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served.ok()) {
    fmt::print(stderr, "dyad serve: {}\n", served.message());
    return 1;
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ServeCommandOptions>();
  CLI::App* c = app.add_subcommand("serve", "Serve the store's events, analyses and briefs as an HTTP JSON API");
  c->add_option("--bind", o->server.bind, "Address to listen on (default 127.0.0.1: this machine only)");
  c->add_option("--port", o->server.port, "Port (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
  c->add_option("--token-file", o->token_file,
                "File whose first line is the bearer token POST /api/ingest needs (without it, writes get 403)");
  c->add_option("--threads", o->server.threads, "Worker threads: connections served at once (default 64)")
      ->check(CLI::Range(1, 1024));
  c->add_option("--max-body", o->server.max_body, "Largest request body in bytes (default 8 MiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  c->add_option("--cors-origin", o->server.cors_origin,
                "Send CORS headers allowing this origin (default: no CORS headers)");
  c->add_option(
      "--static", o->static_dir,
      "Serve static files (the dashboard) from this directory (default: the build's dashboard, when built)");
  c->add_option("--cache-entries", o->cache_entries, "Analyses kept in the response cache (default 4096)");
  c->add_option("--kb-dir", o->kb_dir, "A knowledge-base overlay directory (its own index.txt)");
  o->store.Register(*c);
  o->dict.Register(*c);
  c->callback([o, &exit_code] { exit_code = RunServe(*o); });
}

}  // namespace dyad::cli
