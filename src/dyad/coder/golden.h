// Golden files: articles and the events they must produce, and the scorer behind `dyad eval`.
//
//   # a comment
//   article 2025-09-04
//     Kim Jong Un arrived in Beijing on Tuesday for talks with Xi Jinping.
//   expect PRKGOV CHNGOV 040
//   expect PRKGOV CHN 042 on 2025-09-02
//
// `expect none` says no event may be coded; `-` stands for an empty target.
#ifndef DYAD_CODER_GOLDEN_H_
#define DYAD_CODER_GOLDEN_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/base/status.h"
#include "dyad/coder/event.h"
#include "dyad/dict/cameo.h"

namespace dyad::coder {

struct ExpectedEvent {
  std::string source, target, code;
  std::string date;  // empty: not checked
};

struct GoldenCase {
  std::string file;
  int line = 0;
  Article article;
  std::vector<ExpectedEvent> expected;
  bool expect_none = false;
};

// Parses a golden file. Errors name file:line.
Result<std::vector<GoldenCase>> ParseGolden(std::string_view contents, const std::string& file);

// Precision, recall and F1 at one level of agreement.
struct Score {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// The three levels `dyad eval` reports.
enum class Level { kRoot, kCode, kSourceTargetCode, kSourceTargetRoot };

struct EvalReport {
  std::map<std::string, Score> by_root[4];  // per level, per root ("01".."20")
  Score overall[4];
  int cases = 0, cases_passed = 0;
  std::vector<std::string> failures;  // "file:line: want ..., got ..."
};

// Scores one case's coded events against its expectations (multiset matching; symmetric codes match either way).
void ScoreCase(const GoldenCase& golden, const std::vector<Event>& events, const dict::CameoTable& cameo,
               EvalReport& report);

}  // namespace dyad::coder

#endif  // DYAD_CODER_GOLDEN_H_
