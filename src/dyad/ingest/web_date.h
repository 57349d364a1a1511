// Publication dates as web pages and feeds write them: ISO 8601 / RFC 3339 ("2026-03-04T10:20:00+01:00",
// "2026-03-04") and RFC 822 ("Tue, 03 Mar 2026 10:00:00 GMT"). The result is the calendar day as written, in
// the writer's own time zone: "23:30 -05:00" stays on its day rather than moving to the next day in UTC,
// because that is the day the article's "today" and "on Tuesday" refer to.
#ifndef DYAD_INGEST_WEB_DATE_H_
#define DYAD_INGEST_WEB_DATE_H_

#include <optional>
#include <string_view>

#include "dyad/base/date.h"

namespace dyad::ingest {

// "YYYY-MM-DD", optionally followed by 'T' or a space and a time (which is not checked).
std::optional<Date> ParseIsoDate(std::string_view text);

// "[Weekday,] DD Mon YYYY [time] [zone]"; two-digit years are 2000-2049 for 00-49 and 1950-1999 otherwise
// (RFC 2822); full month names and "Mon DD, YYYY" are accepted too.
std::optional<Date> ParseRfc822Date(std::string_view text);

// Either form; blanks around the text are ignored.
std::optional<Date> ParseWebDate(std::string_view text);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_WEB_DATE_H_
