// Bearer-token checks for the API's write endpoints.
#ifndef DYAD_SERVER_AUTH_H_
#define DYAD_SERVER_AUTH_H_

#include <string_view>

namespace dyad::server {

// True when `a` and `b` are the same bytes. The time taken depends only on the lengths, never on where the
// first difference is: every byte is compared, with no early exit, so a caller cannot guess a token a byte at a
// time from response times.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The token of an "Authorization: Bearer <token>" header value; empty when the header is missing or has another
// scheme.
std::string_view BearerToken(std::string_view authorization);

}  // namespace dyad::server

#endif  // DYAD_SERVER_AUTH_H_
