#include "dyad/base/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

namespace dyad {
namespace {

TEST(OrderedPipeline, EmitsInInputOrderForAnyThreadCount) {
  for (int threads : {1, 2, 4, 8}) {
    std::vector<int> out;
    {
      std::mt19937 rng(threads);
      OrderedPipeline<int, int> pipeline(
          threads,
          [](int, int& x) {
            // Uneven work, so that later items often finish first.
            std::this_thread::sleep_for(std::chrono::microseconds((x * 7919) % 300));
            return x * 2;
          },
          [&](int& r) { out.push_back(r); });
      for (int i = 0; i < 500; ++i) pipeline.Push(i);
      pipeline.Finish();
    }
    ASSERT_EQ(out.size(), 500u);
    for (int i = 0; i < 500; ++i) EXPECT_EQ(out[i], 2 * i) << "threads " << threads;
  }
}

TEST(OrderedPipeline, GivesEachWorkerItsIndex) {
  std::vector<int> seen(4, 0);
  std::mutex mu;
  OrderedPipeline<int, int> pipeline(
      4,
      [&](int worker, int& x) {
        std::lock_guard<std::mutex> lock(mu);
        ++seen[worker];
        return x;
      },
      [](int&) {});
  for (int i = 0; i < 100; ++i) pipeline.Push(i);
  pipeline.Finish();
  int total = 0;
  for (int s : seen) total += s;
  EXPECT_EQ(total, 100);
}

}  // namespace
}  // namespace dyad
