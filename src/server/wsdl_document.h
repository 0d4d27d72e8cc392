#pragma once
// The hand-written WSDL served on GET ?wsdl, its soap:address locations
// rewritten to the URL the client used (or the configured public URL).
#include <string>

namespace partnerapi::server {

struct AddressSource {
  std::string public_url;       // configured; wins when set
  std::string forwarded_proto;  // X-Forwarded-Proto
  std::string forwarded_host;   // X-Forwarded-Host
  std::string host;             // Host
  std::string fallback_host;    // the listen address
};

// The endpoint URL for the soap:address of the WSDL.
std::string endpoint_url(const AddressSource& src);
std::string wsdl_for(const std::string& endpoint);

}  // namespace partnerapi::server
