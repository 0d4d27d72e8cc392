#pragma once
// Column widths shared by the result shapes of several operation families.
namespace partnerapi::ops {

constexpr int kUid = 36;                 // a UUID's text form
constexpr int kContactViewMax = 500;     // contact_view, every owner

}  // namespace partnerapi::ops
