// DYAD_CHECK / DYAD_DCHECK: for programmer mistakes only. No input may ever reach one; bad input is a Status.
#ifndef DYAD_BASE_CHECK_H_
#define DYAD_BASE_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define DYAD_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: internal error: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

#ifdef NDEBUG
#define DYAD_DCHECK(cond) \
  do {                    \
  } while (0)
#else
#define DYAD_DCHECK(cond) DYAD_CHECK(cond)
#endif

#endif  // DYAD_BASE_CHECK_H_
