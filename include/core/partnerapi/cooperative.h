#pragma once
// Waiting without holding a thread. The server runs its requests as fibers,
// many to a thread; a wait inside one must let the thread run the others
// meanwhile. Every wait says what it waits for — a descriptor's events, a
// deadline, or a wake from another fiber or thread (Waiter, Condition) — and
// is woken by exactly that: nothing looks again every so often. Code of any
// layer waits through these: inside a fiber they suspend it; on a plain
// thread (tools, tests) they block it as usual.
//
// Nothing here replaces a library's own waits: a library that blocks (a
// blocking libpq call, libcurl's easy interface) blocks the whole thread. So
// the database layer drives libpq's non-blocking API and the mail layer
// libcurl's multi interface, each wait one of these.
#include <poll.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace partnerapi::cooperative {

using Clock = std::chrono::steady_clock;

class Scheduler;

// One wait of one fiber: wake() ends it if it is still that wait.
struct WaitId {
  Scheduler* scheduler = nullptr;
  void* fiber = nullptr;
  std::uint64_t wait = 0;
};

// What runs fibers on the current thread: the server's event loop.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // The running fiber's coming wait: the next one it begins (any of those
  // below). A wake() for a wait that is over already is ignored.
  virtual WaitId next_wait() = 0;
  // Suspends the running fiber until `fd` has one of `events` (POLLIN,
  // POLLOUT), `deadline` passes, or its wait is woken: the poll() revents,
  // 0 for the deadline or a wake.
  virtual short wait_fd(int fd, short events, Clock::time_point deadline) = 0;
  // The same for several descriptors: fills their revents, returns how many are ready.
  virtual int poll(pollfd* fds, std::size_t n, Clock::time_point deadline) = 0;
  // Suspends the running fiber until `deadline` or a wake: true when woken.
  virtual bool wait_until(Clock::time_point deadline) = 0;
  // Ends the wait `id`, from any thread.
  virtual void wake(const WaitId& id) = 0;
  // Runs `work` on a thread of its own, the running fiber suspended until it ends.
  virtual void run_aside(const std::function<void()>& work) = 0;
  // Lets the other fibers run if the running one has had the thread for long.
  virtual void yield_if_busy() = 0;
};

// The scheduler of the fiber running on this thread; nullptr outside fibers.
Scheduler* current();
// Set by a scheduler around running each fiber.
void set_current(Scheduler* s);

// Waits until `fd` has one of `events` or `deadline` passes: the revents, 0 at the deadline.
short wait_fd(int fd, short events, Clock::time_point deadline);
short wait_fd(int fd, short events, std::chrono::milliseconds timeout);
// poll() of several descriptors until one is ready or `deadline`: how many are ready.
int poll(pollfd* fds, std::size_t n, Clock::time_point deadline);
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

// One wait that another fiber or thread ends: made by the one that waits,
// published where the other finds it (under the lock that guards what it
// waits for), then waited on. wake() may come before the wait begins.
class Waiter {
 public:
  Waiter();
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  // Until wake() or `deadline`: true when woken.
  bool wait(Clock::time_point deadline);
  // Until `fd` has one of `events`, wake() or `deadline`: the revents, 0 otherwise.
  short wait_fd(int fd, short events, Clock::time_point deadline);
  // Ends the wait; from any thread, once (a second call does nothing).
  void wake();

 private:
  WaitId fiber_;  // a fiber's wait; none on a plain thread
  // A plain thread's: woken_ under mu_, which cv_ signals. On a plain thread
  // wait_fd ends by the descriptor or the deadline only: a plain thread's
  // descriptor is its own (tools), no one else has a reason to wake it.
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
};

// A condition variable for fibers and threads alike: notify_all() wakes
// every waiter, wherever it runs.
class Condition {
 public:
  // Waits until ready() (checked under `lock`) or `deadline`; false when the deadline came first.
  template <class Ready>
  bool wait_until(std::unique_lock<std::mutex>& lock, Clock::time_point deadline, Ready ready) {
    while (!ready()) {
      if (Clock::now() >= deadline) return false;
      Waiter waiter;
      waiters_.push_back(&waiter);
      lock.unlock();
      waiter.wait(deadline);
      lock.lock();
      forget(&waiter);
    }
    return true;
  }
  template <class Ready>
  bool wait_for(std::unique_lock<std::mutex>& lock, std::chrono::milliseconds timeout, Ready ready) {
    return wait_until(lock, Clock::now() + timeout, ready);
  }
  // Called holding the lock the waiters wait under.
  void notify_all();

 private:
  void forget(Waiter* waiter);
  std::vector<Waiter*> waiters_;
};

}  // namespace partnerapi::cooperative
