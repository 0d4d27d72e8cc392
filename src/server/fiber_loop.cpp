#include "fiber_loop.h"

#include "aside_pool.h"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/context/protected_fixedsize_stack.hpp>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace partnerapi::server {
namespace {

// Room for gSOAP's parser and writer, libpq and a handler; untouched pages cost nothing.
constexpr std::size_t kStackBytes = 1024 * 1024;

// Boost's guarded stack, noting where it lies (for AddressSanitizer).
struct NotedStack {
  boost::context::protected_fixedsize_stack inner;
  const void** bottom;
  std::size_t* size;
  boost::context::stack_context allocate() {
    boost::context::stack_context sc = inner.allocate();
    *bottom = static_cast<const char*>(sc.sp) - sc.size;
    *size = sc.size;
    return sc;
  }
  void deallocate(boost::context::stack_context& sc) noexcept { inner.deallocate(sc); }
};

// AddressSanitizer must be told of every switch between stacks, or it reports
// false errors on the fibers' stacks. Nothing in other builds.
void start_switch([[maybe_unused]] void** fake_stack, [[maybe_unused]] const void* bottom,
                  [[maybe_unused]] std::size_t size) {
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_start_switch_fiber(fake_stack, bottom, size);
#endif
}

void finish_switch([[maybe_unused]] void* fake_stack, [[maybe_unused]] const void** bottom_old,
                   [[maybe_unused]] std::size_t* size_old) {
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_finish_switch_fiber(fake_stack, bottom_old, size_old);
#endif
}

}  // namespace

FiberLoop::FiberLoop(ConnectionQueue& queue, std::size_t fibers, Serve serve)
    : queue_(queue), serve_(std::move(serve)), fibers_(fibers) {
  epoll_data_t tag{};
  tag.ptr = this;
  epoll_.add(wake_.fd(), EPOLLIN, tag);
  tag.ptr = &queue_;
  epoll_.add(queue_.ready_fd(), 0, tag);  // watched while a fiber is free
  for (std::size_t i = 0; i < fibers; ++i) {
    Fiber& f = fibers_[i];
    NotedStack stack{boost::context::protected_fixedsize_stack(kStackBytes), &f.stack_bottom, &f.stack_size};
    f.self = boost::context::fiber(std::allocator_arg, std::move(stack), [this, &f, i](boost::context::fiber&& loop) {
      f.loop = std::move(loop);
      finish_switch(nullptr, &loop_stack_bottom_, &loop_stack_size_);
      fiber_main(i);
      start_switch(nullptr, loop_stack_bottom_, loop_stack_size_);  // this stack ends
      return std::move(f.loop);
    });
    free_.push_back(&fibers_[i]);
  }
}

FiberLoop::~FiberLoop() { end_fibers(); }

void FiberLoop::fiber_main(std::size_t index) {
  Fiber& self = fibers_[index];
  for (;;) {
    while (!self.conn) {
      if (ending_) return;
      suspend();
    }
    Accepted conn = std::move(*self.conn);
    self.conn.reset();
    serve_(index, std::move(conn));
    --busy_;
    free_.push_back(&self);
    watch_queue(true);
  }
}

void FiberLoop::run() {
  watch_queue(true);
  for (;;) {
    run_ready();
    if (stopping_.load() && busy_ == 0) {
      take_connections();  // a connection queued before the stop is still served
      if (busy_ == 0) break;
      continue;
    }
    epoll_event events[64];
    const int n = ::epoll_wait(epoll_.fd(), events, 64, epoll_timeout_ms());
    for (int i = 0; i < n; ++i) dispatch(events[i]);
    expire_deadlines();
  }
  end_fibers();
}

void FiberLoop::run_ready() {
  // Those woken (their wait is over) first, in order: they mostly run briefly
  // and wait again. Then one of those that yielded, for a slice: a fiber woken
  // meanwhile waits at most that slice, not one slice of every long request.
  batch_.swap(ready_);
  for (Fiber* f : batch_) resume(*f);
  batch_.clear();
  if (!yielded_.empty()) {
    Fiber* f = yielded_.front();
    yielded_.pop_front();
    resume(*f);
  }
}

void FiberLoop::end_fibers() {
  ending_ = true;
  for (Fiber& f : fibers_)
    if (f.self && !f.conn) resume(f);  // returns at once: it has no connection
}

void FiberLoop::stop() {
  stopping_.store(true);
  wake_.signal();
}

