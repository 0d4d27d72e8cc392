#pragma once
// Connections waiting for a worker: new ones from the accept loop (bounded, so
// a flood waits in the kernel's backlog instead of in our memory) and held
// ones whose next request has come whole (already ours: never refused).
// The event loops watch ready_fd() (readable while something may be queued)
// and take with try_pop(); pop() blocks, for a plain thread.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include <stdsoap2.h>

#include "event_fds.h"

namespace partnerapi::server {

struct Accepted {
  SOAP_SOCKET socket = SOAP_INVALID_SOCKET;
  std::string peer;
  int keep_alive = -1;  // gSOAP's keep-alive count when it went idle; -1: a new connection
  std::string preread;  // its next request, read while it was held idle
};

class ConnectionQueue {
 public:
  explicit ConnectionQueue(std::size_t capacity) : capacity_(capacity) {}

  void push(Accepted a) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(a));
    ready_.notify_one();
    lock.unlock();
    signal();
  }
  void push_resumed(Accepted a) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      items_.push_back(std::move(a));
      ready_.notify_one();
    }
    signal();
  }
  Accepted pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !items_.empty(); });
    return take_front();
  }
  std::optional<Accepted> try_pop() {
    std::lock_guard<std::mutex> lock(mu_);
    if (items_.empty()) return std::nullopt;
    return take_front();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }
  int ready_fd() const { return signalled_.fd(); }
  // Makes ready_fd() readable: something may be queued.
  void signal() { signalled_.signal(); }
  // Before taking: a push after this makes ready_fd() readable again.
  void clear_signal() { signalled_.drain(); }

 private:
  Accepted take_front() {
    Accepted a = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return a;
  }

  std::size_t capacity_;
  EventFd signalled_;  // readable while something may be queued
  std::deque<Accepted> items_;
  mutable std::mutex mu_;
  std::condition_variable ready_, space_;
};

}  // namespace partnerapi::server
