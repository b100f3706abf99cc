import { describe, expect, it } from "vitest";
import type { IpcError } from "../../bindings";
import { teamView } from "./testData";
import { ago, connectMessage, syncWords } from "./words";

// 7 December 2026, 10:44 in the test's own time zone.
const now = new Date(2026, 11, 7, 10, 44, 30);
const at = (h: number, m: number, day = 7) => new Date(2026, 11, day, h, m).toISOString();

describe("the sync status in words", () => {
  it("says nothing for a workspace that is not in a team", () => {
    expect(syncWords(null, false, now)).toBeNull();
    expect(syncWords(teamView({ joined: false }), false, now)).toBeNull();
  });

  it("says how long ago the last sync was, what waits and what to settle", () => {
    const words = syncWords(teamView({ last_sync: at(10, 42), pending_changes: 3, conflicts: 2 }), false, now);
    expect(words).toMatchObject({
      headline: "Synced 2 min ago",
      tone: "ok",
      waiting: "3 changes waiting",
      conflicts: "2 conflicts to settle",
    });
    expect(words?.title).toBe("Team register at https://risk.example.org:8443 as ada");
    const one = syncWords(teamView({ last_sync: at(10, 44), pending_changes: 1, conflicts: 1 }), false, now);
    expect(one).toMatchObject({ headline: "Synced just now", waiting: "1 change waiting", conflicts: "1 conflict to settle" });
    expect(syncWords(teamView(), false, now)).toMatchObject({ headline: "Not synced yet", waiting: null, conflicts: null });
  });

  it("says Syncing… while a sync runs, whatever the last one did", () => {
    const offline = teamView({ last_sync: at(10, 42) }, { kind: "offline", detail: "server: no answer" });
    expect(syncWords(offline, true, now)?.headline).toBe("Syncing…");
  });

  it("is quiet about a server that does not answer: Offline, with the time of the last sync", () => {
    const problem = { kind: "offline" as const, detail: "server: no answer from the team server (io: Connection refused)" };
    const words = syncWords(teamView({ last_sync: at(10, 42), pending_changes: 3 }, problem), false, now);
    expect(words).toMatchObject({ headline: "Offline — last synced 10:42", tone: "offline", waiting: "3 changes waiting" });
    expect(words?.title).toMatch(/not answering; your changes are kept/);
    expect(syncWords(teamView({ last_sync: at(9, 5, 6) }, problem), false, now)?.headline).toBe("Offline — last synced 6 Dec 09:05");
    expect(syncWords(teamView({}, problem), false, now)?.headline).toBe("Offline — not synced yet");
  });

  it("asks to connect again when the server refuses the token, and names any other failure", () => {
    expect(syncWords(teamView({}, { kind: "token", detail: "token: revoked" }), false, now)).toMatchObject({
      headline: "Token refused — connect again",
      tone: "problem",
    });
    const other = syncWords(teamView({}, { kind: "other", detail: "server: this server is another team" }), false, now);
    expect(other).toMatchObject({ headline: "Last sync failed", title: "server: this server is another team" });
  });

  it("counts minutes, then hours, then gives the day", () => {
    expect(ago(new Date(2026, 11, 7, 10, 14), now)).toBe("30 min ago");
    expect(ago(new Date(2026, 11, 7, 7, 40), now)).toBe("3 h ago");
    expect(ago(new Date(2026, 11, 5, 16, 3), now)).toBe("on 5 Dec 16:03");
  });
});

describe("why connecting failed, in words", () => {
  const error = (field: string, reason: string): IpcError => ({ code: "invalid", message: `${field}: ${reason}`, field, reason, value: "x" });

  it("tells a wrong token from a token that is not one", () => {
    expect(connectMessage(error("token", "the team: this token was revoked"))).toBe(
      "The server refused this token: it is wrong, unknown or was revoked. Ask your team's administrator for a new one.",
    );
    expect(connectMessage(error("token", "not a Partner Risk team token (prt_…, as `prisk team user add` printed it)"))).toMatch(
      /^That is not a team token\. A token starts with prt_/,
    );
  });

  it("says the server is not answering, or is not trusted, or is not a team server", () => {
    expect(connectMessage(error("server", "no answer from the team server (io: Connection refused); nothing was lost"))).toBe(
      "The server is not answering at this address. Check the address and that the server is running; nothing was changed.",
    );
    expect(connectMessage(error("server", "no answer from the team server (invalid peer certificate: UnknownIssuer)"))).toMatch(
      /does not trust the server's certificate/,
    );
    expect(connectMessage(error("server", "the team server's certificate is not trusted here (invalid peer certificate)"))).toMatch(
      /does not trust the server's certificate/,
    );
    expect(connectMessage(error("server", "the team: not an answer of a Partner Risk team server (expected value)"))).toMatch(
      /not a Partner Risk team server/,
    );
  });

  it("asks for https on an address that is not this machine", () => {
    expect(connectMessage(error("server", "plain http only on this machine"))).toBe(
      "The address must start with https:// — plain http:// is only for a server on this machine.",
    );
  });
});
