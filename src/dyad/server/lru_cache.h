// A bounded least-recently-used cache of response bodies, shared by the server's threads (one mutex; a hit is a
// hash lookup and a list splice). Bounded both by entries and by bytes; the least recently used go first.
#ifndef DYAD_SERVER_LRU_CACHE_H_
#define DYAD_SERVER_LRU_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace dyad::server {

struct CachedResponse {
  std::string content_type;
  std::string body;
};

class LruCache {
 public:
  LruCache(size_t max_entries, size_t max_bytes) : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The entry under `key`, now the most recently used; null when absent. Counts a hit or a miss.
  std::shared_ptr<const CachedResponse> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) {
      misses_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    entries_.splice(entries_.begin(), entries_, it->second);
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->second->second;
  }

  // Stores (or replaces) `key`; an entry larger than the byte bound is not kept.
  void Insert(const std::string& key, std::shared_ptr<const CachedResponse> value) {
    const size_t size = Size(key, *value);
    if (max_entries_ == 0 || size > max_bytes_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      bytes_ -= Size(key, *it->second->second);
      entries_.erase(it->second);
      index_.erase(it);
    }
    entries_.emplace_front(key, std::move(value));
    index_.emplace(key, entries_.begin());
    bytes_ += size;
    while (index_.size() > max_entries_ || bytes_ > max_bytes_) {
      auto& last = entries_.back();
      bytes_ -= Size(last.first, *last.second);
      index_.erase(last.first);
      entries_.pop_back();
    }
  }

  size_t entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return index_.size();
  }
  size_t bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
  }
  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedResponse>>;
  static size_t Size(const std::string& key, const CachedResponse& value) {
    return key.size() + value.content_type.size() + value.body.size() + 64;
  }

  const size_t max_entries_, max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  std::atomic<uint64_t> hits_{0}, misses_{0};
};

}  // namespace dyad::server

#endif  // DYAD_SERVER_LRU_CACHE_H_
