#pragma once
// Connections waiting for a worker: new ones from the accept loop (bounded, so
// a flood waits in the kernel's backlog instead of in our memory) and held
// ones whose next request has come whole (already ours: never refused).
// The event loops watch ready_fd() (readable while something may be queued)
// and take with try_pop(); pop() blocks, for a plain thread.
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <stdsoap2.h>

namespace partnerapi::server {

struct Accepted {
  SOAP_SOCKET socket = SOAP_INVALID_SOCKET;
  std::string peer;
  int keep_alive = -1;  // gSOAP's keep-alive count when it went idle; -1: a new connection
  std::string preread;  // its next request, read while it was held idle
};

class ConnectionQueue {
 public:
  explicit ConnectionQueue(std::size_t capacity)
      : capacity_(capacity), ready_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (ready_fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
  }
  ConnectionQueue(const ConnectionQueue&) = delete;
  ConnectionQueue& operator=(const ConnectionQueue&) = delete;
  ~ConnectionQueue() { ::close(ready_fd_); }

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
  int ready_fd() const { return ready_fd_; }
  // Makes ready_fd() readable: something may be queued.
  void signal() {
    const std::uint64_t one = 1;
    while (::write(ready_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
  }

 private:
  Accepted take_front() {
    Accepted a = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return a;
  }

  std::size_t capacity_;
  int ready_fd_;
  std::deque<Accepted> items_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
};

}  // namespace partnerapi::server
