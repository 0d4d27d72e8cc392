#include "partnerapi/cooperative.h"

#include <poll.h>
#include <signal.h>

#include <ctime>
#include <exception>
#include <thread>

namespace partnerapi::cooperative {
namespace {
thread_local Scheduler* tl_current = nullptr;

int real_poll(pollfd* fds, nfds_t n, int timeout_ms) {
  if (timeout_ms < 0) return ::ppoll(fds, n, nullptr, nullptr);
  const timespec ts{timeout_ms / 1000, static_cast<long>(timeout_ms % 1000) * 1000000L};
  return ::ppoll(fds, n, &ts, nullptr);
}
}  // namespace

Scheduler* current() { return tl_current; }
void set_current(Scheduler* s) { tl_current = s; }

short wait_fd(int fd, short events, std::chrono::milliseconds timeout) {
  if (Scheduler* s = current()) return s->wait_fd(fd, events, timeout);
  pollfd p{fd, events, 0};
  const int rc = real_poll(&p, 1, timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()));
  return rc > 0 ? p.revents : 0;
}

void sleep_for(std::chrono::milliseconds d) {
  if (Scheduler* s = current()) return s->sleep_for(d);
  std::this_thread::sleep_for(d);
}

void run_aside(const std::function<void()>& work) {
  if (Scheduler* s = current()) return s->run_aside(work);
  work();
}

void yield_if_busy() {
  if (Scheduler* s = current()) s->yield_if_busy();
}

}  // namespace partnerapi::cooperative

// libpq (and libpqxx) wait for the database's socket with poll() of that one
// descriptor, libcurl with poll() of several. Defined here, in the executable,
// this poll() is the one they call: inside a fiber such a wait suspends the
// fiber, and the thread serves other requests meanwhile. Outside fibers it is
// the system's poll.
// glibc declares poll()'s array write-only (it is read too): GCC would warn
// that our reading of `events` reads uninitialised memory.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
extern "C" int poll(pollfd* fds, nfds_t n, int timeout_ms) {
  using namespace partnerapi::cooperative;
  Scheduler* fibers = current();
  if (fibers == nullptr || n == 0) return real_poll(fds, n, timeout_ms);
  if (n > 1) return fibers->poll(fds, n, std::chrono::milliseconds(timeout_ms));
  pollfd& p = fds[0];
  p.revents = fibers->wait_fd(p.fd, p.events, std::chrono::milliseconds(timeout_ms));
  return p.revents ? 1 : 0;
}
#pragma GCC diagnostic pop
