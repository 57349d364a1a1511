// dyad brief: an analyst's note on a dyad (A B), an actor (--actor), or an article (--article), in four
// sections with every sentence cited (docs/briefs.md). Markdown by default; HTML or JSON with --format.
#include <fmt/format.h>

#include "dyad/analytics/actor_spec.h"
#include "dyad/base/files.h"
#include "dyad/brief/brief.h"
#include "dyad/cli/common.h"
#include "dyad/knowledge/knowledge_base.h"

namespace dyad::cli {
namespace {

struct BriefCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;  // --data-dir: the dictionaries (for names) and the knowledge base
  std::vector<std::string> dyad;
  std::string actor, article, as_of, window = "30d", format = "md", kb_dir;
};

int RunBrief(BriefCommandOptions& o) {
  const int kinds = (o.dyad.empty() ? 0 : 1) + (o.actor.empty() ? 0 : 1) + (o.article.empty() ? 0 : 1);
  if (kinds != 1) {
    fmt::print(stderr, "dyad brief: give two actors (dyad brief PRK RUS), or --actor PRK, or --article ID\n");
    return 2;
  }
  brief::BriefRequest request;
  Result<int> window = brief::ParseWindowDays(o.window);
  if (!window.ok()) {
    fmt::print(stderr, "dyad brief: --window {}\n", window.status().message());
    return 2;
  }
  request.window_days = *window;
  if (!o.as_of.empty()) {
    Result<Date> d = Date::Parse(o.as_of);
    if (!d.ok()) {
      fmt::print(stderr, "dyad brief: --as-of '{}' is not a date (YYYY-MM-DD)\n", o.as_of);
      return 2;
    }
    request.as_of = *d;
  }
  const std::string data_dir = o.dict.Options().data_dir;
  Result<knowledge::KnowledgeBase> kb =
      knowledge::KnowledgeBase::Load(knowledge::LoadOptions{data_dir, o.kb_dir});
  if (!kb.ok()) {
    fmt::print(stderr, "dyad brief: the knowledge base: {}\n", kb.status().ToString());
    return 1;
  }
  for (const std::string& error : kb->errors()) fmt::print(stderr, "dyad brief: knowledge base: {}\n", error);
  auto groups = [&](std::string_view name, Date as_of) -> std::optional<std::vector<std::string>> {
    if (!kb->IsGroup(name)) return std::nullopt;
    return kb->MembersOf(name, as_of);
  };
  const Date groups_on =
      request.as_of.value_or(Date::FromDays(static_cast<int32_t>(std::time(nullptr) / 86400)));
  auto spec = [&](const std::string& text, analytics::ActorSpec& out) {
    Result<analytics::ActorSpec> s = analytics::ParseActorSpec(text, groups, groups_on);
    if (!s.ok()) {
      fmt::print(stderr, "dyad brief: {}\n", s.status().message());
      return false;
    }
    out = std::move(*s);
    return true;
  };
  if (!o.dyad.empty()) {
    request.kind = brief::BriefRequest::Kind::kDyad;
    if (!spec(o.dyad[0], request.a) || !spec(o.dyad[1], request.b)) return 2;
  } else if (!o.actor.empty()) {
    request.kind = brief::BriefRequest::Kind::kActor;
    if (!spec(o.actor, request.a)) return 2;
  } else {
    request.kind = brief::BriefRequest::Kind::kArticle;
    request.article = o.article;
  }
  Result<brief::ActorNames> names = brief::ActorNames::Load(data_dir);
  Result<brief::EventPhrases> phrases = brief::EventPhrases::Load(data_dir + "/brief/phrases.txt");
  if (!names.ok() || !phrases.ok()) {
    fmt::print(stderr, "dyad brief: {}\n", (!names.ok() ? names.status() : phrases.status()).ToString());
    return 1;
  }
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(o.store);
  if (!store) return 1;
  Status refreshed = store->RefreshAggregates();
  if (!refreshed.ok()) {
    fmt::print(stderr, "dyad brief: updating the aggregates: {}\n", refreshed.ToString());
    return 1;
  }
  brief::BriefContext context{*store, *kb, *names, *phrases};
  Result<brief::Brief> written = brief::WriteBrief(context, request);
  if (!written.ok()) {
    fmt::print(stderr, "dyad brief: {}\n", written.status().message());
    return 1;
  }
  if (o.format == "html") {
    fmt::print("{}", brief::RenderHtml(*written));
  } else if (o.format == "json") {
    fmt::print("{}", brief::RenderJson(*written));
  } else {
    fmt::print("{}", brief::RenderMarkdown(*written));
  }
  return 0;
}

}  // namespace

void AddBriefCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BriefCommandOptions>();
  CLI::App* c = app.add_subcommand(
      "brief",
      "An analyst's brief: What's Happening? / Why It's Important? / What's Next? / Beyond the Headlines");
  c->add_option("dyad", o->dyad, "Two actors: countries (PRK RUS), actor codes, lists or groups")
      ->expected(0, 2);
  c->add_option("--actor", o->actor, "A brief on one actor's relations");
  c->add_option("--article", o->article, "A brief on a stored article (its id or the store's number)");
  c->add_option("--as-of", o->as_of, "The brief's date (default: the store's last day)");
  c->add_option("--window", o->window, "The latest events: this many days to --as-of (30d)");
  c->add_option("--format", o->format, "md, html or json")->check(CLI::IsMember({"md", "html", "json"}));
  c->add_option("--kb-dir", o->kb_dir, "A knowledge-base overlay directory (its own index.txt)");
  o->store.Register(*c);
  o->dict.Register(*c);
  c->callback([o, &exit_code] {
    if (o->dyad.size() == 1) {
      fmt::print(stderr, "dyad brief: give two actors, or --actor for one\n");
      exit_code = 2;
      return;
    }
    exit_code = RunBrief(*o);
  });
}

}  // namespace dyad::cli
