#pragma once
// Socket I/O for the workers without gSOAP's select() before every recv and
// send: the kernel's SO_RCVTIMEO / SO_SNDTIMEO give the receive and send
// timeouts for one system call less each, and the transfer timeout (a whole
// request, from its first byte) is a deadline checked here.
//
// Small writes are held and sent together: gSOAP writes the HTTP header and
// the body separately, and two segments cost the client a second wake-up.
// Held output goes out before any read (a 100 Continue must reach the client
// before we wait for the body), when the connection closes, and at flush().
//
// A connection closed while the peer may still be sending its request (a
// refused or faulty body) lingers: our answer goes out, then what the peer
// sends is read and dropped until it closes. Closing on unread input would
// make the kernel reset the connection, and the client lose our answer.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <stdsoap2.h>

namespace partnerapi::server {

class SocketIo {
 public:
  // A request that has not begun within `idle_after` ends the wait as input's
  // end with went_idle() true: the connection is then held idle elsewhere.
  SocketIo(int recv_timeout_s, int send_timeout_s, int transfer_timeout_s, std::chrono::milliseconds idle_after);
  // Takes over `s`'s recv/send/close; gSOAP's own timeouts must be 0.
  // `input_unread` tells, at close, whether the request was not read whole.
  void install(struct soap* s, std::function<bool()> input_unread);
  // A new connection: its kernel timeouts are set.
  void attach(SOAP_SOCKET socket);
  // A new request on the connection: its transfer time starts at its first byte.
  void begin_request() { started_ = false; timed_out_ = false; idle_ = false; }
  // No byte of the request came within `idle_after`.
  bool went_idle() const { return idle_; }
  // Sends what is held; SOAP_OK or SOAP_EOF.
  int flush(struct soap* s);

 private:
  static size_t recv(struct soap* s, char* buf, size_t len);
  static int send(struct soap* s, const char* buf, size_t len);
  static int close(struct soap* s);
  int write_all(struct soap* s, const char* buf, size_t len);
  // Ends our side, then reads and drops input until the peer closes: at most
  // 64 MB, 2 s for each read and 10 s in all, so a slow sender is not waited for.
  static void linger(SOAP_SOCKET socket);
  bool past_deadline() const;

  static constexpr size_t kHoldLimit = 16 * 1024;
  std::string held_;
  int (*default_close_)(struct soap*) = nullptr;
  std::function<bool()> input_unread_;

  std::chrono::seconds recv_timeout_, send_timeout_;
  std::chrono::seconds transfer_timeout_;
  bool started_ = false;
  bool timed_out_ = false;  // the peer went quiet: it is not waited for again at close
  bool idle_ = false;
  std::chrono::milliseconds idle_after_;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace partnerapi::server
