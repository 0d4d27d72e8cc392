#!/usr/bin/env python3
"""Turns the named queries of sql/queries/*.sql into a C++ header: one
`constexpr db::Query` a query, in namespace partnerapi::sql, and `kAll`, every
one of them (the suite prepares them all on a migrated database). A query's
name is its prepared statement's, its log tag and its C++ name: a misspelt
one does not compile.

A .sql file is a list of blocks:

    -- name: clients
    -- What it answers; $1 the current partner, $2 ...   (its comment)
    SELECT {{client_columns}} FROM client c WHERE ...

    -- fragment: client_columns
    -- What it is.
    c.id::text AS client_id, ...

A fragment is SQL that several queries share (a column list, a condition),
named once and put in with {{name}}, in any file. Comment lines are left
out of the SQL; the lines of a block are joined by spaces.

usage: generate.py OUTPUT.h FILE.sql...
"""
import os
import re
import sys

HEADER = re.compile(r"^--\s*(name|fragment):\s*([a-z_][a-z0-9_]*)\s*$")
USE = re.compile(r"\{\{([a-z_][a-z0-9_]*)\}\}")


def blocks(path):
    """(kind, name, comment lines, SQL lines) of each block of `path`."""
    current = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            header = HEADER.match(line)
            if header:
                if current:
                    yield current
                current = (header.group(1), header.group(2), [], [], f"{path}:{number}")
            elif current is None or not line.strip():
                continue
            elif line.lstrip().startswith("--"):
                if not current[3]:
                    current[2].append(line.lstrip()[2:].strip())
            else:
                current[3].append(line.strip())
    if current:
        yield current


def main(out, paths):
    queries, fragments, where = {}, {}, {}
    for path in sorted(paths):
        for kind, name, comment, sql, at in blocks(path):
            if name in where:
                sys.exit(f"{at}: {name} is named already at {where[name]}")
            where[name] = at
            if not sql:
                sys.exit(f"{at}: {name} has no SQL")
            (queries if kind == "name" else fragments)[name] = (comment, " ".join(sql), at)
    used = set()

    def expand(text, at, seen=()):
        def one(m):
            name = m.group(1)
            if name not in fragments:
                sys.exit(f"{at}: no fragment {name}")
            if name in seen:
                sys.exit(f"{at}: fragment {name} includes itself")
            used.add(name)
            return expand(fragments[name][1], fragments[name][2], seen + (name,))
        return USE.sub(one, text)

    lines = [
        "// Generated from sql/queries/*.sql by sql/generate.py; do not edit.\n",
        "#pragma once\n\n#include \"partnerapi/db/query.h\"\n\nnamespace partnerapi::sql {\n\n",
    ]
    for name, (comment, sql, at) in queries.items():
        text = expand(sql, at)
        if "{{" in text or ")sql\"" in text:
            sys.exit(f"{at}: {name}: a stray {{{{ or )sql\"")
        lines += [f"// {c}\n" for c in comment]
        lines.append(f'inline constexpr db::Query {name}{{"{name}", R"sql({text})sql"}};\n\n')
    unused = sorted(set(fragments) - used)
    if unused:
        sys.exit(f"fragments no query uses: {', '.join(unused)}")
    lines.append("// Every query above.\ninline constexpr const db::Query* kAll[] = {\n")
    lines += [f"    &{name},\n" for name in queries]
    lines.append("};\n\n}  // namespace partnerapi::sql\n")
    text = "".join(lines)
    try:
        if open(out, encoding="utf-8").read() == text:
            return
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
