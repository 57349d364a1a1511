#include "dyad/pipeline/ingester.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <variant>

#include "dyad/base/files.h"
#include "dyad/base/ordered_pipeline.h"
#include "dyad/base/strings.h"
#include "dyad/coder/coder.h"
#include "dyad/ingest/feed_reader.h"
#include "dyad/ingest/html_reader.h"
#include "dyad/ingest/input_format.h"
#include "dyad/ingest/jsonl_reader.h"
#include "dyad/ingest/line_reader.h"

namespace dyad::pipeline {
namespace {

// A JSON Lines record not yet parsed (parsing runs on the worker threads too).
struct RawLine {
  std::string where;  // "file.jsonl:12"
  std::string line;
};

// A unit of work: raw lines or articles already read, in input order.
struct WorkBatch {
  std::vector<std::variant<RawLine, coder::Article>> items;
};

struct CodedArticle {
  coder::Article article;
  std::vector<coder::Event> events;
  Status error;  // a record that could not be read; the rest is empty
};

struct CodedBatch {
  std::vector<CodedArticle> articles;
};

}  // namespace

bool IsHttpUrl(std::string_view name) { return name.starts_with("http://") || name.starts_with("https://"); }

class Ingester::Impl {
 public:
  Impl(const dict::Dictionary& dict, store::EventStore& store, IngestOptions options, IngestStats& stats)
      : store_(store),
        options_(std::move(options)),
        stats_(stats),
        threads_(std::max(1, options_.threads)),
        parsers_(threads_) {
    if (!options_.on_error) {
      options_.on_error = [](const Status& s) { fmt::print(stderr, "dyad: {}; skipped\n", s.message()); };
    }
    for (int i = 0; i < threads_; ++i) coders_.push_back(std::make_unique<coder::Coder>(dict));
    pipeline_ = std::make_unique<OrderedPipeline<WorkBatch, CodedBatch>>(
        threads_, [this](int worker, WorkBatch& batch) { return Code(worker, batch); },
        [this](CodedBatch& coded) { Store(coded); });
  }

  ~Impl() { (void)Flush(); }

  void Push(std::variant<RawLine, coder::Article> item) {
    pending_.items.push_back(std::move(item));
    if (pending_.items.size() >= kItemsPerBatch) PushPending();
  }

  Status Flush() {
    PushPending();
    pipeline_->Finish();
    // A new pipeline for later input: Finish() stops the workers.
    pipeline_ = std::make_unique<OrderedPipeline<WorkBatch, CodedBatch>>(
        threads_, [this](int worker, WorkBatch& batch) { return Code(worker, batch); },
        [this](CodedBatch& coded) { Store(coded); });
    if (in_transaction_) {
      in_transaction_ = false;
      uncommitted_ = 0;
      Status status = store_.Commit();
      if (!status.ok()) return status;
    }
    Status failure = std::move(store_failure_);
    store_failure_ = Status::Ok();
    return failure;
  }

  void Error(const Status& status) {
    ++stats_.bad_records;
    options_.on_error(status);
  }

  const IngestOptions& options() const { return options_; }

 private:
  static constexpr size_t kItemsPerBatch = 32;

  void PushPending() {
    if (pending_.items.empty()) return;
    pipeline_->Push(std::move(pending_));
    pending_ = WorkBatch{};
  }

  CodedBatch Code(int worker, WorkBatch& batch) {
    CodedBatch out;
    out.articles.reserve(batch.items.size());
    for (auto& item : batch.items) {
      CodedArticle& coded = out.articles.emplace_back();
      if (RawLine* raw = std::get_if<RawLine>(&item)) {
        coded.error = parsers_[worker].Parse(raw->line, raw->where, coded.article);
        if (!coded.error.ok()) continue;
      } else {
        coded.article = std::move(std::get<coder::Article>(item));
      }
      const uint64_t before = coders_[worker]->stats().sentences;
      coders_[worker]->CodeArticle(coded.article, coded.events);
      sentences_[worker] += coders_[worker]->stats().sentences - before;
    }
    return out;
  }

  // Runs on the calling thread, in input order: the store sees the same sequence for any thread count.
  void Store(CodedBatch& batch) {
    for (CodedArticle& coded : batch.articles) {
      if (!coded.error.ok()) {
        Error(coded.error);
        continue;
      }
      ++stats_.articles;
      if (!store_failure_.ok()) continue;  // the store is failing: stop writing, report once at Flush
      if (!in_transaction_) {
        Status status = store_.Begin();
        if (!status.ok()) {
          store_failure_ = status;
          continue;
        }
        in_transaction_ = true;
      }
      Result<store::AddArticleResult> added = store_.AddArticle(coded.article, coded.events);
      if (!added.ok()) {
        Error(added.status());  // this article only: AddArticle is all or nothing
        continue;
      }
      if (added->added) {
        ++stats_.added_articles;
      } else {
        ++stats_.skipped_articles;
      }
      stats_.new_events += added->new_events;
      stats_.merged_events += added->merged_events;
      if (++uncommitted_ >= options_.batch) {
        in_transaction_ = false;
        uncommitted_ = 0;
        Status status = store_.Commit();
        if (!status.ok()) store_failure_ = status;
      }
    }
    stats_.sentences = 0;
    for (uint64_t s : sentences_) stats_.sentences += static_cast<int64_t>(s);
  }

