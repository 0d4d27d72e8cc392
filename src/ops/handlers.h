#pragma once
// Handlers of the operations built so far, one file per object family.
#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {

// reference_ops.cpp: dictionaries
Result contact_type_read(Context&, const Request&);
Result role_read(Context&, const Request&);
Result call_status_type_read(Context&, const Request&);
Result remote_status_type_read(Context&, const Request&);
Result remote_access_type_read(Context&, const Request&);
Result pay_method_type_read(Context&, const Request&);
Result region_read(Context&, const Request&);

// partner_ops.cpp: the current partner
Result partner_read(Context&, const Request&);
Result partner_role_read(Context&, const Request&);
Result partner_region_read(Context&, const Request&);
Result partner_contact_read(Context&, const Request&);
Result partner_contact_edit(Context&, const Request&);

// client_ops.cpp: clients (each serves the plain, _its and _advanced variants)
Result client_read(Context&, const Request&);
Result client_add(Context&, const Request&);
Result client_edit(Context&, const Request&);
Result client_delete(Context&, const Request&);
Result client_contact_read(Context&, const Request&);
Result client_contact_edit(Context&, const Request&);
Result client_vendor_read(Context&, const Request&);

// its_ops.cpp: the 1C:ITS registry
Result client_ITS_status_For_INN(Context&, const Request&);

}  // namespace partnerapi::ops
