#pragma once
// Whether the bytes received of a request are the whole of it, so a worker can
// read it without waiting on the client. Requests still arriving are held by
// the idle connections, not by a worker: slow clients cannot use up the workers.
#include <cstdint>
#include <string_view>

namespace partnerapi::server {

enum class Framing {
  Incomplete,  // more is on its way: keep collecting
  Ready,       // hand it to a worker
};

// Ready when the header is complete and either the body (by Content-Length,
// or chunked to its last chunk) is all there, or the worker must take over
// anyway: no body, a body over `max_body` (refused with 413), or
// `Expect: 100-continue` (the client waits for gSOAP's answer before sending
// it). A header that does not end within 64 KB, or framing gSOAP would refuse,
// is Ready too.
Framing request_framing(std::string_view received, std::uint64_t max_body);

// The bytes of the first request in `received` when it is there whole and its
// end is known (by Content-Length, the last chunk, or no body); else 0. What
// follows it is the next request (pipelined).
std::size_t whole_request_length(std::string_view received, std::uint64_t max_body);

}  // namespace partnerapi::server
