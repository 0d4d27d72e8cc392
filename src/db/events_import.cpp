#include "partnerapi/db/queries.h"
#include "partnerapi/db/events_import.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/db/transactions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "bulk.h"
#include "partnerapi/moscow_time.h"
#include "partnerapi/uid.h"

namespace partnerapi::db {
namespace {


enum class Type { Uuid, Time, Int, Bool, Text };

// A field of a record: its name in the file, its column, its type, whether it
// must be there (else `fallback`, or NULL), its bounds, and the table an ID
// must name a row of.
struct Field {
  const char* name;
  const char* column;
  Type type;
  bool required = false;
  const char* fallback = nullptr;
  long long min = 0, max = 2147483647;  // Int
  std::size_t max_length = 0;           // Text; 0: no limit
  const char* references = nullptr;
};

struct Kind {
  const char* table;
  const char* key;  // the column holding the event ID
  std::vector<Field> fields;
};

Field uuid(const char* name, bool required = false, const char* references = nullptr, const char* column = nullptr) {
  return {name, column ? column : name, Type::Uuid, required, nullptr, 0, 0, 0, references};
}
Field time(const char* name) { return {name, name, Type::Time, true}; }
Field number(const char* name, long long min, long long max, const char* fallback = nullptr) {
  return {name, name, Type::Int, fallback == nullptr, fallback, min, max};
}

const Kind& kind_of(EventKind k) {
  static const Kind kCalls{"call", "id",
                           {uuid("id", true), time("started_at"), number("duration", 0, 2147483647),
                            uuid("partner_id", true, "partner"), uuid("client_id", false, "client"),
                            uuid("src_agent_id", false, "agent"), uuid("dst_agent_id", false, "agent"),
                            uuid("service_type_id", false, "service_type"), number("call_status_id", 0, 7),
                            number("remote_status_id", 0, 2, "0"),
                            {"record_url", "record_url", Type::Text, false, "", 0, 0, 500}}};
  static const Kind kRemote{"remote_session", "id",
                            {uuid("id", true), time("started_at"), number("duration", 0, 2147483647),
                             uuid("partner_id", true, "partner"), uuid("client_id", false, "client"),
                             uuid("server_agent_id", false, "agent"), uuid("client_agent_id", false, "agent"),
                             uuid("service_type_id", false, "service_type"), number("result", 0, 1),
                             number("remote_access_type_id", 1, 2)}};
  static const Kind kSip{"sip_call", "id",
                         {uuid("id", true), time("started_at"), number("duration", 0, 2147483647),
                          number("duration_after_answer", 0, 2147483647, "0"), uuid("partner_id", true, "partner"),
                          uuid("agent_id", false, "agent"), {"abonent", "abonent", Type::Text, false, "", 0, 0, 32},
                          {"incoming", "incoming", Type::Bool, true}, number("status", 0, 2)}};
  static const Kind kChat{"chat_message", "event_id",
                          {uuid("id", true, nullptr, "event_id"), time("sent_at"), uuid("partner_id", true, "partner"),
                           uuid("service_type_id", false, "service_type"), uuid("from_agent_id", true, "agent"),
                           uuid("to_agent_id", false, "agent"), uuid("client_user_id", false, "client_user"),
                           {"body", "body", Type::Text, true}}};
  switch (k) {
    case EventKind::Calls: return kCalls;
    case EventKind::Remote: return kRemote;
    case EventKind::Sip: return kSip;
    case EventKind::Chat: break;
  }
  return kChat;
}

const char* sql_type(Type t) {
  switch (t) {
    case Type::Uuid: return "uuid";
    case Type::Time: return "timestamptz";
    case Type::Int: return "integer";
    case Type::Bool: return "boolean";
    case Type::Text: break;
  }
  return "text";
}

[[noreturn]] void bad(std::uint64_t line, const std::string& what) {
  throw std::runtime_error("line " + std::to_string(line) + ": " + what);
}

// A value as the staging table's CSV takes it; nullopt for NULL.
std::optional<std::string> checked_value(const Field& f, const std::optional<std::string>& given, std::uint64_t line) {
  if (!given || given->empty()) {
    if (f.required) bad(line, std::string(f.name) + " is missing");
    return f.fallback ? std::optional<std::string>(f.fallback) : std::nullopt;
  }
  const std::string& v = *given;
  switch (f.type) {
    case Type::Uuid:
      if (const auto id = Uid::parse(v)) return id->str();
      bad(line, std::string(f.name) + " is not a UUID: " + v);
    case Type::Time:
      if (const auto t = MoscowTime::parse(v)) return t->iso();
      bad(line, std::string(f.name) + " is not a date and time: " + v);
    case Type::Int: {
      std::size_t used = 0;
      long long n = 0;
      try {
        n = std::stoll(v, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != v.size() || n < f.min || n > f.max)
        bad(line, std::string(f.name) + " is not an integer from " + std::to_string(f.min) + " to " +
                      std::to_string(f.max) + ": " + v);
      return std::to_string(n);
    }
    case Type::Bool:
      if (v == "true" || v == "1") return "true";
      if (v == "false" || v == "0") return "false";
      bad(line, std::string(f.name) + " is not true or false: " + v);
    case Type::Text: break;
  }
  if (f.max_length && v.size() > f.max_length)  // the ASCII fields (URL, number): bytes are characters
    bad(line, std::string(f.name) + " is longer than " + std::to_string(f.max_length));
  return v;
}

// CSV (RFC 4180): fields separated by commas, quoted with ", "" inside; a
// quoted field may span lines. Reads one record; false at the end.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  bool next(std::vector<std::optional<std::string>>& fields, std::uint64_t& first_line) {
    fields.clear();
    int c = in_.get();
    while (c == '\r' || c == '\n') {  // blank lines between records
      if (c == '\n') ++line_;
      c = in_.get();
    }
    if (c == EOF) return false;
    first_line = line_;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (;; c = in_.get()) {
      if (quoted) {
        if (c == EOF) bad(first_line, "a quoted field is not closed");
        if (c == '"') {
          if (in_.peek() == '"') {
            field += static_cast<char>(in_.get());
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field += static_cast<char>(c);
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',' || c == '\n' || c == EOF || c == '\r') {
        fields.push_back(field.empty() && !was_quoted ? std::nullopt : std::optional<std::string>(field));
        field.clear();
        was_quoted = false;
        if (c == '\r' && in_.peek() == '\n') c = in_.get();
        if (c != ',') {
          if (c == '\n' || c == '\r') ++line_;
          return true;
        }
      } else {
        field += static_cast<char>(c);
      }
    }
  }

 private:
  std::istream& in_;
  std::uint64_t line_ = 1;
};

std::string csv_quoted(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One staging row: the line, then each field (empty unquoted: NULL).
std::string staging_row(std::uint64_t line, const std::vector<std::optional<std::string>>& values) {
  std::string row = std::to_string(line);
  for (const auto& v : values) {
    row += ',';
    if (v) row += csv_quoted(*v);
  }
  return row + "\n";
}

// Reads the file, record by record, into the staging table's CSV.
class Records {
 public:
  Records(std::istream& in, const Kind& kind, const EventsImport& options)
      : in_(in), kind_(kind), options_(options), csv_(in) {}

  std::uint64_t count() const { return count_; }

  void produce(const BulkConnection::Send& send) {
    while (std::isspace(in_.peek())) in_.get();
    const bool ndjson = in_.peek() == '{';
    std::string batch;
    std::vector<std::optional<std::string>> values(kind_.fields.size());
    std::uint64_t line = 0;
    while (ndjson ? next_json(values, line) : next_csv(values, line)) {
      ++count_;
      batch += staging_row(line, values);
      if (batch.size() >= (1u << 16)) {
        send(batch);
        batch.clear();
        if (options_.progress) options_.progress(static_cast<std::uint64_t>(std::max<std::streamoff>(in_.tellg(), 0)));
      }
    }
    if (in_.bad()) throw std::runtime_error("the input could not be read");
    if (!batch.empty()) send(batch);
  }

 private:
  bool next_csv(std::vector<std::optional<std::string>>& values, std::uint64_t& line) {
    std::vector<std::optional<std::string>> raw;
    if (columns_.empty()) {
      if (!csv_.next(raw, line)) return false;
      header(raw, line);
    }
    if (!csv_.next(raw, line)) return false;
    if (raw.size() != columns_.size())
      bad(line, std::to_string(raw.size()) + " fields where the header has " + std::to_string(columns_.size()));
    std::vector<std::optional<std::string>> given(kind_.fields.size());
    for (std::size_t i = 0; i < raw.size(); ++i)
      if (columns_[i] >= 0) given[static_cast<std::size_t>(columns_[i])] = raw[i];
    for (std::size_t f = 0; f < kind_.fields.size(); ++f) values[f] = checked_value(kind_.fields[f], given[f], line);
    return true;
  }

  void header(const std::vector<std::optional<std::string>>& names, std::uint64_t line) {
    for (const auto& name : names) {
      const auto it = std::find_if(kind_.fields.begin(), kind_.fields.end(),
                                   [&](const Field& f) { return name && *name == f.name; });
      if (it == kind_.fields.end()) bad(line, "unknown column " + name.value_or("(empty)"));
      columns_.push_back(static_cast<int>(it - kind_.fields.begin()));
    }
  }

  bool next_json(std::vector<std::optional<std::string>>& values, std::uint64_t& line) {
    std::string text;
    while (std::getline(in_, text)) {
      line = ++json_line_;
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json record;
      try {
        record = nlohmann::json::parse(text);
      } catch (const nlohmann::json::exception&) {
        bad(line, "not a JSON object");
      }
      if (!record.is_object()) bad(line, "not a JSON object");
      for (auto it = record.begin(); it != record.end(); ++it)
        if (std::none_of(kind_.fields.begin(), kind_.fields.end(), [&](const Field& f) { return it.key() == f.name; }))
          bad(line, "unknown field " + it.key());
      for (std::size_t f = 0; f < kind_.fields.size(); ++f) {
        const auto it = record.find(kind_.fields[f].name);
        std::optional<std::string> given;
        if (it != record.end() && !it->is_null()) given = it->is_string() ? it->get<std::string>() : it->dump();
        values[f] = checked_value(kind_.fields[f], given, line);
      }
      return true;
    }
    return false;
  }

  std::istream& in_;
  const Kind& kind_;
  const EventsImport& options_;
  CsvReader csv_;
  std::vector<int> columns_;  // the header's columns, as field indexes
  std::uint64_t count_ = 0, json_line_ = 0;
};

std::string joined(const Kind& k, const std::string& prefix) {
  std::string out;
  for (const auto& f : k.fields) out += (out.empty() ? "" : ", ") + prefix + f.column;
  return out;
}

// The first line naming a row that does not exist, for each reference.
void require_references(BulkConnection& conn, const Kind& k) {
  for (const auto& f : k.fields) {
    if (!f.references) continue;
    const Rows r = conn.run(std::string("SELECT min(s.line) FROM event_staging s WHERE s.") + f.column +
                            " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + f.references + " r WHERE r.id = s." +
                            f.column + ")");
    if (!r.is_null(0, 0)) bad(std::stoull(std::string(r.text(0, 0))), std::string(f.name) + " names no " + f.references);
  }
}

}  // namespace

std::optional<EventKind> event_kind(std::string_view name) {
  for (EventKind k : kEventKinds)
    if (name == event_kind_name(k)) return k;
  return std::nullopt;
}

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::Calls: return "calls";
    case EventKind::Remote: return "remote";
    case EventKind::Sip: return "sip";
    case EventKind::Chat: break;
  }
  return "chat";
}

EventsFigures events_figures(Pool& pool) {
  static   EventsFigures f;
  run_without_transaction(pool, [&](Session& db) {
    const Rows rows = exec(db, sql::events_imported);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto kind = event_kind(rows.text(r, 0));
      if (!kind) continue;
      const auto at = static_cast<std::size_t>(*kind);
      f.records[at] = std::stod(std::string(rows.text(r, 1)));
      f.last_import[at] = std::stod(std::string(rows.text(r, 2)));
    }
  });
  return f;
}