void FiberLoop::resume(Fiber& f) {
  running_ = &f;
  resumed_at_ = Clock::now();
  cooperative::set_current(this);
  void* fake_stack = nullptr;
  start_switch(&fake_stack, f.stack_bottom, f.stack_size);
  f.self = std::move(f.self).resume();
  finish_switch(fake_stack, nullptr, nullptr);
  cooperative::set_current(nullptr);
  running_ = nullptr;
}

void FiberLoop::suspend() {
  Fiber& f = *running_;
  start_switch(&f.fake_stack, loop_stack_bottom_, loop_stack_size_);
  f.loop = std::move(f.loop).resume();
  finish_switch(f.fake_stack, &loop_stack_bottom_, &loop_stack_size_);
}

void FiberLoop::make_ready(Fiber& f) {
  f.waiting = false;
  f.deadline = Clock::time_point::max();
  ready_.push_back(&f);
}

void FiberLoop::take_connections() {
  if (free_.empty()) return watch_queue(false);
  queue_.clear_signal();  // first: a push after this signals it again
  while (!free_.empty()) {
    std::optional<Accepted> conn = queue_.try_pop();
    if (!conn) return;
    Fiber* f = free_.back();
    free_.pop_back();
    f->conn = std::move(conn);
    ++busy_;
    make_ready(*f);
  }
  queue_.signal();  // full: another loop may take what is left
  watch_queue(false);
}

void FiberLoop::watch_queue(bool on) {
  if (watching_queue_ == on) return;
  watching_queue_ = on;
  epoll_event ev{};
  ev.events = on ? static_cast<std::uint32_t>(EPOLLIN) : 0u;
  ev.data.ptr = &queue_;
  ::epoll_ctl(epoll_.fd(), EPOLL_CTL_MOD, queue_.ready_fd(), &ev);
}

void FiberLoop::dispatch(const epoll_event& ev) {
  if (ev.data.ptr == this) {
    wake_.drain();
    take_posted();
  } else if (ev.data.ptr == &queue_) {
    take_connections();
  } else {
    Watch& w = *static_cast<Watch*>(ev.data.ptr);
    w.armed = false;
    const auto revents = static_cast<short>(ev.events & 0xffff);  // EPOLLIN, OUT, ERR, HUP are poll()'s bits
    std::vector<Waiter> still;
    for (const Waiter& waiter : w.waiters) {
      if (!(revents & (waiter.events | POLLERR | POLLHUP | POLLNVAL))) {
        still.push_back(waiter);
      } else if (waiter.fiber->waiting) {
        waiter.fiber->revents = static_cast<short>(revents & (waiter.events | POLLERR | POLLHUP | POLLNVAL));
        make_ready(*waiter.fiber);
      }
    }
    w.waiters.swap(still);
    if (!w.waiters.empty()) arm(w);  // another fiber still waits for another event
  }
}

void FiberLoop::expire_deadlines() {
  const auto now = Clock::now();
  if (now < nearest_deadline_) return;  // nothing due: no need to look at each fiber
  for (Fiber& f : fibers_) {
    if (f.waiting && f.deadline <= now) {
      f.revents = 0;
      make_ready(f);
    }
  }
}

