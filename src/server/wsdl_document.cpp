#include "wsdl_document.h"

#include "partnerapi/embedded.h"

namespace partnerapi::server {
namespace {

constexpr const char* kPath = "/cus/ws/PartnerAPI";
constexpr const char* kPlaceholder = "http://localhost:8080/cus/ws/PartnerAPI";

// A host[:port] safe to put in an XML attribute; anything else is ignored.
bool safe_host(const std::string& h) {
  if (h.empty() || h.size() > 255) return false;
  for (char c : h)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return false;
  return true;
}

std::string first_value(const std::string& v) { return v.substr(0, v.find(',')); }

}  // namespace

std::string endpoint_url(const AddressSource& src) {
  if (!src.public_url.empty()) return src.public_url;
  const std::string fproto = first_value(src.forwarded_proto);
  const std::string proto = (fproto == "https" || fproto == "http") ? fproto : "http";
  std::string host = first_value(src.forwarded_host);
  if (!safe_host(host)) host = src.host;
  if (!safe_host(host)) host = src.fallback_host;
  return proto + "://" + host + kPath;
}

std::string wsdl_for(const std::string& endpoint) {
  std::string doc = embedded("wsdl/PartnerAPI.wsdl");
  const std::string placeholder = kPlaceholder;
  for (auto pos = doc.find(placeholder); pos != std::string::npos; pos = doc.find(placeholder, pos + endpoint.size()))
    doc.replace(pos, placeholder.size(), endpoint);
  return doc;
}

}  // namespace partnerapi::server
