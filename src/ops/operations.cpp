// The operation table: all 71 operations of PartnerAPI 1.20, in the order of
// the specification's section 3. A row without a handler answers with a
// NOT_IMPLEMENTED fault naming the operation, never with a fake success.
#include "handlers.h"

namespace partnerapi::ops {

const std::vector<Operation>& operations() {
  using A = Access;
  static const std::vector<Operation> kOperations = {
      {"partner_read", A::Read, partner_read},
      {"partner_contact_read", A::Read, partner_contact_read},
      {"partner_contact_edit", A::Write, partner_contact_edit},
      {"partner_role_read", A::Read, partner_role_read},
      {"partner_region_read", A::Read, partner_region_read},
      {"partner_vendor_read", A::Read, nullptr},
      {"client_read", A::Read, client_read},
      {"client_read_advanced", A::Read, client_read},
      {"client_add", A::Write, client_add},
      {"client_add_its", A::Write, client_add},
      {"client_add_advanced", A::Write, client_add},
      {"client_edit", A::Write, client_edit},
      {"client_edit_its", A::Write, client_edit},
      {"client_edit_advanced", A::Write, client_edit},
      {"client_ITS_status_For_INN", A::Read, client_ITS_status_For_INN},
      {"client_delete", A::Write, client_delete},
      {"client_contact_read", A::Read, client_contact_read},
      {"client_contact_edit", A::Write, client_contact_edit},
      {"client_vendor_read", A::Read, client_vendor_read},
      {"agent_partner_read", A::Read, nullptr},
      {"agent_partner_add", A::Write, nullptr},
      {"agent_partner_edit", A::Write, nullptr},
      {"agent_partner_delete", A::Write, nullptr},
      {"agent_user_read", A::Read, nullptr},
      {"agent_user_add", A::Write, nullptr},
      {"agent_user_edit", A::Write, nullptr},
      {"agent_user_delete", A::Write, nullptr},
      {"account_access_email_notify", A::Read, nullptr},
      {"service_type_read", A::Read, nullptr},
      {"service_type_add", A::Write, nullptr},
      {"service_type_edit", A::Write, nullptr},
      {"service_type_delete", A::Write, nullptr},
      {"region_read", A::Read, region_read},
      {"contract_read", A::Read, nullptr},
      {"contract_service_read", A::Read, nullptr},
      {"contract_service_add", A::Write, nullptr},
      {"contract_service_delete", A::Write, nullptr},
      {"service_read", A::Read, nullptr},
      {"service_add", A::Write, nullptr},
      {"service_stop", A::Write, nullptr},
      {"service_edit", A::Write, nullptr},
      {"competence_read", A::Read, nullptr},
      {"competence_add", A::Write, nullptr},
      {"competence_stop", A::Write, nullptr},
      {"partner_user_read", A::Read, nullptr},
      {"partner_user_read_with_birthday", A::Read, nullptr},
      {"partner_user_add", A::Write, nullptr},
      {"partner_user_set_birthday", A::Write, nullptr},
      {"partner_user_edit", A::Write, nullptr},
      {"partner_user_delete", A::Write, nullptr},
      {"partner_user_contact_read", A::Read, nullptr},
      {"partner_user_contact_edit", A::Write, nullptr},
      {"client_user_read", A::Read, nullptr},
      {"client_user_read_with_birthday", A::Read, nullptr},
      {"client_user_add", A::Write, nullptr},
      {"client_user_edit", A::Write, nullptr},
      {"client_user_set_birthday", A::Write, nullptr},
      {"client_user_delete", A::Write, nullptr},
      {"client_user_contact_read", A::Read, nullptr},
      {"client_user_contact_edit", A::Write, nullptr},
      {"statistics_read", A::Read, nullptr},
      {"remote_access_statistics_read", A::Read, nullptr},
      {"sip_calls_statistics_read", A::Read, nullptr},
      {"chat_history_statistics_read", A::Read, nullptr},
      {"chat_history_colleagues_read", A::Read, nullptr},
      {"contact_type_read", A::Read, contact_type_read},
      {"role_read", A::Read, role_read},
      {"call_status_type_read", A::Read, call_status_type_read},
      {"remote_status_type_read", A::Read, remote_status_type_read},
      {"remote_access_type_read", A::Read, remote_access_type_read},
      {"pay_method_type_read", A::Read, pay_method_type_read},
  };
  return kOperations;
}

const Operation* find_operation(std::string_view name) {
  for (const auto& op : operations())
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace partnerapi::ops
