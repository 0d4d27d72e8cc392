#pragma once
// One event loop thread serving many connections at once, each in a fiber of
// its own: a request waiting for its client or for the database (see
// cooperative.h) is suspended and the thread goes on with the others, instead
// of a thread per request sleeping through each wait. Under load a loop
// thread sleeps about once in twenty requests; a thread per connection slept
// twice in each, and the switches were a third of its time (bench/README.md).
//
// The loop takes connections from the shared queue while it has a free
// fiber; a fiber serves its connection (Worker::serve) until it closes or is
// handed to the idle connections, then takes the next.
#include <sys/epoll.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include <boost/context/fiber.hpp>

#include "connection_queue.h"
#include "event_fds.h"
#include "partnerapi/cooperative.h"

namespace partnerapi::server {

class FiberLoop final : public cooperative::Scheduler {
 public:
  using Serve = std::function<void(std::size_t fiber, Accepted conn)>;
  // `fibers` connections at once, each served by `serve` with its fiber's index.
  FiberLoop(ConnectionQueue& queue, std::size_t fibers, Serve serve);
  FiberLoop(const FiberLoop&) = delete;
  FiberLoop& operator=(const FiberLoop&) = delete;
  ~FiberLoop() override;

  // Serves until stop(), then until the queue is empty and every fiber done.
  void run();
  // From any thread.
  void stop();

  cooperative::WaitId next_wait() override;
  short wait_fd(int fd, short events, cooperative::Clock::time_point deadline) override;
  int poll(pollfd* fds, std::size_t n, cooperative::Clock::time_point deadline) override;
  bool wait_until(cooperative::Clock::time_point deadline) override;
  void wake(const cooperative::WaitId& id) override;
  void run_aside(const std::function<void()>& work) override;
  void yield_if_busy() override;

 private:
  using Clock = std::chrono::steady_clock;
  struct Fiber {
    boost::context::fiber self;  // resumes it
    boost::context::fiber loop;  // resumes the loop, from inside it
    std::optional<Accepted> conn;
    bool waiting = false;  // for its descriptors, its deadline or a wake
    short revents = 0;     // of the descriptor that woke it; 0: the deadline or a wake
    std::uint64_t wait = 0;   // its current wait's number (WaitId::wait): a wake for another is stale
    bool woken = false;       // its last wait was ended by wake()
    bool early_wake = false;  // wake() came for its current wait before the wait began
    Clock::time_point deadline = Clock::time_point::max();
    const void* stack_bottom = nullptr;  // for AddressSanitizer
    std::size_t stack_size = 0;
    void* fake_stack = nullptr;
  };

  // The fibers waiting for one descriptor, any number of them: epoll holds
  // one registration per descriptor, for the events they want together.
  struct Waiter {
    Fiber* fiber;
    short events;
  };
  struct Watch {
    int fd;
    std::vector<Waiter> waiters;
    bool armed = false;  // registered for an event not yet come (EPOLLONESHOT)
  };

  void fiber_main(std::size_t index);
  // Registers the running fiber for `events` on `fd`; false if epoll refuses the descriptor.
  bool watch(int fd, short events);
  // Takes the running fiber off `fd`'s waiters after its wait.
  void unwatch(int fd);
  bool arm(Watch& w);
  // Suspends the running fiber until its descriptors' event, its deadline or
  // a wake; the wait is over then (its number moves on). True when woken.
  bool suspend_waiting(cooperative::Clock::time_point deadline);
  void end_wait(Fiber& f);
  void wake_here(const cooperative::WaitId& id);
  // Lets each fiber without a connection return, so its stack unwinds itself.
  void end_fibers();
  void run_ready();
  void resume(Fiber& f);
  void suspend();
  void make_ready(Fiber& f);
  void take_connections();
  void watch_queue(bool on);
  void dispatch(const epoll_event& ev);
  void expire_deadlines();
  // Also notes the nearest deadline, for expire_deadlines() after the wait.
  int epoll_timeout_ms();
  void take_posted();

  ConnectionQueue& queue_;
  Serve serve_;
  std::vector<Fiber> fibers_;
  std::unordered_map<int, Watch> watches_;  // nodes stay put: epoll's data points at them
  std::vector<Fiber*> free_;
  std::vector<Fiber*> ready_;
  std::vector<Fiber*> batch_;  // the round of ready fibers being run
  std::deque<Fiber*> yielded_;  // long work, taking turns after the woken ones
  Fiber* running_ = nullptr;
  Clock::time_point resumed_at_{};  // of the running fiber
  std::size_t busy_ = 0;
  EpollSet epoll_;
  EventFd wake_;  // stop, or fibers posted back
  bool watching_queue_ = false;
  bool ending_ = false;
  const void* loop_stack_bottom_ = nullptr;  // for AddressSanitizer
  std::size_t loop_stack_size_ = 0;
  Clock::time_point nearest_deadline_ = Clock::time_point::min();
  std::atomic<bool> stopping_{false};
  std::mutex posted_mu_;
  std::vector<cooperative::WaitId> posted_;  // wakes from other threads
};

}  // namespace partnerapi::server
