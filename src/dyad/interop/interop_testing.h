// Helpers the interop tests share (test code only): fixture paths and an EventRecord comparison that names
// the field that differs.
#ifndef DYAD_INTEROP_INTEROP_TESTING_H_
#define DYAD_INTEROP_INTEROP_TESTING_H_

#include <gtest/gtest.h>

#include <string>

#include "dyad/base/files.h"
#include "dyad/store/event_record.h"

namespace dyad::interop {

inline std::string FixturePath(const std::string& name) { return DYAD_SOURCE_DIR "/tests/interop/" + name; }

inline std::string ReadFixture(const std::string& name) {
  Result<std::string> contents = ReadFile(FixturePath(name));
  EXPECT_TRUE(contents.ok()) << contents.status().ToString();
  return contents.ok() ? *contents : std::string();
}

// Every field but the store id.
inline ::testing::AssertionResult SameEvent(const store::EventRecord& a, const store::EventRecord& b) {
  auto differ = [](const char* field, const auto& x, const auto& y) {
    return ::testing::AssertionFailure()
           << field << " differs: " << ::testing::PrintToString(x) << " vs " << ::testing::PrintToString(y);
  };
#define DYAD_SAME(field) \
  if (!(a.field == b.field)) return differ(#field, a.field, b.field)
  if (a.date != b.date) return differ("date", a.date.ToString(), b.date.ToString());
  DYAD_SAME(source);
  DYAD_SAME(target);
  DYAD_SAME(source_name);
  DYAD_SAME(target_name);
  DYAD_SAME(code);
  DYAD_SAME(goldstein);
  DYAD_SAME(quad_class);
  DYAD_SAME(mode);
  DYAD_SAME(confidence);
  DYAD_SAME(location.name);
  DYAD_SAME(location.country);
  DYAD_SAME(location.latitude);
  DYAD_SAME(location.longitude);
  DYAD_SAME(num_mentions);
  DYAD_SAME(num_sources);
  DYAD_SAME(num_articles);
  DYAD_SAME(origin);
  DYAD_SAME(origin_id);
  DYAD_SAME(url);
#undef DYAD_SAME
  return ::testing::AssertionSuccess();
}

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_INTEROP_TESTING_H_
