#pragma once
// Each owner of contact information takes contact types of one code only
// (contact_type_code): clients 1, partners 2, partner and client users 3.
#include <optional>
#include <string>

#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {

enum class ContactOwner { Client = 1, Partner = 2, User = 3 };

// An INVALID_CONTACT_TYPE fault when `type` is given and of another code.
void require_contact_type(Context& ctx, const std::optional<Uid>& type, ContactOwner owner);
// The new contact_view of a contact edit, cut at 500 characters; absent or
// nil is a REQUIRED fault ("" is a value: the contact is emptied).
std::string contact_view(const Request& req);

}  // namespace partnerapi::ops
