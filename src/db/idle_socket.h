#pragma once
// An idle database connection has nothing to say: if its socket is readable,
// the server closed it (a restart, a shutdown, an administrator) or sent the
// FATAL message that comes before that. One system call, no round trip: such
// a connection is replaced before a query is tried on it and fails.
#include <poll.h>

#include <ctime>

namespace partnerapi::db {

inline bool idle_socket_went_away(int fd) {
  if (fd < 0) return true;
  pollfd p{fd, POLLIN, 0};
  const timespec now{0, 0};
  return ::ppoll(&p, 1, &now, nullptr) != 0;
}

}  // namespace partnerapi::db
