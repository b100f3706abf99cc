#!/usr/bin/env python3
"""Checks that every crate in Cargo.lock carries a licence we allow.

Reads `cargo metadata --format-version 1 --locked --offline` (every package of the lock
file, for every platform, dev-dependencies included), evaluates each crate's SPDX licence
expression against the allow-list in scripts/licences.txt, and names every crate, version
and licence that is not allowed. Exit status 0 when all are allowed, 1 when not.

SPDX expressions: `A OR B` is allowed when either side is, `A AND B` when both are,
`L WITH E` when exactly that pair is on the list; WITH binds tighter than AND, AND tighter
than OR; parentheses group. The old crates.io spelling `MIT/Apache-2.0` means OR.
Identifiers compare without regard to case, as SPDX says.

  scripts/check-licences.py              check the workspace (run by `make lint`)
  scripts/check-licences.py --self-test  check the expression evaluation itself
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIST = os.path.join(HERE, "licences.txt")
SHOWN = os.path.relpath(LIST, ROOT)  # the list as messages name it


class ExpressionError(ValueError):
    pass


def tokens(expression):
    out = []
    for token in re.findall(r"\(|\)|/|[^\s()/]+", expression):
        upper = token.upper()
        out.append(upper if upper in ("AND", "OR", "WITH") else token)
    if not out:
        raise ExpressionError("empty licence expression")
    return out


def parse(expression):
    """The expression as a tree: ("or", [..]), ("and", [..]) or ("licence", "L[ WITH E]")."""
    toks = tokens(expression)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def either():
        terms = [both()]
        while peek() in ("OR", "/"):
            take()
            terms.append(both())
        return terms[0] if len(terms) == 1 else ("or", terms)

    def both():
        terms = [single()]
        while peek() == "AND":
            take()
            terms.append(single())
        return terms[0] if len(terms) == 1 else ("and", terms)

    def single():
        token = peek()
        if token is None:
            raise ExpressionError(f"{expression!r} ends where a licence was expected")
        if token == "(":
            take()
            inner = either()
            if peek() != ")":
                raise ExpressionError(f"{expression!r} has an unclosed parenthesis")
            take()
            return inner
        if token in ("AND", "OR", "WITH", "/", ")"):
            raise ExpressionError(f"{expression!r} has {token!r} where a licence was expected")
        name = take()
        if peek() == "WITH":
            take()
            exception = peek()
            if exception is None or exception in ("AND", "OR", "WITH", "/", "(", ")"):
                raise ExpressionError(f"{expression!r} has WITH without an exception")
            name = f"{name} WITH {take()}"
        return ("licence", name)

    tree = either()
    if pos != len(toks):
        raise ExpressionError(f"{expression!r} has {toks[pos]!r} after a complete expression")
    return tree


def refusals(tree, allowed):
    """The licences that stop `tree` from being allowed: an empty list when it is allowed."""
    kind, value = tree
    if kind == "licence":
        return [] if value.casefold() in allowed else [value]
    parts = [refusals(t, allowed) for t in value]
    if kind == "and":
        return [name for part in parts for name in part]
    if any(not part for part in parts):  # "or": one allowed side is enough
        return []
    return [name for part in parts for name in part]


def allowed_by(expression, allowed):
    return not refusals(parse(expression), {a.casefold() for a in allowed})


def read_list(path):
    """The allowed licences and the licences read by hand for crates that declare none."""
    allowed, clarified = set(), {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if "=" in line:
                crate, expression = (part.strip() for part in line.split("=", 1))
                parse(expression)
                clarified[crate] = expression
            else:
                allowed.add(line.casefold())
    return allowed, clarified


def check(metadata, allowed, clarified):
    """One line per crate whose licence is not allowed."""
    members = set(metadata.get("workspace_members", []))
    problems = []
    for package in sorted(metadata["packages"], key=lambda p: (p["name"], p["version"])):
        if package["id"] in members:
            continue
        name, version = package["name"], package["version"]
        expression = package.get("license") or clarified.get(name)
        if not expression:
            file = package.get("license_file")
            problems.append(
                f"{name} {version}: declares no SPDX licence"
                + (f" (only the file {file})" if file else "")
                + f"; read it and add `{name} = <SPDX expression>` to {SHOWN}"
            )
            continue
        try:
            blocking = refusals(parse(expression), allowed)
        except ExpressionError as e:
            problems.append(f"{name} {version}: licence {expression!r} cannot be read: {e}")
            continue
        if blocking:
            problems.append(
                f"{name} {version}: licence {expression!r} is not allowed"
                f" ({', '.join(sorted(set(blocking)))} not on the list in {SHOWN})"
            )
    return problems


def self_test():
    allow = {"MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-3-Clause", "ISC"}
    cases = [
        ("MIT", True),
        ("mit", True),  # identifiers compare without case
        ("GPL-3.0-only", False),
        ("MIT OR Apache-2.0", True),
        ("GPL-3.0-only OR MIT", True),
        ("MIT AND GPL-3.0-only", False),
        ("MIT AND BSD-3-Clause", True),
        ("MIT/Apache-2.0", True),  # the old crates.io spelling of OR
        ("Apache-2.0 / MIT", True),
        ("GPL-2.0/LGPL-2.1", False),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", False),
        ("(MIT OR GPL-3.0-only) AND (ISC OR LGPL-2.1-or-later)", True),
        # AND binds tighter than OR: GPL alone is one side here, and the other is allowed.
        ("GPL-3.0-only OR MIT AND ISC", True),
        ("MIT AND GPL-3.0-only OR ISC", True),
        ("MIT AND (GPL-3.0-only OR LGPL-2.1-only)", False),
        # WITH: the pair must be on the list, not just its licence.
        ("Apache-2.0 WITH LLVM-exception", True),
        ("Apache-2.0 WITH Classpath-exception-2.0", False),
        ("GPL-2.0-only WITH LLVM-exception", False),
        ("Apache-2.0 WITH LLVM-exception OR GPL-3.0-only", True),
        ("ISC AND (Apache-2.0 OR ISC) AND (Apache-2.0 OR ISC OR MIT-0)", True),
        ("mit or gpl-3.0-only", True),  # lower-case operators as some crates write them
    ]
    failures = 0
    checks = 0
    for expression, expected in cases:
        checks += 1
        got = allowed_by(expression, allow)
        if got != expected:
            failures += 1
            print(f"self-test: {expression!r} gave {got}, expected {expected}", file=sys.stderr)
    for bad in ["", "MIT OR", "(MIT", "MIT)", "AND MIT", "MIT WITH", "MIT Apache-2.0", "MIT OR OR ISC"]:
        checks += 1
        try:
            parse(bad)
        except ExpressionError:
            continue
        failures += 1
        print(f"self-test: {bad!r} was read as an expression", file=sys.stderr)
    checks += 1
    blocking = refusals(parse("MIT AND (GPL-3.0-only OR LGPL-2.1-only)"), {"mit"})
    if blocking != ["GPL-3.0-only", "LGPL-2.1-only"]:
        failures += 1
        print(f"self-test: the refusal names {blocking}", file=sys.stderr)
    metadata = {
        "workspace_members": ["ours"],
        "packages": [
            {"id": "ours", "name": "ours", "version": "1.0.0", "license": "Proprietary"},
            {"id": "a", "name": "fine", "version": "1.0.0", "license": "MIT OR Apache-2.0"},
            {"id": "b", "name": "viral", "version": "2.1.0", "license": "GPL-3.0-only"},
            {"id": "c", "name": "silent", "version": "0.1.0", "license": None,
             "license_file": "LICENSE"},
            {"id": "d", "name": "read", "version": "0.2.0", "license": None},
        ],
    }
    checks += 1
    problems = check(metadata, {a.casefold() for a in allow}, {"read": "ISC"})
    if len(problems) != 2 or not problems[0].startswith("silent 0.1.0: declares no SPDX") \
            or not problems[1].startswith("viral 2.1.0: licence 'GPL-3.0-only' is not allowed"):
        failures += 1
        print(f"self-test: the workspace check said {problems}", file=sys.stderr)
    if failures:
        print(f"licence self-test: {failures} of {checks} checks failed", file=sys.stderr)
        return 1
    print(f"licence self-test: {checks} checks passed")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    allowed, clarified = read_list(LIST)
    command = ["cargo", "metadata", "--format-version", "1", "--locked"]
    result = subprocess.run(command + ["--offline"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        # A build fetches only the host's crates; the lock file also holds other platforms'.
        print("licence check: some crates of Cargo.lock are not downloaded yet; fetching them",
              file=sys.stderr)
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        print("licence check: cargo metadata failed (is Cargo.lock up to date?)",
              file=sys.stderr)
        return 1
    metadata = json.loads(result.stdout)
    problems = check(metadata, allowed, clarified)
    crates = len(metadata["packages"]) - len(metadata.get("workspace_members", []))
    if problems:
        for p in problems:
            print(f"licence check: {p}", file=sys.stderr)
        print(f"licence check: {len(problems)} of {crates} crates carry a licence that is "
              f"not allowed", file=sys.stderr)
        return 1
    print(f"licence check: all {crates} crates carry an allowed licence")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
