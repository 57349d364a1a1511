// The ArticleSink of `dyad watch` in production: the ingest pipeline, which codes articles and stores them
// with their events.
#ifndef DYAD_WATCH_INGESTER_SINK_H_
#define DYAD_WATCH_INGESTER_SINK_H_

#include <utility>

#include "dyad/pipeline/ingester.h"
#include "dyad/watch/watcher.h"

namespace dyad::watch {

// Borrows the Ingester, which must outlive the sink.
class IngesterSink : public ArticleSink {
 public:
  explicit IngesterSink(pipeline::Ingester& ingester) : ingester_(ingester) {}

  Status Add(coder::Article article) override { return ingester_.IngestArticle(std::move(article)); }
  Status Commit() override { return ingester_.Flush(); }
  int64_t added_articles() const override { return ingester_.stats().added_articles; }

 private:
  pipeline::Ingester& ingester_;
};

}  // namespace dyad::watch

#endif  // DYAD_WATCH_INGESTER_SINK_H_
