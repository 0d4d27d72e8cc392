#pragma once
// The concrete gSOAP service generated from the WSDL (gen_adapters.py).
#include <memory>

class PartnerAPISoapBindingService;
struct soap;

namespace partnerapi {

// A service bound to `soap` (not owned): dispatch() runs one parsed request.
std::unique_ptr<PartnerAPISoapBindingService> make_service(struct soap* soap);
extern const int kOperationCount;

}  // namespace partnerapi
