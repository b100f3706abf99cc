// The team register's words: the sidebar's sync status, and why connecting failed. Every
// word is chosen here from the status's figures and the errors' parts (field, reason,
// kind), never read back from a message.
import type { IpcError, TeamView } from "../../bindings";
import { fieldPath, plainMessage } from "../../lib/errors";
import { plural } from "../../lib/text";

export type SyncTone = "ok" | "busy" | "offline" | "problem";

export type SyncWords = {
  /// The status's first line: "Synced 2 min ago", "Syncing…", "Offline — last synced 10:42".
  headline: string;
  tone: SyncTone;
  /// More about the headline, for its title (the server, the error as recorded).
  title: string;
  /// "3 changes waiting" when there are.
  waiting: string | null;
  /// "2 conflicts to settle" when there are.
  conflicts: string | null;
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/// A time of day as "10:42", with the day in front when it is not today ("6 Dec 10:42").
export function clock(at: Date, now: Date): string {
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const today = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return today ? time : `${at.getDate()} ${MONTHS[at.getMonth()]} ${time}`;
}

/// How long ago, in words: "just now", "2 min ago", "3 h ago", else the day and time.
export function ago(at: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `on ${clock(at, now)}`;
}

/// The sidebar's words for the sync status; null when the workspace is not in a team.
export function syncWords(view: TeamView | null, syncing: boolean, now: Date): SyncWords | null {
  if (!view?.status.joined) return null;
  const { status, problem } = view;
  const last = status.last_sync ? new Date(status.last_sync) : null;
  const server = status.server ?? "the team server";
  const who = status.user ? ` as ${status.user}` : "";
  let headline: string;
  let tone: SyncTone;
  let title = `Team register at ${server}${who}`;
  if (syncing) {
    headline = "Syncing…";
    tone = "busy";
  } else if (problem?.kind === "offline") {
    headline = last ? `Offline — last synced ${clock(last, now)}` : "Offline — not synced yet";
    tone = "offline";
    title = `${server} is not answering; your changes are kept and go with the next sync.`;
  } else if (problem?.kind === "token") {
    headline = "Token refused — connect again";
    tone = "problem";
    title = `${server} refused this workspace's token (wrong, unknown or revoked). File → Connect to a Team… with a new one.`;
  } else if (problem?.kind === "certificate") {
    headline = "Server not trusted — not synced";
    tone = "problem";
    title = `This computer does not trust the certificate of ${server}. Ask your administrator for the team's certificate authority.`;
  } else if (problem) {
    headline = "Last sync failed";
    tone = "problem";
    title = problem.detail;
  } else if (last) {
    headline = `Synced ${ago(last, now)}`;
    tone = "ok";
  } else {
    headline = "Not synced yet";
    tone = "ok";
  }
  return {
    headline,
    tone,
    title,
    waiting: status.pending_changes > 0 ? `${plural(status.pending_changes, "change")} waiting` : null,
    conflicts: status.conflicts > 0 ? `${plural(status.conflicts, "conflict")} to settle` : null,
  };
}

/// Why connecting to a team failed, in words for people: what happened and what to do.
export function connectMessage(error: IpcError): string {
  const field = fieldPath(error);
  const reason = error.reason ?? "";
  if (field === "token") {
    if (reason === "must not be empty") return "Paste the token you were given.";
    if (reason.startsWith("not a Partner Risk team token")) {
      return "That is not a team token. A token starts with prt_: copy it whole, as `prisk team user add` printed it.";
    }
    return "The server refused this token: it is wrong, unknown or was revoked. Ask your team's administrator for a new one.";
  }
  if (field === "server") {
    if (reason === "plain http only on this machine") {
      return "The address must start with https:// — plain http:// is only for a server on this machine.";
    }
    if (reason === "must start with https://" || reason.startsWith("must start with https://")) {
      return "The address must start with https://, as https://risk.example.org:8443.";
    }
    if (reason === "must not be empty") return "Give the team server's address.";
    if (reason.includes("certificate")) {
      return "This computer does not trust the server's certificate. Ask your administrator for the team's certificate authority.";
    }
    if (reason.startsWith("no answer from the team server")) {
      return "The server is not answering at this address. Check the address and that the server is running; nothing was changed.";
    }
    if (reason.includes("not an answer of a Partner Risk team server")) {
      return "Something answered at this address, but it is not a Partner Risk team server. Check the address.";
    }
  }
  return plainMessage(error);
}
