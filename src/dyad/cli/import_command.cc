// dyad import: GDELT and ICEWS event files (plain, zipped or on standard input) into the store.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "dyad/cli/common.h"
#include "dyad/interop/importer.h"

namespace dyad::cli {
namespace {

struct ImportCommandOptions {
  StoreFlags store;
  DictionaryFlags dict;  // --data-dir: where ICEWS country names and sectors are read
  std::string format;
  std::vector<std::string> inputs;
  int64_t batch = 10000;
  bool strict = false;
};

int RunImport(const ImportCommandOptions& options) {
  interop::ImportFormat format;
  if (!interop::ParseImportFormat(options.format, format)) {
    fmt::print(stderr, "dyad import: unknown format '{}' (gdelt or icews)\n", options.format);
    return 2;
  }
  std::optional<interop::IcewsCodebook> codebook;
  if (format == interop::ImportFormat::kIcews) {
    Result<interop::IcewsCodebook> loaded = interop::IcewsCodebook::Load(options.dict.Options().data_dir);
    if (!loaded.ok()) {
      fmt::print(stderr, "dyad import: {}\n", loaded.status().ToString());
      return 1;
    }
    codebook = *std::move(loaded);
  }
  std::unique_ptr<store::EventStore> store = OpenStoreOrReport(options.store);
  if (!store) return 1;

  interop::ImportOptions import_options;
  import_options.batch_rows = options.batch;
  import_options.on_bad_row = [](const Status& s) {
    fmt::print(stderr, "dyad import: {}; row skipped\n", s.message());
  };
  interop::Importer importer(*store, codebook ? &*codebook : nullptr, import_options);
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  const auto start = std::chrono::steady_clock::now();
  int failed_files = 0;
  Status began = importer.BeginLoad();  // all the files are one load (Importer::BeginLoad)
  if (!began.ok()) {
    fmt::print(stderr, "dyad import: the store failed: {}\n", began.message());
    return 1;
  }
  for (const std::string& path : inputs) {
    Status status = importer.ImportFile(path, format);
    if (status.ok()) continue;
    if (importer.store_failed()) {
      fmt::print(stderr, "dyad import: the store failed: {}\n", status.message());
      return 1;
    }
    fmt::print(stderr, "dyad import: {}; file skipped\n", status.message());
    ++failed_files;
  }
  Status flushed = importer.EndLoad();
  if (!flushed.ok()) {
    fmt::print(stderr, "dyad import: the store failed: {}\n", flushed.message());
    return 1;
  }
  // The analytics' daily aggregates take the new events now, so that the first query after a load is fast.
  const auto imported = std::chrono::steady_clock::now();
  Status refreshed = store->RefreshAggregates();
  if (!refreshed.ok()) {
    fmt::print(stderr, "dyad import: updating the aggregates: {}\n", refreshed.message());
    return 1;
  }
  const auto end = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(end - start).count();
  const interop::ImportStats& s = importer.stats();
  fmt::print(stderr,
             "dyad import: {} rows read, {} added, {} already present, {} bad rows skipped; {:.2f}s, {:.0f} "
             "rows/s (storing rows {:.2f}s, rebuilding query indexes {:.2f}s, aggregates {:.2f}s)\n",
             s.rows, s.added, s.present, s.bad, seconds, seconds > 0 ? s.rows / seconds : 0, s.store_seconds,
             s.index_seconds, std::chrono::duration<double>(end - imported).count());
  if (failed_files > 0) return 1;
  return options.strict && s.bad > 0 ? 1 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Store GDELT or ICEWS event files (tab-separated, plain or zipped); importing twice adds nothing");
  cmd->add_option("format", options->format, "gdelt (1.0 or 2.0 event files) or icews (with its header row)")
      ->required();
  cmd->add_option("inputs", options->inputs,
                  "Files (.CSV, .tsv, .tab, .txt or a .zip holding one), or - for "
                  "standard input (default)");
  cmd->add_option("--batch", options->batch, "Rows per transaction (default 10000)");
  cmd->add_flag("--strict", options->strict, "Exit non-zero when any row was bad");
  options->store.Register(*cmd);
  options->dict.Register(*cmd);
  cmd->remove_option(cmd->get_option("--dict-dir"));  // only --data-dir matters here
  cmd->callback([options, &exit_code] { exit_code = RunImport(*options); });
}

}  // namespace dyad::cli
