#pragma once
// Connections waiting for a worker: new ones from the accept loop (bounded, so
// a flood waits in the kernel's backlog instead of in our memory) and held
// ones whose next request has come whole (already ours: never refused).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
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
  explicit ConnectionQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(Accepted a) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(a));
    ready_.notify_one();
  }
  void push_resumed(Accepted a) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(std::move(a));
    ready_.notify_one();
  }
  Accepted pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !items_.empty(); });
    Accepted a = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return a;
  }

 private:
  std::size_t capacity_;
  std::deque<Accepted> items_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
};

}  // namespace partnerapi::server
