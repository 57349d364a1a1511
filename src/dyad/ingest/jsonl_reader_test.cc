#include "dyad/ingest/jsonl_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "dyad/ingest/line_reader.h"

namespace dyad::ingest {
namespace {

TEST(JsonlArticleParser, ReadsRequiredAndOptionalFields) {
  JsonlArticleParser parser;
  coder::Article a;
  Status s = parser.Parse(
      R"({"text": "Kim met Xi.", "id": "a1", "date": "2025-09-04", "title": "T", "url": null, "extra": [1,2]})",
      "x:1", a);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.date.ToString(), "2025-09-04");
  EXPECT_EQ(a.text, "Kim met Xi.");
  EXPECT_EQ(a.title, "T");
  EXPECT_EQ(a.url, "");
  ASSERT_TRUE(parser.Parse(R"({"id": 17, "date": "2025-09-04T08:00:00Z", "text": ""})", "x:2", a).ok());
  EXPECT_EQ(a.id, "17");
}

TEST(JsonlArticleParser, NamesTheLineAndArticleInErrors) {
  JsonlArticleParser parser;
  coder::Article a;
  struct Bad {
    const char* line;
    const char* message;
  } cases[] = {
      {"not json", "news.jsonl:3: not a JSON object"},
      {"[1,2]", "news.jsonl:3: not a JSON object"},
      {R"({"date": "2025-09-04", "text": "x"})", "missing \"id\""},
      {R"({"id": "b7", "text": "x"})", "news.jsonl:3 (article b7): missing \"date\""},
      {R"({"id": "b7", "date": "2025-09-04"})", "(article b7): missing \"text\""},
      {R"({"id": "b7", "date": "04/09/2025", "text": "x"})", "bad \"date\""},
      {R"({"id": "b7", "date": "2025-02-30", "text": "x"})", "bad \"date\""},
      {R"({"id": "b7", "date": "2025-09-04", "text": 5})", "(article b7)"},
      {R"({"id": "b7", "date": "2025-09-04", "text": "x"} trailing)", "not a JSON object"},
  };
  for (const Bad& bad : cases) {
    Status s = parser.Parse(bad.line, "news.jsonl:3", a);
    ASSERT_FALSE(s.ok()) << bad.line;
    EXPECT_NE(s.message().find(bad.message), std::string::npos) << s.message();
  }
}

TEST(JsonlArticleParser, RepairsInvalidUtf8) {
  JsonlArticleParser parser;
  coder::Article a;
  ASSERT_TRUE(parser.Parse("{\"id\": \"b7\", \"date\": \"2025-09-04\", \"text\": \"a\xFFz\"}", "x:1", a).ok());
  EXPECT_EQ(a.text, "a\xEF\xBF\xBDz");
}

}  // namespace
}  // namespace dyad::ingest
