#include "event_fds.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace partnerapi::server {
namespace {

int checked(int fd, const char* what) {
  if (fd < 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
  return fd;
}

}  // namespace

EventFd::EventFd() : fd_(checked(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd")) {}

EventFd::~EventFd() { ::close(fd_); }

void EventFd::signal() {
  const std::uint64_t one = 1;
  while (::write(fd_, &one, sizeof one) < 0 && errno == EINTR) {
  }
}

void EventFd::drain() {
  std::uint64_t count = 0;
  while (::read(fd_, &count, sizeof count) < 0 && errno == EINTR) {
  }
}

EpollSet::EpollSet() : fd_(checked(::epoll_create1(EPOLL_CLOEXEC), "epoll")) {}

EpollSet::~EpollSet() { ::close(fd_); }

bool EpollSet::add(int watched, std::uint32_t events, epoll_data_t data) {
  epoll_event ev{};
  ev.events = events;
  ev.data = data;
  return ::epoll_ctl(fd_, EPOLL_CTL_ADD, watched, &ev) == 0;
}

}  // namespace partnerapi::server