EventsImported import_events(const std::string& conninfo, EventKind kind, std::istream& in,
                             const EventsImport& options) {
  const Kind& k = kind_of(kind);
  BulkConnection conn(conninfo);
  conn.run("BEGIN");
  std::string columns = "line bigint";
  for (const auto& f : k.fields) columns += std::string(", ") + f.column + " " + sql_type(f.type);
  conn.run("CREATE TEMP TABLE event_staging (" + columns + ") ON COMMIT DROP");
  Records records(in, k, options);
  conn.copy_in("COPY event_staging FROM STDIN WITH (FORMAT csv)",
               [&](const BulkConnection::Send& send) { records.produce(send); });
  require_references(conn, k);
  // The last record of an event wins; one that changes nothing is not written.
  std::string set, differs;
  for (const auto& f : k.fields) {
    if (std::string_view(f.column) == k.key) continue;
    set += (set.empty() ? "" : ", ") + std::string(f.column) + " = EXCLUDED." + f.column;
  }
  const std::string cols = joined(k, "");
  const Rows r = conn.run("WITH latest AS (SELECT DISTINCT ON (" + std::string(k.key) + ") " + cols +
                         " FROM event_staging ORDER BY " + k.key + ", line DESC), "
                         "written AS (INSERT INTO " + k.table + " AS t (" + cols + ") SELECT " + cols +
                         " FROM latest ON CONFLICT (" + k.key + ") DO UPDATE SET " + set + " WHERE (" +
                         joined(k, "t.") + ") IS DISTINCT FROM (" + joined(k, "EXCLUDED.") +
                         ") RETURNING (xmax = 0) AS inserted) "
                         "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written");
  EventsImported out;
  out.records = records.count();
  out.inserted = std::stoull(std::string(r.text(0, 0)));
  out.updated = std::stoull(std::string(r.text(0, 1)));
  out.unchanged = out.records - out.inserted - out.updated;
  conn.run("INSERT INTO event_import (kind, records, inserted, updated) VALUES ('" +
                      std::string(event_kind_name(kind)) + "', " + std::to_string(out.records) + ", " +
                      std::to_string(out.inserted) + ", " + std::to_string(out.updated) + ")");
  conn.run("COMMIT");
  return out;
}

}  // namespace partnerapi::db
