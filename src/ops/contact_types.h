#pragma once
// Contact information, for every owner: each owner takes contact types of one
// code only (contact_type_code): clients 1, partners 2, partner and client
// users 3. A contact edit cuts contact_view at 500 characters and overwrites.
#include <optional>

#include "partnerapi/ops/declaration.h"
#include "shapes.h"

namespace partnerapi::ops {

enum class ContactOwner { Client = 1, Partner = 2, User = 3 };

constexpr OperandSpec kContactTypeId = id("contact_type_id", ObjectKind::ContactType);
// "" is a value: the contact is emptied.
constexpr OperandSpec kContactView = required(text("contact_view", kContactViewMax));

// An INVALID_CONTACT_TYPE fault when `type` is given and of another code.
extern const Refusal kContactTypeOfOthers;
void require_contact_type(Context& ctx, const std::optional<Uid>& type, ContactOwner owner);

}  // namespace partnerapi::ops
