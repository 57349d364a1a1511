#include "dyad/ingest/web_date.h"

#include <charconv>
#include <utility>
#include <vector>

namespace dyad::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// 1-12 for "Mar", "march", "Sept"; 0 for anything else (weekdays, zones).
int MonthNumber(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (word.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    std::string_view name = kMonths[m];
    if (word.size() > name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i) same = Lower(word[i]) == name[i];
    if (same) return m + 1;
  }
  return 0;
}

// A run of letters or of digits, and the byte that ends it (0 at the end of the text).
struct Token {
  std::string_view text;
  char next;
  bool digits() const { return IsDigit(text.front()); }
};

std::vector<Token> Tokenize(std::string_view text, size_t max_tokens) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size() && tokens.size() < max_tokens) {
    if (!IsDigit(text[i]) && !IsLetter(text[i])) {
      ++i;
      continue;
    }
    bool digits = IsDigit(text[i]);
    size_t start = i;
    while (i < text.size() && (digits ? IsDigit(text[i]) : IsLetter(text[i]))) ++i;
    tokens.push_back({text.substr(start, i - start), i < text.size() ? text[i] : '\0'});
  }
  return tokens;
}

int ToInt(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() < 10 || (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return std::nullopt;
  }
  Result<Date> date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return std::nullopt;
  return *date;
}

std::optional<Date> ParseRfc822Date(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text, 5);
  size_t i = 0;
  // A leading weekday ("Tue,") says nothing the date does not.
  if (i < tokens.size() && !tokens[i].digits() && MonthNumber(tokens[i].text) == 0) ++i;
  if (tokens.size() < i + 3) return std::nullopt;
  const Token* day = &tokens[i];
  const Token* month = &tokens[i + 1];
  if (day->digits() == month->digits()) return std::nullopt;
  if (!day->digits()) std::swap(day, month);  // "Mar 4, 2026"
  const Token& year = tokens[i + 2];
  // A year followed by ':' is an hour: the text is not in either order this reads.
  if (day->text.size() > 2 || !year.digits() || year.next == ':' ||
      (year.text.size() != 2 && year.text.size() != 4)) {
    return std::nullopt;
  }
  int month_number = MonthNumber(month->text);
  int year_number = ToInt(year.text);
  if (year.text.size() == 2) year_number += year_number < 50 ? 2000 : 1900;
  int day_number = ToInt(day->text);
  if (month_number == 0 || !IsValidCivilDate(year_number, month_number, day_number)) return std::nullopt;
  return Date::FromCivil(year_number, month_number, day_number);
}

std::optional<Date> ParseWebDate(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  size_t start = text.find_first_not_of(kSpace);
  if (start == std::string_view::npos) return std::nullopt;
  text = text.substr(start, text.find_last_not_of(kSpace) + 1 - start);
  if (std::optional<Date> iso = ParseIsoDate(text)) return iso;
  return ParseRfc822Date(text);
}

}  // namespace dyad::ingest
