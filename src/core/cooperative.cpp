#include "partnerapi/cooperative.h"

#include <poll.h>

#include <algorithm>
#include <ctime>
#include <thread>

namespace partnerapi::cooperative {
namespace {

thread_local Scheduler* tl_current = nullptr;

// The system's ppoll() with a deadline, for a plain thread.
int blocking_poll(pollfd* fds, std::size_t n, Clock::time_point deadline) {
  if (deadline == Clock::time_point::max()) return ::ppoll(fds, n, nullptr, nullptr);
  const auto left = std::max(Clock::duration::zero(), deadline - Clock::now());
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
  const timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  return ::ppoll(fds, n, &ts, nullptr);
}

Clock::time_point after(std::chrono::milliseconds timeout) {
  return timeout.count() < 0 ? Clock::time_point::max() : Clock::now() + timeout;
}

}  // namespace

Scheduler* current() { return tl_current; }
void set_current(Scheduler* s) { tl_current = s; }

short wait_fd(int fd, short events, Clock::time_point deadline) {
  if (Scheduler* s = current()) return s->wait_fd(fd, events, deadline);
  pollfd p{fd, events, 0};
  return blocking_poll(&p, 1, deadline) > 0 ? p.revents : 0;
}

short wait_fd(int fd, short events, std::chrono::milliseconds timeout) { return wait_fd(fd, events, after(timeout)); }

int poll(pollfd* fds, std::size_t n, Clock::time_point deadline) {
  if (Scheduler* s = current()) return s->poll(fds, n, deadline);
  return blocking_poll(fds, n, deadline);
}

void sleep_for(std::chrono::milliseconds d) {
  if (Scheduler* s = current()) {
    const auto until = Clock::now() + d;
    while (Clock::now() < until) s->wait_until(until);  // no one else knows this wait: only a stray wake ends it early
    return;
  }
  std::this_thread::sleep_for(d);
}

void run_aside(const std::function<void()>& work) {
  if (Scheduler* s = current()) return s->run_aside(work);
  work();
}

void yield_if_busy() {
  if (Scheduler* s = current()) s->yield_if_busy();
}

Waiter::Waiter() {
  if (Scheduler* s = current()) fiber_ = s->next_wait();
}

bool Waiter::wait(Clock::time_point deadline) {
  if (fiber_.scheduler) return fiber_.scheduler->wait_until(deadline);
  std::unique_lock<std::mutex> lock(mu_);
  if (deadline == Clock::time_point::max()) {
    cv_.wait(lock, [this] { return woken_; });
    return true;
  }
  return cv_.wait_until(lock, deadline, [this] { return woken_; });
}

short Waiter::wait_fd(int fd, short events, Clock::time_point deadline) {
  if (fiber_.scheduler) return fiber_.scheduler->wait_fd(fd, events, deadline);
  pollfd p{fd, events, 0};
  return blocking_poll(&p, 1, deadline) > 0 ? p.revents : 0;
}

void Waiter::wake() {
  if (fiber_.scheduler) return fiber_.scheduler->wake(fiber_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Condition::notify_all() {
  for (Waiter* w : waiters_) w->wake();
  waiters_.clear();
}

void Condition::forget(Waiter* waiter) {
  waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), waiter), waiters_.end());
}

}  // namespace partnerapi::cooperative
