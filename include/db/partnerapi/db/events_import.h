#pragma once
// Events from the platform's telephony, remote-access and chat systems, loaded
// into the statistics tables: CSV with a header line, or NDJSON (one JSON
// object a line), the fields named as in README. Streamed with COPY; by event
// ID: a re-sent record changes nothing, a corrected one replaces the old;
// validated first: a bad record names its line and nothing is stored.
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace partnerapi::db {

class Pool;

enum class EventKind { Calls, Remote, Sip, Chat };
inline constexpr EventKind kEventKinds[] = {EventKind::Calls, EventKind::Remote, EventKind::Sip, EventKind::Chat};
// "calls", "remote", "sip", "chat".
std::optional<EventKind> event_kind(std::string_view name);
const char* event_kind_name(EventKind kind);

// Of the imports committed so far: records taken, by kind, and when the last
// one ended (Unix seconds; 0 when there was none).
struct EventsFigures {
  double records[4] = {};
  double last_import[4] = {};
};
EventsFigures events_figures(Pool& pool);

struct EventsImport {
  std::function<void(std::uint64_t bytes_read)> progress;  // optional
};

struct EventsImported {
  std::uint64_t records = 0;    // in the file
  std::uint64_t inserted = 0;   // new events
  std::uint64_t updated = 0;    // corrected ones
  std::uint64_t unchanged = 0;  // re-sent as they were (and repeats within the file)
};

// Every import is recorded in event_import, in its own transaction.
// In one transaction on `conninfo`. Throws std::runtime_error ("line N: ...")
// for a bad record, rolled back.
EventsImported import_events(const std::string& conninfo, EventKind kind, std::istream& in,
                             const EventsImport& options = {});

}  // namespace partnerapi::db
