// The operation table: all 71 operations of PartnerAPI 1.20, in the order of
// the specification's section 3, each as its family declares it. A name no
// family declares yet answers with a NOT_IMPLEMENTED fault naming the
// operation, never with a fake success.
#include <algorithm>
#include <stdexcept>

#include "families.h"

namespace partnerapi::ops {
namespace {

struct Listed {
  std::string_view name;
  Access access;
};

constexpr Access R = Access::Read;
constexpr Access W = Access::Write;

constexpr Listed kSpecification[] = {
    {"partner_read", R}, {"partner_contact_read", R}, {"partner_contact_edit", W}, {"partner_role_read", R},
    {"partner_region_read", R}, {"partner_vendor_read", R}, {"client_read", R}, {"client_read_advanced", R},
    {"client_add", W}, {"client_add_its", W}, {"client_add_advanced", W}, {"client_edit", W},
    {"client_edit_its", W}, {"client_edit_advanced", W}, {"client_ITS_status_For_INN", R}, {"client_delete", W},
    {"client_contact_read", R}, {"client_contact_edit", W}, {"client_vendor_read", R}, {"agent_partner_read", R},
    {"agent_partner_add", W}, {"agent_partner_edit", W}, {"agent_partner_delete", W}, {"agent_user_read", R},
    {"agent_user_add", W}, {"agent_user_edit", W}, {"agent_user_delete", W}, {"account_access_email_notify", R},
    {"service_type_read", R}, {"service_type_add", W}, {"service_type_edit", W}, {"service_type_delete", W},
    {"region_read", R}, {"contract_read", R}, {"contract_service_read", R}, {"contract_service_add", W},
    {"contract_service_delete", W}, {"service_read", R}, {"service_add", W}, {"service_stop", W},
    {"service_edit", W}, {"competence_read", R}, {"competence_add", W}, {"competence_stop", W},
    {"partner_user_read", R}, {"partner_user_read_with_birthday", R}, {"partner_user_add", W},
    {"partner_user_set_birthday", W}, {"partner_user_edit", W}, {"partner_user_delete", W},
    {"partner_user_contact_read", R}, {"partner_user_contact_edit", W}, {"client_user_read", R},
    {"client_user_read_with_birthday", R}, {"client_user_add", W}, {"client_user_edit", W},
    {"client_user_set_birthday", W}, {"client_user_delete", W}, {"client_user_contact_read", R},
    {"client_user_contact_edit", W}, {"statistics_read", R}, {"remote_access_statistics_read", R},
    {"sip_calls_statistics_read", R}, {"chat_history_statistics_read", R}, {"chat_history_colleagues_read", R},
    {"contact_type_read", R}, {"role_read", R}, {"call_status_type_read", R}, {"remote_status_type_read", R},
    {"remote_access_type_read", R}, {"pay_method_type_read", R},
};

std::vector<OperationSpec> declared() {
  std::vector<OperationSpec> all;
  for (auto family : {reference_operations, partner_operations, client_operations, its_operations, user_operations,
                        agent_operations, access_email_operations, service_type_operations, contract_operations,
                        service_operations, competence_operations, statistics_operations, chat_operations})
    for (auto& spec : family()) all.push_back(std::move(spec));
  return all;
}

// The specification's list, each row its family's declaration when there is one.
std::vector<OperationSpec> table() {
  auto families = declared();
  std::vector<OperationSpec> out;
  for (const auto& listed : kSpecification) {
    OperationSpec spec = not_built(listed.name, listed.access);
    for (auto& d : families)
      if (d.name == listed.name) spec = std::move(d);
    if (spec.access != listed.access) throw std::logic_error(std::string(listed.name) + ": declared with another access");
    out.push_back(std::move(spec));
  }
  if (out.size() - static_cast<std::size_t>(std::count_if(out.begin(), out.end(), [](const auto& s) {
                                             return !s.built();
                                           })) != families.size())
    throw std::logic_error("a family declares an operation the specification does not list");
  return out;
}

}  // namespace

const std::vector<OperationSpec>& operations() {
  static const std::vector<OperationSpec> kTable = table();
  return kTable;
}

const OperationSpec* find_operation(std::string_view name) {
  for (const auto& op : operations())
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace partnerapi::ops
