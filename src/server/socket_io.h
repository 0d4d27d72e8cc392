#pragma once
// Socket I/O for the workers, in place of gSOAP's: the socket is non-blocking
// and each wait for it goes through cooperative::wait_fd, so a worker's fiber
// waiting for its client lets the thread serve others (fiber_loop.h). The
// receive, send and transfer timeouts (a whole request, from its first byte)
// are kept here.
//
// Small writes are held and sent together: gSOAP writes the HTTP header and
// the body separately, and two segments cost the client a second wake-up.
// Held output goes out before any read (a 100 Continue must reach the client
// before we wait for the body), when the connection closes, and at flush().
//
// A worker reads a request only once it has come whole (request_framing.h):
// a first read that is not the whole request is kept (take_received) and the
// connection handed to IdleConnections, which collects the rest. What it
// collected, and a pipelined next request gSOAP read ahead, are read from
// memory before the socket.
//
// A connection closed while the peer may still be sending its request (a
// refused or faulty body) lingers: our answer goes out, then what the peer
// sends is read and dropped until it closes. Closing on unread input would
// make the kernel reset the connection, and the client lose our answer.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include <stdsoap2.h>

namespace partnerapi::server {

class SocketIo {
 public:
  // A request that has not begun within `idle_after`, or whose first read is
  // not the whole of it (request_framing), ends the wait as input's end with
  // went_idle() true: the connection is then held elsewhere until it is ready.
  SocketIo(int recv_timeout_s, int send_timeout_s, int transfer_timeout_s, std::chrono::milliseconds idle_after);
  // Takes over `s`'s recv/send/close and wraps its message-end and GET hooks
  // (install those first); gSOAP's own timeouts must be 0.
  // `input_unread` tells, at close, whether the request was not read whole.
  void install(struct soap* s, std::function<bool()> input_unread);
  // A connection taken up (made non-blocking); `received` (bytes of its next
  // request, read while it was held) is read before the socket.
  void attach(SOAP_SOCKET socket, std::string received);
  // A new request on the connection: its transfer time starts at its first byte.
  void begin_request() {
    started_ = false;
    timed_out_ = false;
    idle_ = false;
    request_left_ = kUnknownLength;
  }
  // The request did not begin within `idle_after`, or is still arriving.
  bool went_idle() const { return idle_; }
  // What was read of a request still arriving, for whoever holds the connection.
  std::string take_received() { return std::exchange(partial_, {}); }
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
  // Waits for input on the socket: idle_after_ between requests (false and
  // went_idle() when none came), recv_timeout_ within one (false and
  // timed_out_), never past the transfer deadline.
  bool wait_for_input(SOAP_SOCKET socket);
  void start_transfer();
  // The first read of a request, from the socket: 0 (the bytes kept in
  // partial_) when it is not the whole request and the connection should wait
  // without a worker; else the bytes of this request, the rest kept ahead.
  size_t first_read(const char* buf, size_t n);
  size_t read_preread(char* buf, size_t len);
  // The request's bytes begin: its transfer time starts, and its length is
  // known when it came whole (0: not known, read until gSOAP is done).
  void begin_reading(size_t whole_length);
  // Bytes of the next request, to be read before the socket and judged afresh.
  void keep_ahead(const char* data, size_t n);
  // Keeps what gSOAP read past the end of the request (the next, pipelined
  // one) to be read again: gSOAP writes its answer through the same buffer.
  // Run where a request's reading ends: the end of a POST's message, a GET's header.
  static void keep_unread(struct soap* s);
  static int message_end(struct soap* s);
  static int get_request(struct soap* s);
  int (*default_message_end_)(struct soap*) = nullptr;
  int (*default_get_)(struct soap*) = nullptr;

  static constexpr size_t kHoldLimit = 16 * 1024;
  std::string held_;
  int (*default_close_)(struct soap*) = nullptr;
  std::function<bool()> input_unread_;

  std::chrono::seconds recv_timeout_, send_timeout_;
  std::chrono::seconds transfer_timeout_;
  bool started_ = false;
  bool timed_out_ = false;  // the peer went quiet: it is not waited for again at close
  bool idle_ = false;
  bool answered_ = false;  // something was sent on this connection
  std::chrono::milliseconds idle_after_;
  std::string preread_;  // read while held, or read ahead: given to gSOAP before the socket
  size_t preread_at_ = 0;
  bool preread_judged_ = false;  // whole, or to be read as it is: no framing check
  static constexpr size_t kUnknownLength = static_cast<size_t>(-1);
  size_t request_left_ = kUnknownLength;  // bytes of the request gSOAP has still to read
  std::string partial_;
  std::uint64_t max_body_ = 0;  // gSOAP's recv_maxlength: a larger request is for the worker to refuse
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace partnerapi::server
