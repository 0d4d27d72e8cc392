#include "partnerapi/embedded.h"

#include <stdexcept>

namespace partnerapi {

const std::string& embedded(const std::string& path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.content;
  throw std::out_of_range("no embedded file " + path);
}

}  // namespace partnerapi
