#pragma once
// libpq resolves a host name with the blocking getaddrinfo(), which on an
// event loop thread would hold up every request of that thread for as long as
// DNS takes. The name is resolved here instead, by a lookup run aside
// (cooperative::run_aside), and given to libpq as hostaddr; host stays for
// TLS and for messages.
#include <string>

namespace partnerapi::db {

// `conninfo` with `hostaddr` added for its host name. Unchanged when there is
// no name to resolve (a socket directory, an address, hostaddr already given,
// several hosts) or when the lookup fails (libpq then reports it as usual).
std::string with_host_resolved(const std::string& conninfo);

}  // namespace partnerapi::db
