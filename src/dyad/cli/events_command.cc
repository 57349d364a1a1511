// dyad events: stored events, filtered by actor, dyad, code or root, dates and article text; a table for people,
// JSON Lines or CSV for programs (the same records `dyad export` writes).
#include <fmt/format.h>

#include <cstdio>

#include "dyad/cli/common.h"
#include "dyad/cli/event_filter_flags.h"
#include "dyad/dict/cameo.h"
#include "dyad/interop/record_writer.h"

namespace dyad::cli {
namespace {

struct EventsCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;  // --data-dir: the CAMEO table, for event names in the table
  EventFilterFlags filter;
  std::string format = "table";
};

void AppendTableRow(const store::EventRecord& e, const dict::CameoTable& cameo, std::string& out) {
  const dict::CameoCode* code = cameo.Find(e.code);
  std::string name = code != nullptr ? code->name : "";
  if (name.size() > 34) name = name.substr(0, 33) + "~";
  fmt::format_to(std::back_inserter(out), "{:>7}  {}  {:<9} {:<9} {:<5} {:<34} {:>5.1f} {:>4} {:>4} {:>4}  {}\n",
                 e.id, e.date.ToString(), e.source.empty() ? "-" : e.source, e.target.empty() ? "-" : e.target,
                 e.code, name, e.goldstein, e.num_mentions, e.num_sources, e.num_articles,
                 e.location.known() ? e.location.name : "");
}

int RunEvents(EventsCommandOptions& options) {
  const bool table = options.format == "table";
  interop::ExportFormat format = interop::ExportFormat::kJsonl;
  if (!table && (!interop::ParseExportFormat(options.format, format) || interop::NeedsIcewsCodebook(format))) {
    fmt::print(stderr, "dyad events: unknown --format '{}' (table, jsonl or csv; see dyad export for more)\n",
               options.format);
    return 2;
  }
  if (!options.filter.Resolve("events")) return 2;
  Result<dict::CameoTable> cameo = dict::CameoTable::Load(options.dict.Options().data_dir + "/cameo/codes.tsv");
  if (!cameo.ok()) {
    fmt::print(stderr, "dyad events: {}\n", cameo.status().ToString());
    return 1;
  }
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(options.store);
  if (!store) return 1;
  std::string out = table ? fmt::format("{:>7}  {:<10}  {:<9} {:<9} {:<5} {:<34} {:>5} {:>4} {:>4} {:>4}  {}\n", "id",
                                        "date", "source", "target", "code", "event", "gold", "ment", "src", "art",
                                        "location")
                          : interop::ExportHeader(format);
  int64_t count = 0;
  Status status = store->ForEachEvent(options.filter.filter, [&](const store::EventRecord& e) {
    if (table) {
      AppendTableRow(e, *cameo, out);
    } else {
      interop::AppendExportRecord(e, format, nullptr, out);
    }
    ++count;
    if (out.size() >= (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
    return std::ferror(stdout) == 0;
  });
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (!status.ok()) {
    fmt::print(stderr, "dyad events: {}\n", status.ToString());
    return 1;
  }
  if (table) fmt::print(stderr, "{} events\n", count);
  return 0;
}

}  // namespace

void AddEventsCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EventsCommandOptions>();
  CLI::App* cmd = app.add_subcommand("events", "List stored events, filtered by actor, dyad, code, dates or text");
  cmd->add_option("--format", options->format, "table (default), jsonl or csv");
  options->filter.Register(*cmd);
  options->store.Register(*cmd);
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunEvents(*options); });
}

}  // namespace dyad::cli
