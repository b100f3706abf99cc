#!/usr/bin/env python3
"""The team server's cost per push and per record, without a workspace in the way.

  scripts/team_push_cost.py URL TOKEN USER ROW.json

Pushes, one after the other on one kept-alive connection, to a new partnership: 300 pushes
of one risk record each, then 30 pushes of 100 records each (the records are ROW.json, a
risk as the current copy holds it, under new keys). Prints milliseconds per push and per
record. Called by scripts/team-load.sh.
"""

import http.client
import json
import sys
import time
import urllib.parse
import uuid


def main():
    url, token, user, row_file = sys.argv[1:5]
    row = json.load(open(row_file))
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port)
    partnership = str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    position = 0

    def push(records):
        nonlocal position
        changes = []
        for _ in range(records):
            key = str(uuid.uuid4())
            changes.append({"table": "risks", "key": key, "row": dict(row, id=key)})
        body = json.dumps(
            {"change_id": str(uuid.uuid4()), "base": position, "author": user,
             "changes": changes, "reference": None}
        )
        conn.request("POST", f"/v1/partnerships/{partnership}/push", body, headers)
        answer = conn.getresponse()
        data = answer.read()
        if answer.status != 200:
            sys.exit(f"push refused: {answer.status} {data[:300]!r}")
        position = json.loads(data)["position"]

    for size, count in ((1, 300), (100, 30)):
        push(size)  # warm the token cache and the connection
        start = time.perf_counter()
        for _ in range(count):
            push(size)
        elapsed = time.perf_counter() - start
        print(
            f"pushes of {size} record(s): {elapsed / count * 1000:.1f} ms per push, "
            f"{elapsed / (count * size) * 1000:.2f} ms per record ({count * size / elapsed:.0f} records/s)"
        )


if __name__ == "__main__":
    main()
