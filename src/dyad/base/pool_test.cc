#include "dyad/base/pool.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace dyad {
namespace {

Pool<std::string> StringPool(int& made) {
  return Pool<std::string>([&made] {
    ++made;
    return Result<std::unique_ptr<std::string>>(std::make_unique<std::string>());
  });
}

TEST(Pool, ALeaseGivesItsObjectBackForTheNextAcquire) {
  int made = 0;
  Pool<std::string> pool = StringPool(made);
  const std::string* first = nullptr;
  {
    Pool<std::string>::Lease lease = *pool.Acquire();
    lease->assign("kept");
    first = &*lease;
    EXPECT_EQ(pool.idle(), 0u);
  }
  EXPECT_EQ(pool.idle(), 1u);
  Pool<std::string>::Lease again = *pool.Acquire();
  EXPECT_EQ(&*again, first);
  EXPECT_EQ(*again, "kept");  // reused as it was left
  EXPECT_EQ(made, 1);
}

TEST(Pool, MovingALeaseOverAnotherGivesTheOldObjectBack) {
  int made = 0;
  Pool<std::string> pool = StringPool(made);
  Pool<std::string>::Lease a = *pool.Acquire();
  Pool<std::string>::Lease b = *pool.Acquire();
  EXPECT_EQ(made, 2);
  const std::string* b_object = &*b;
  a = std::move(b);
  EXPECT_EQ(&*a, b_object);
  EXPECT_EQ(pool.idle(), 1u);  // a's first object
}

TEST(Pool, ALeaseCanBeGivenBackOnAnotherThread) {
  int made = 0;
  Pool<std::string> pool = StringPool(made);
  Pool<std::string>::Lease lease = *pool.Acquire();
  std::thread([moved = std::move(lease)]() mutable {
    Pool<std::string>::Lease dropped = std::move(moved);
  }).join();
  EXPECT_EQ(pool.idle(), 1u);
  EXPECT_EQ(made, 1);
}

}  // namespace
}  // namespace dyad
