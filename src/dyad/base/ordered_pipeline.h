// Runs a function over a stream of work items on N threads and hands the results back in input order, so that
// output is byte-for-byte the same for any thread count. Bounded: at most 8 * threads items are in flight.
#ifndef DYAD_BASE_ORDERED_PIPELINE_H_
#define DYAD_BASE_ORDERED_PIPELINE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dyad {

// `Work` is called on worker threads with a worker index (0..threads-1, for per-thread state such as a Coder)
// and an item; `Emit` is called on the calling thread, in input order. With threads <= 1 everything runs
// inline.
template <typename Item, typename Result>
class OrderedPipeline {
 public:
  using Work = std::function<Result(int worker, Item&)>;
  using Emit = std::function<void(Result&)>;

  OrderedPipeline(int threads, Work work, Emit emit)
      : threads_(threads < 1 ? 1 : threads), work_(std::move(work)), emit_(std::move(emit)) {
    if (threads_ == 1) return;
    for (int i = 0; i < threads_; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
  }
  ~OrderedPipeline() { Finish(); }

  // Adds an item; may block while too many are in flight, emitting finished results meanwhile.
  void Push(Item item) {
    if (threads_ == 1) {
      Result r = work_(0, item);
      emit_(r);
      return;
    }
    std::unique_lock<std::mutex> lock(mu_);
    // The caller emits (stores) on this thread; while it does, the workers need enough queued items not to
    // idle (2 per worker idled them during store writes: ingest 2.84 -> 2.59 s with 8).
    while (next_seq_ - next_emit_ >= static_cast<uint64_t>(8 * threads_)) EmitReady(lock, /*wait=*/true);
    queue_.push_back({next_seq_++, std::move(item)});
    work_ready_.notify_one();
    EmitReady(lock, /*wait=*/false);
  }

  // Waits for every item and emits the rest. Idempotent.
  void Finish() {
    if (threads_ == 1 || finished_) return;
    {
      std::unique_lock<std::mutex> lock(mu_);
      while (next_emit_ < next_seq_) EmitReady(lock, /*wait=*/true);
      finished_ = true;
      work_ready_.notify_all();
    }
    for (std::thread& t : workers_) t.join();
  }

 private:
  void WorkerLoop(int worker) {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      work_ready_.wait(lock, [this] { return finished_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto [seq, item] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      Result result = work_(worker, item);
      lock.lock();
      done_.emplace(seq, std::move(result));
      result_ready_.notify_all();
    }
  }

  // Emits finished results in order; with `wait`, first waits until the next one is finished.
  void EmitReady(std::unique_lock<std::mutex>& lock, bool wait) {
    if (wait) result_ready_.wait(lock, [this] { return done_.count(next_emit_) > 0; });
    while (true) {
      auto it = done_.find(next_emit_);
      if (it == done_.end()) return;
      Result r = std::move(it->second);
      done_.erase(it);
      ++next_emit_;
      lock.unlock();
      emit_(r);
      lock.lock();
    }
  }

  const int threads_;
  Work work_;
  Emit emit_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable work_ready_, result_ready_;
  std::deque<std::pair<uint64_t, Item>> queue_;
  std::map<uint64_t, Result> done_;
  uint64_t next_seq_ = 0, next_emit_ = 0;
  bool finished_ = false;
};

}  // namespace dyad

#endif  // DYAD_BASE_ORDERED_PIPELINE_H_
