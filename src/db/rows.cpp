#include "partnerapi/db/rows.h"

#include <stdexcept>

namespace partnerapi::db {

void append_rows(Table& table, const pqxx::result& result) {
  const auto& columns = table.shape().columns();
  if (static_cast<std::size_t>(result.columns()) != columns.size())
    throw std::logic_error("query returns " + std::to_string(result.columns()) + " columns for a table of " +
                           std::to_string(columns.size()));
  table.reserve(table.rows().size() + static_cast<std::size_t>(result.size()));
  for (const auto& r : result) {
    Row row;
    row.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto f = r[static_cast<pqxx::row::size_type>(i)];
      if (f.is_null()) {
        row.push_back(nil());
      } else if (columns[i].type == ColumnType::Boolean) {
        row.push_back(cell(f.c_str()[0] == 't'));
      } else {
        row.push_back(cell(std::string(f.c_str(), f.size())));
      }
    }
    table.add(std::move(row));
  }
}

}  // namespace partnerapi::db