int FiberLoop::epoll_timeout_ms() {
  nearest_deadline_ = Clock::time_point::min();  // with fibers ready, no bound was found
  if (!ready_.empty() || !yielded_.empty()) return 0;
  auto nearest = Clock::time_point::max();
  for (const Fiber& f : fibers_)
    if (f.waiting && f.deadline < nearest) nearest = f.deadline;
  nearest_deadline_ = nearest;
  if (nearest == Clock::time_point::max()) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(nearest - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(std::min<long long>(left, 60'000));
}

bool FiberLoop::arm(Watch& w) {
  epoll_event ev{};
  ev.events = EPOLLONESHOT;
  for (const Waiter& waiter : w.waiters) ev.events |= static_cast<std::uint16_t>(waiter.events);
  ev.data.ptr = &w;
  // A descriptor stays registered, disarmed, after its event: re-arming it is
  // one call. One closed since is gone from epoll: add it afresh.
  if (::epoll_ctl(epoll_.fd(), EPOLL_CTL_MOD, w.fd, &ev) != 0 &&
      (errno != ENOENT || ::epoll_ctl(epoll_.fd(), EPOLL_CTL_ADD, w.fd, &ev) != 0))
    return false;
  w.armed = true;
  return true;
}

bool FiberLoop::watch(int fd, short events) {
  Watch& w = watches_.try_emplace(fd, Watch{fd, {}, false}).first->second;
  w.waiters.push_back({running_, events});
  if (arm(w)) return true;
  w.waiters.pop_back();
  return false;
}

void FiberLoop::unwatch(int fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) return;
  Watch& w = it->second;
  for (auto at = w.waiters.begin(); at != w.waiters.end();)
    at = at->fiber == running_ ? w.waiters.erase(at) : at + 1;
  if (!w.waiters.empty()) {
    arm(w);  // for what the others want
  } else if (w.armed) {
    // Still armed for an event no one waits for: a later wait on a reused
    // descriptor number must not find it.
    ::epoll_ctl(epoll_.fd(), EPOLL_CTL_DEL, fd, nullptr);
    watches_.erase(it);
  }
}

cooperative::WaitId FiberLoop::next_wait() { return {this, running_, running_->wait}; }

bool FiberLoop::suspend_waiting(Clock::time_point deadline) {
  Fiber& f = *running_;
  f.revents = 0;
  f.woken = f.early_wake;
  if (!f.early_wake) {
    f.waiting = true;
    f.deadline = deadline;
    if (deadline <= Clock::now()) make_ready(f);  // over already: others still get their turn
    suspend();
  }
  end_wait(f);
  return f.woken;
}

void FiberLoop::end_wait(Fiber& f) {
  f.early_wake = false;
  ++f.wait;  // a wake for the wait just over is stale from now on
}

void FiberLoop::wake(const cooperative::WaitId& id) {
  if (cooperative::current() == this) return wake_here(id);
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    posted_.push_back(id);
  }
  wake_.signal();
}

void FiberLoop::wake_here(const cooperative::WaitId& id) {
  Fiber& f = *static_cast<Fiber*>(id.fiber);
  if (f.wait != id.wait) return;  // that wait is over
  if (!f.waiting) {
    f.early_wake = true;  // it has not begun yet: it ends as soon as it does
    return;
  }
  f.woken = true;
  make_ready(f);
}

bool FiberLoop::wait_until(Clock::time_point deadline) { return suspend_waiting(deadline); }

short FiberLoop::wait_fd(int fd, short events, Clock::time_point deadline) {
  if (!watch(fd, events)) {
    end_wait(*running_);  // over at once: a Waiter made for it may not end the next one
    return POLLNVAL;
  }
  suspend_waiting(deadline);
  const short revents = running_->revents;
  unwatch(fd);
  return revents;
}

// Several descriptors (libcurl's): the fiber waits for the first event on
// any of them, then the system's poll() says, without waiting, which are ready.
int FiberLoop::poll(pollfd* fds, std::size_t n, Clock::time_point deadline) {
  std::size_t watched = 0;
  for (; watched < n; ++watched) {
    if (fds[watched].fd < 0) continue;
    if (!watch(fds[watched].fd, fds[watched].events)) break;
  }
  if (watched == n)
    suspend_waiting(deadline);
  else
    end_wait(*running_);  // one is invalid: poll() says which, at once
  for (std::size_t i = 0; i < watched; ++i)
    if (fds[i].fd >= 0) unwatch(fds[i].fd);
  const timespec now{0, 0};
  return ::ppoll(fds, n, &now, nullptr);
}

void FiberLoop::run_aside(const std::function<void()>& work) {
  const cooperative::WaitId done = next_wait();
  std::exception_ptr error;
  bool finished = false;
  AsidePool::shared().post(
      [&] {
        try {
          work();
        } catch (...) {
          error = std::current_exception();
        }
      },
      [this, done, &finished] {
        finished = true;  // read by the fiber only after the wake below reached it
        wake(done);
      });
  // Until the wake from the pool: `work`, `error` and `finished` live on this stack until then.
  while (!suspend_waiting(Clock::time_point::max()) || !finished) {
  }
  if (error) std::rethrow_exception(error);
}

void FiberLoop::yield_if_busy() {
  constexpr auto kSlice = std::chrono::milliseconds(1);
  if (Clock::now() - resumed_at_ < kSlice) return;
  yielded_.push_back(running_);
  suspend();
}

void FiberLoop::take_posted() {
  std::vector<cooperative::WaitId> posted;
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    posted.swap(posted_);
  }
  for (const auto& id : posted) wake_here(id);
}

}  // namespace partnerapi::server