  store::EventStore& store_;
  IngestOptions options_;
  IngestStats& stats_;
  int threads_;
  std::vector<std::unique_ptr<coder::Coder>> coders_;
  std::vector<ingest::JsonlArticleParser> parsers_;
  std::vector<uint64_t> sentences_ = std::vector<uint64_t>(threads_, 0);
  std::unique_ptr<OrderedPipeline<WorkBatch, CodedBatch>> pipeline_;
  WorkBatch pending_;
  bool in_transaction_ = false;
  int uncommitted_ = 0;
  Status store_failure_;
};

Ingester::Ingester(const dict::Dictionary& dict, store::EventStore& store, IngestOptions options)
    : impl_(std::make_unique<Impl>(dict, store, std::move(options), stats_)) {}

Ingester::~Ingester() = default;

Status Ingester::Flush() { return impl_->Flush(); }

Status Ingester::IngestArticle(coder::Article article) {
  ++stats_.documents;
  impl_->Push(std::move(article));
  return Status::Ok();
}

Status Ingester::IngestFile(const std::string& path) {
  // Peek at the start to choose the reader; JSON Lines then streams, other formats are read whole.
  std::string head;
  if (path != "-") {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return IoError(fmt::format("{}: cannot open", path));
    head.resize(4096);
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
  }
  const ingest::InputFormat format =
      path == "-" ? ingest::InputFormat::kJsonl : ingest::DetectInputFormat(path, head);
  if (format != ingest::InputFormat::kJsonl) {
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) return content.status();
    return IngestDocument(path, *content);
  }
  Result<ingest::LineReader> reader = ingest::LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  ++stats_.documents;
  uint64_t bytes = 0, reported = 0;
  std::string_view line;
  while (reader->Next(line)) {
    bytes += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    impl_->Push(RawLine{fmt::format("{}:{}", reader->path(), reader->line_number()), std::string(line)});
    if (impl_->options().on_progress && bytes - reported >= (1u << 20)) {
      reported = bytes;
      impl_->options().on_progress(bytes);
    }
  }
  if (impl_->options().on_progress) impl_->options().on_progress(bytes);
  return reader->status();
}

Status Ingester::IngestDocument(std::string_view name, std::string_view content,
                                std::string_view content_type) {
  const std::string where(name);
  switch (ingest::DetectInputFormat(name, content.substr(0, 4096), content_type)) {
    case ingest::InputFormat::kJsonl: {
      ++stats_.documents;
      LineCursor lines(content);
      std::string_view line;
      while (lines.Next(line)) {
        if (TrimBlanks(line).empty()) continue;
        impl_->Push(RawLine{fmt::format("{}:{}", where, lines.number()), std::string(line)});
      }
      return Status::Ok();
    }
    case ingest::InputFormat::kHtml: {
      ingest::HtmlContext context;
      context.url = IsHttpUrl(name) ? where : std::string();
      context.where = where;
      context.fallback_date = impl_->options().default_date;
      Result<coder::Article> article = ingest::ReadHtmlArticle(content, context);
      if (!article.ok()) {
        ++stats_.documents;
        impl_->Error(article.status());
        return Status::Ok();
      }
      if (article->id.empty()) article->id = std::filesystem::path(where).filename().string();
      return IngestArticle(std::move(*article));
    }
    case ingest::InputFormat::kFeed: {
      // A feed read as a document: each item is an article of its title and summary. (dyad watch fetches the
      // linked pages instead.)
      ++stats_.documents;
      Result<ingest::Feed> feed = ingest::ReadFeed(content, where);
      if (!feed.ok()) {
        impl_->Error(feed.status());
        return Status::Ok();
      }
      for (const Status& problem : feed->problems) impl_->Error(problem);
      for (const ingest::FeedItem& item : feed->items) {
        coder::Article article;
        article.id = item.guid;
        article.url = item.link;
        article.title = item.title;
        article.text = item.summary.empty() ? item.title : item.title + "\n\n" + item.summary;
        std::optional<Date> date = item.date ? item.date : impl_->options().default_date;
        if (!date) {
          impl_->Error(
              InvalidArgument(fmt::format("{}: item {} has no date (give --date)", where, item.guid)));
          continue;
        }
        article.date = *date;
        impl_->Push(std::move(article));
      }
      return Status::Ok();
    }
    case ingest::InputFormat::kText: {
      ++stats_.documents;
      if (!impl_->options().default_date) {
        impl_->Error(InvalidArgument(fmt::format("{}: plain text has no date (give --date)", where)));
        return Status::Ok();
      }
      coder::Article article;
      article.id = std::filesystem::path(where).stem().string();
      article.date = *impl_->options().default_date;
      article.text = std::string(content);
      if (IsHttpUrl(name)) article.url = where;
      impl_->Push(std::move(article));
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace dyad::pipeline
