// For tests: an EventStore whose every method fails with "not used by this test". A test double derives from
// it and overrides only what the code under test calls, so that it does not repeat the whole interface.
#ifndef DYAD_STORE_TESTING_H_
#define DYAD_STORE_TESTING_H_

#include "dyad/store/event_store.h"

namespace dyad::store {

class UnusedEventStore : public EventStore {
 public:
  std::string_view backend() const override { return "fake"; }
  Status Begin() override { return NotUsed(); }
  Status Commit() override { return NotUsed(); }
  Status Rollback() override { return NotUsed(); }
  Result<AddArticleResult> AddArticle(const coder::Article&, const std::vector<coder::Event>&) override {
    return NotUsed();
  }
  Result<bool> AddImportedEvent(const EventRecord&) override { return NotUsed(); }
  Result<bool> HasArticleUrl(std::string_view) override { return NotUsed(); }
  Result<std::optional<ArticleRecord>> FindArticle(int64_t) override { return NotUsed(); }
  Result<int64_t> FindArticleByExternalId(std::string_view) override { return NotUsed(); }
  Status ForEachMention(const MentionFilter&, const std::function<bool(const MentionRecord&)>&) override {
    return NotUsed();
  }
  Status ForEachEvent(const EventFilter&, const std::function<bool(const EventRecord&)>&) override {
    return NotUsed();
  }
  Result<std::optional<FeedState>> LoadFeedState(std::string_view) override { return NotUsed(); }
  Status SaveFeedState(const FeedState&) override { return NotUsed(); }
  Result<StoreCounts> Counts() override { return NotUsed(); }
  Status RefreshAggregates() override { return NotUsed(); }
  Result<int64_t> AggregatedThrough() override { return NotUsed(); }
  Status ForEachDailyCount(const AggregateFilter&, const std::function<bool(const DailyCount&)>&) override {
    return NotUsed();
  }
  Status ForEachDailyVolume(std::optional<Date>, std::optional<Date>,
                            const std::function<bool(Date, int64_t)>&) override {
    return NotUsed();
  }

 private:
  static Status NotUsed() { return Internal("not used by this test"); }
};

}  // namespace dyad::store

#endif  // DYAD_STORE_TESTING_H_
