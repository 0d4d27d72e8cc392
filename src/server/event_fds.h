#pragma once
// What the event loops (FiberLoop, IdleConnections, the connection queue) are
// built of: an epoll set, and an eventfd by which another thread wakes one.
// Each closes its descriptor with it; both throw when the system has none left.
#include <sys/epoll.h>

#include <cstdint>

namespace partnerapi::server {

class EventFd {
 public:
  EventFd();  // non-blocking
  EventFd(const EventFd&) = delete;
  EventFd& operator=(const EventFd&) = delete;
  ~EventFd();
  int fd() const { return fd_; }
  // Readable from now until drain(); from any thread.
  void signal();
  void drain();

 private:
  int fd_;
};

class EpollSet {
 public:
  EpollSet();
  EpollSet(const EpollSet&) = delete;
  EpollSet& operator=(const EpollSet&) = delete;
  ~EpollSet();
  int fd() const { return fd_; }
  // Watches `watched` for `events`, reported with `data`; false (errno) on failure.
  bool add(int watched, std::uint32_t events, epoll_data_t data);

 private:
  int fd_;
};

}  // namespace partnerapi::server
