// A pool of objects reused instead of made again: Acquire takes an idle one or makes a new one, and the lease
// gives it back when it goes out of scope, on whichever thread that is. Thread-safe. The pool grows to the
// number of objects leased at once: the server's store connections and coders (one per worker thread in
// effect), the importer's line and parse buffers (handed between its threads).
#ifndef DYAD_BASE_POOL_H_
#define DYAD_BASE_POOL_H_

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "dyad/base/status.h"

namespace dyad {

template <typename T>
class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;
  explicit Pool(Factory factory) : factory_(std::move(factory)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<T> object) : pool_(pool), object_(std::move(object)) {}
    Lease(Lease&& other) noexcept = default;
    // Gives back the object held, then holds the other's.
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        if (object_ != nullptr) pool_->Release(std::move(object_));
        pool_ = other.pool_;
        object_ = std::move(other.object_);
      }
      return *this;
    }
    ~Lease() {
      if (object_ != nullptr) pool_->Release(std::move(object_));
    }
    T& operator*() const { return *object_; }
    T* operator->() const { return object_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<T> object_;
  };

  // An idle object, or a new one from the factory (whose error comes back as is).
  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<T> object = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(object));
      }
    }
    Result<std::unique_ptr<T>> made = factory_();
    if (!made.ok()) return made.status();
    return Lease(this, std::move(*made));
  }

  size_t idle() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_.size();
  }

 private:
  void Release(std::unique_ptr<T> object) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(object));
  }

  Factory factory_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

}  // namespace dyad

#endif  // DYAD_BASE_POOL_H_
