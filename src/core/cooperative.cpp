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
