// dyad explain: codes one sentence and prints the trace of every decision.
#include <fmt/format.h>

#include "dyad/cli/common.h"
#include "dyad/coder/coder.h"
#include "dyad/coder/event_writer.h"

namespace dyad::cli {
namespace {

struct ExplainOptions {
  DictionaryFlags dict;
  std::string text;
  std::string date;
};

int RunExplain(const ExplainOptions& options) {
  Result<Date> date = Date::Parse(options.date);
  if (!date.ok()) {
    fmt::print(stderr, "dyad explain: --date: {}\n", date.status().message());
    return 2;
  }
  std::unique_ptr<dict::Dictionary> dict = LoadDictionaryOrReport(options.dict);
  if (!dict) return 1;
  coder::Coder coder(*dict);
  coder::Article article{"explain", *date, options.text, "", "", ""};
  std::vector<coder::Event> events;
  coder::Trace trace;
  coder.CodeArticle(article, events, &trace);
  for (const std::string& line : trace.lines) fmt::print("{}\n", line);
  fmt::print("events: {}\n", events.size());
  std::string out;
  for (const coder::Event& e : events) coder::AppendEvent(e, coder::EventFormat::kJsonl, out);
  fmt::print("{}", out);
  return 0;
}

}  // namespace

void AddExplainCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Code one sentence and show why each decision was made");
  cmd->add_option("text", options->text, "The sentence or paragraph")->required();
  cmd->add_option("--date", options->date, "The article date (YYYY-MM-DD)")->required();
  options->dict.Register(*cmd);
  cmd->callback([options, &exit_code] { exit_code = RunExplain(*options); });
}

}  // namespace dyad::cli
