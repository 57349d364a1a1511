// dyad code: JSON Lines articles (or plain text with --date) in, events out.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "dyad/base/files.h"
#include "dyad/base/ordered_pipeline.h"
#include "dyad/cli/common.h"
#include "dyad/coder/coder.h"
#include "dyad/coder/event_writer.h"
#include "dyad/ingest/jsonl_reader.h"
#include "dyad/ingest/line_reader.h"

namespace dyad::cli {
namespace {

struct CodeOptions {
  DictionaryFlags dict;
  std::vector<std::string> inputs;
  std::string format = "jsonl";
  std::string date;  // plain-text mode
  std::string id;
  std::string output = "-";
  bool strict = false;
  int threads = 1;
};

class Output {
 public:
  explicit Output(FILE* file) : file_(file) {}
  std::string& buffer() { return buffer_; }
  void MaybeFlush() {
    if (buffer_.size() >= (1 << 16)) Flush();
  }
  void Flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }

 private:
  FILE* file_;
  std::string buffer_;
};

int RunCode(const CodeOptions& options) {
  coder::EventFormat format;
  if (!coder::ParseEventFormat(options.format, format)) {
    fmt::print(stderr, "dyad code: unknown --format '{}' (jsonl, tsv or csv)\n", options.format);
    return 2;
  }
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  FILE* out_file = stdout;
  if (options.output != "-") {
    out_file = std::fopen(options.output.c_str(), "wb");
    if (out_file == nullptr) {
      fmt::print(stderr, "dyad code: cannot write {}\n", options.output);
      return 1;
    }
  }
  Output out(out_file);
  out.buffer() = coder::EventHeader(format);
  coder::Coder coder(*dict);
  std::vector<coder::Event> events;
  uint64_t bad_records = 0;
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");

  auto emit = [&](const coder::Article& article) {
    events.clear();
    coder.CodeArticle(article, events);
    for (const coder::Event& e : events) coder::AppendEvent(e, format, out.buffer());
    out.MaybeFlush();
  };

  if (!options.date.empty()) {  // plain text: each input is one article
    Result<Date> date = Date::Parse(options.date);
    if (!date.ok()) {
      fmt::print(stderr, "dyad code: --date: {}\n", date.status().message());
      return 2;
    }
    for (const std::string& path : inputs) {
      coder::Article article;
      if (path == "-") {
        std::string text;
        char buf[1 << 16];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
        article.text = std::move(text);
      } else {
        Result<std::string> text = ReadFile(path);
        if (!text.ok()) {
          fmt::print(stderr, "dyad code: {}\n", text.status().message());
          ++bad_records;
          continue;
        }
        article.text = std::move(*text);
      }
      article.id = !options.id.empty() ? options.id
                   : path == "-"       ? "stdin"
                                       : std::filesystem::path(path).stem().string();
      article.date = *date;
      emit(article);
    }
  } else {
    // Batches of lines go to worker threads, each with its own Coder and parser; results come back in input
    // order, so the output is the same for any --threads.
    struct Batch {
      std::string path;
      std::vector<std::pair<int, std::string>> lines;
    };
    struct Coded {
      std::string events, errors;
      uint64_t bad = 0;
    };
    const int threads = std::max(1, options.threads);
    std::vector<std::unique_ptr<coder::Coder>> coders;
    std::vector<ingest::JsonlArticleParser> parsers(threads);
    for (int i = 0; i < threads; ++i) coders.push_back(std::make_unique<coder::Coder>(*dict));
    OrderedPipeline<Batch, Coded> pipeline(
        threads,
        [&](int worker, Batch& batch) {
          Coded coded;
          coder::Article article;
          std::vector<coder::Event> batch_events;
          for (const auto& [line_number, line] : batch.lines) {
            Status status = parsers[worker].Parse(line, fmt::format("{}:{}", batch.path, line_number), article);
            if (!status.ok()) {
              coded.errors += fmt::format("dyad code: {}; line skipped\n", status.message());
              ++coded.bad;
              continue;
            }
            batch_events.clear();
            coders[worker]->CodeArticle(article, batch_events);
            for (const coder::Event& e : batch_events) coder::AppendEvent(e, format, coded.events);
          }
          return coded;
        },
        [&](Coded& coded) {
          out.buffer() += coded.events;
          out.MaybeFlush();
          if (!coded.errors.empty()) std::fputs(coded.errors.c_str(), stderr);
          bad_records += coded.bad;
        });
    constexpr size_t kBatchLines = 64;
    for (const std::string& path : inputs) {
      Result<ingest::LineReader> reader = ingest::LineReader::Open(path);
      if (!reader.ok()) {
        pipeline.Finish();
        fmt::print(stderr, "dyad code: {}\n", reader.status().message());
        ++bad_records;
        continue;
      }
      Batch batch{reader->path(), {}};
      std::string_view line;
      while (reader->Next(line)) {
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        batch.lines.emplace_back(reader->line_number(), std::string(line));
        if (batch.lines.size() == kBatchLines) {
          pipeline.Push(std::move(batch));
          batch = Batch{reader->path(), {}};
        }
      }
      if (!batch.lines.empty()) pipeline.Push(std::move(batch));
      pipeline.Finish();
      if (!reader->status().ok()) {
        fmt::print(stderr, "dyad code: {}\n", reader->status().message());
        ++bad_records;
      }
    }
    pipeline.Finish();
    for (const auto& c : coders) {
      const coder::CoderStats& s = c->stats();
      coder.AddStats(s);
    }
  }
  out.Flush();
  if (out_file != stdout) std::fclose(out_file);
  const coder::CoderStats& stats = coder.stats();
  fmt::print(stderr, "dyad code: {} articles, {} sentences, {} events, {} bad records skipped\n", stats.articles,
             stats.sentences, stats.events, bad_records);
  return options.strict && bad_records > 0 ? 1 : 0;
}

}  // namespace

void AddCodeCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CodeOptions>();
  CLI::App* cmd = app.add_subcommand("code", "Code articles into events (JSON Lines in, events out)");
  cmd->add_option("inputs", options->inputs, "JSON Lines files of articles, or - for standard input (default)");
  cmd->add_option("--format", options->format, "Output format: jsonl (default), tsv, csv, or table (for people)");
  cmd->add_option("--date", options->date, "Inputs are plain text articles published on this date (YYYY-MM-DD)");
  cmd->add_option("--id", options->id, "Article id for plain text input (default: the file name)");
  cmd->add_option("-o,--output", options->output, "Write events here instead of standard output");
  cmd->add_flag("--strict", options->strict, "Exit non-zero when any input record was bad");
  cmd->add_option("-j,--threads", options->threads, "Worker threads (output order does not depend on it)");
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunCode(*options); });
}

}  // namespace dyad::cli
