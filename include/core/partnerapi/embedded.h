#pragma once
// Text files compiled into the binary (migrations, demo data, the WSDL).
#include <string>
#include <vector>

namespace partnerapi {

struct EmbeddedFile {
  std::string path;  // relative to the project root, e.g. sql/migrations/V001__schema.sql
  std::string content;
};

const std::vector<EmbeddedFile>& embedded_files();
// The content of one embedded file; throws std::out_of_range if absent.
const std::string& embedded(const std::string& path);

}  // namespace partnerapi
