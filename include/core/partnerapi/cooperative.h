#pragma once
// Waiting without holding a thread. The server runs its requests as fibers,
// many to a thread; a wait inside one (for a socket, a lock, a slow
// computation) must let the thread run the others meanwhile. Code of any layer
// waits through these functions: inside a fiber they suspend it; on a plain
// thread (tools, tests) they block as usual.
//
// libpq waits for its socket with poll(); the server's fiber runtime
// (src/server/fiber_loop.cpp) defines poll() so that those waits, too,
// suspend the fiber (see there).
#include <poll.h>

#include <chrono>
#include <cstddef>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace partnerapi::cooperative {

// What runs fibers on the current thread: the server's event loop.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Suspends the running fiber until `fd` has one of `events` (POLLIN,
  // POLLOUT) or `timeout` passes (negative: none). The poll() revents; 0 on timeout.
  virtual short wait_fd(int fd, short events, std::chrono::milliseconds timeout) = 0;
  // poll() of several descriptors: suspends the running fiber until one is
  // ready or `timeout` passes; fills their revents and returns how many are ready.
  virtual int poll(pollfd* fds, std::size_t n, std::chrono::milliseconds timeout) = 0;
  // Suspends the running fiber for `d`, letting the others run.
  virtual void sleep_for(std::chrono::milliseconds d) = 0;
  // Runs `work` on a thread of its own, the running fiber suspended until it ends.
  virtual void run_aside(const std::function<void()>& work) = 0;
  // Lets the other fibers run if the running one has had the thread for long.
  virtual void yield_if_busy() = 0;
  // The running fiber, for wake().
  virtual void* running_fiber() = 0;
  // Suspends the running fiber until a fiber of the same thread wake()s it.
  virtual void park() = 0;
  // Lets a parked fiber of this thread run again, after the running one waits.
  virtual void wake(void* fiber) = 0;
};

// The scheduler of the fiber running on this thread; nullptr outside fibers.
Scheduler* current();
// Set by a scheduler around running each fiber.
void set_current(Scheduler* s);

// poll() of one descriptor: suspends a fiber, blocks a plain thread.
short wait_fd(int fd, short events, std::chrono::milliseconds timeout);
void sleep_for(std::chrono::milliseconds d);
// For CPU-heavy work (a password hash): a fiber's thread goes on serving others.
void run_aside(const std::function<void()>& work);
// Called along long work (writing a large answer): a fiber that has run for a
// millisecond without waiting lets the others on its thread run first.
void yield_if_busy();
// For each row of a loop over a table that may be large: yield_if_busy()
// every 512 rows (looking at the clock for each row would cost more than the row).
inline void yield_if_busy_at_row(std::size_t row) {
  if (row % 512 == 0) yield_if_busy();
}

// Waits until `ready()` (checked under `lock`) or `timeout`; false on timeout.
// A plain thread waits on `cv`; a fiber looks again every millisecond, its
// thread serving others meanwhile (whoever makes `ready()` true may be a
// fiber of the same thread).
template <class Ready>
bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::chrono::milliseconds timeout,
                Ready ready) {
  if (!current()) return cv.wait_for(lock, timeout, ready);
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    lock.unlock();
    sleep_for(std::chrono::milliseconds(1));
    lock.lock();
  }
  return true;
}

}  // namespace partnerapi::cooperative
