// dyad export: stored events out as GDELT 2.0 rows, ICEWS rows, CSV or JSON Lines, filtered like `dyad
// events`.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <tuple>

#include "dyad/cli/common.h"
#include "dyad/interop/record_writer.h"

namespace dyad::cli {
namespace {

struct ExportCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;  // --data-dir: ICEWS country names, sectors and event texts
  std::string format = "jsonl";
  std::string output = "-";
  std::string from, to;
  store::EventFilter filter;
};

int RunExport(ExportCommandOptions& options) {
  interop::ExportFormat format;
  if (!interop::ParseExportFormat(options.format, format)) {
    fmt::print(stderr, "dyad export: unknown --format '{}' (gdelt, icews, csv or jsonl)\n", options.format);
    return 2;
  }
  for (auto [flag, text, date] : {std::tuple("--from", &options.from, &options.filter.from),
                                  std::tuple("--to", &options.to, &options.filter.to)}) {
    if (text->empty()) continue;
    Result<Date> parsed = Date::Parse(*text);
    if (!parsed.ok()) {
      fmt::print(stderr, "dyad export: {}: {}\n", flag, parsed.status().message());
      return 2;
    }
    *date = *parsed;
  }
  std::optional<interop::IcewsCodebook> codebook;
  if (interop::NeedsIcewsCodebook(format)) {
    Result<interop::IcewsCodebook> loaded = interop::IcewsCodebook::Load(options.dict.Options().data_dir);
    if (!loaded.ok()) {
      fmt::print(stderr, "dyad export: {}\n", loaded.status().ToString());
      return 1;
    }
    codebook = *std::move(loaded);
  }
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(options.store);
  if (!store) return 1;
  FILE* out = stdout;
  if (options.output != "-") {
    out = std::fopen(options.output.c_str(), "wb");
    if (out == nullptr) {
      fmt::print(stderr, "dyad export: cannot write {}: {}\n", options.output, std::strerror(errno));
      return 1;
    }
  }
  std::string buffer = interop::ExportHeader(format);
  int64_t events = 0;
  const interop::IcewsCodebook* book = codebook ? &*codebook : nullptr;
  Status status = store->ForEachEvent(options.filter, [&](const store::EventRecord& event) {
    interop::AppendExportRecord(event, format, book, buffer);
    ++events;
    if (buffer.size() >= (1 << 16)) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
    return std::ferror(out) == 0;
  });
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  const bool write_failed = std::fflush(out) != 0 || std::ferror(out) != 0;
  if (out != stdout) std::fclose(out);
  if (!status.ok()) {
    fmt::print(stderr, "dyad export: {}\n", status.ToString());
    return 1;
  }
  if (write_failed) {
    fmt::print(stderr, "dyad export: cannot write {}\n",
               options.output == "-" ? "standard output" : options.output);
    return 1;
  }
  fmt::print(stderr, "dyad export: {} events\n", events);
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExportCommandOptions>();
  store::EventFilter& f = options->filter;
  CLI::App* cmd =
      app.add_subcommand("export", "Write stored events as GDELT 2.0 rows, ICEWS rows, CSV or JSON Lines");
  cmd->add_option("--format", options->format, "gdelt, icews, csv or jsonl (default)");
  cmd->add_option("-o,--output", options->output, "Write here instead of standard output");
  cmd->add_option("--actor", f.actor, "An actor code or prefix on either side (PRK matches PRKGOV)");
  cmd->add_option("--source", f.source, "Source actor code or prefix");
  cmd->add_option("--target", f.target, "Target actor code or prefix");
  cmd->add_flag("--either-direction", f.either_direction, "With --source and --target: both directions");
  cmd->add_option("--code", f.code, "CAMEO code or prefix (19 is a root, 0311 a code)");
  cmd->add_option("--from", options->from, "First date, YYYY-MM-DD");
  cmd->add_option("--to", options->to, "Last date, YYYY-MM-DD");
  cmd->add_option("--text", f.text, "Only events reported by articles matching this full-text query");
  cmd->add_option("--origin", f.origin, "dyad, gdelt or icews");
  cmd->add_option("--limit", f.limit, "At most this many events (0: all)");
  options->store.Register(*cmd);
  options->dict.Register(*cmd);
  cmd->remove_option(cmd->get_option("--dict-dir"));  // only --data-dir matters here
  cmd->callback([options, &exit_code] { exit_code = RunExport(*options); });
}

}  // namespace dyad::cli
