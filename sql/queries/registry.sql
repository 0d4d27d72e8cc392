-- The 1C:ITS registry and the statistics feeds, as the API reads them (the
-- imports themselves stream through COPY: db/its_registry.cpp, db/events_import.cpp).

-- name: its_contracts
-- The registry's rows for registration number $1 (blanks at the ends ignored, any case).
SELECT inn, level, wire_date(date_from), wire_date(date_to), (date_to IS NULL OR date_to >= moscow_today())
FROM its_registry
WHERE reg_num = upper(btrim($1))
ORDER BY inn, date_from DESC

-- name: events_imported
-- Of the imports committed so far: records taken by kind, and when the last one ended.
SELECT kind, sum(records)::float8, extract(epoch FROM max(finished_at))::float8
FROM event_import
GROUP BY kind
