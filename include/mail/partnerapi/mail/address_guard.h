#pragma once
// Which addresses an outgoing connection the caller chose (its SMTP server)
// may reach. By default only public unicast addresses, on the mail ports:
// loopback, private, shared (CGNAT), link-local (cloud metadata among them),
// multicast, documentation and reserved ranges are refused, IPv4 and IPv6
// alike (an IPv4-mapped IPv6 address is judged as its IPv4). Networks the
// configuration allows are reached on any port.
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partnerapi::mail {

// An IPv4 or IPv6 network; IPv4 is kept as IPv4-mapped IPv6.
struct Network {
  std::array<std::uint8_t, 16> address{};
  int prefix = 0;  // bits, of the 128
  // "192.168.0.0/16", "::1/128", "127.0.0.1" (a single address). Throws
  // std::invalid_argument naming the text.
  static Network parse(std::string_view cidr);
  bool contains(const std::array<std::uint8_t, 16>& a) const;
};

struct AddressPolicy {
  std::vector<Network> allowed;                       // reached on any port
  std::vector<int> public_ports = {25, 465, 587, 2525};  // for every other public address
};

enum class Verdict { Allowed, NotPublic, PortNotAllowed };

// Of a socket address (AF_INET or AF_INET6) with its port.
Verdict judge(const sockaddr* address, const AddressPolicy& policy);
// The address as text, for logs and faults ("10.0.0.1", "::1").
std::string address_text(const sockaddr* address);

}  // namespace partnerapi::mail
