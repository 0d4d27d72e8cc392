#include "partnerapi/db/rows.h"

#include "partnerapi/cooperative.h"

#include <stdexcept>

namespace partnerapi::db {

void append_rows(Table& table, const pqxx::result& result) {
  const auto& columns = table.shape().columns();
  if (static_cast<std::size_t>(result.columns()) != columns.size())
    throw std::logic_error("query returns " + std::to_string(result.columns()) + " columns for a table of " +
                           std::to_string(columns.size()));
  std::size_t bytes = 0;  // one allocation for the whole text
  for (const auto& r : result)
    for (const auto& f : r) bytes += f.size();
  table.reserve(static_cast<std::size_t>(result.size()), bytes);
  std::size_t row = 0;
  for (const auto& r : result) {
    cooperative::yield_if_busy_at_row(row++);  // a large result: others go on meanwhile
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto f = r[static_cast<pqxx::row::size_type>(i)];
      if (f.is_null()) {
        table.push_nil();
      } else if (columns[i].type == ColumnType::Boolean) {
        table.push(f.c_str()[0] == 't' ? "true" : "false");
      } else {
        table.push(std::string_view(f.c_str(), f.size()));
      }
    }
    table.end_row();
  }
}

}  // namespace partnerapi::db
