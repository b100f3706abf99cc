// Errors from the app's commands, as data. Every command rejects with an IpcError
// { code, message, field?, value?, reason? }: the message is the core's sentence for people,
// field, value and reason are the core error's parts (the field path, the value as the user
// gave it, the core's short reason). Every word the window says about an error is chosen
// here, from those parts; nothing reads a message back.
import type { IpcError } from "../bindings";

/// Turns whatever a command rejected with into an IpcError.
export function asIpcError(error: unknown): IpcError {
  if (error instanceof Error) return { code: "internal", message: error.message };
  if (error && typeof error === "object" && "message" in error) {
    return error as IpcError;
  }
  return { code: "internal", message: String(error) };
}

const BALLOT_FILE = ".prisk-ballot:";

/// The field path of an error, without the file the core names in front of a ballot file's
/// fields ("/x/ann.prisk-ballot: votes[0].score" → "votes[0].score"); "" when it has none.
export function fieldPath(error: IpcError | null): string {
  const field = error?.field ?? "";
  const at = field.lastIndexOf(BALLOT_FILE);
  return at < 0 ? field : field.slice(at + BALLOT_FILE.length).trimStart();
}

/// Whether an error concerns a form field or one of its parts: `rule` is concerned by
/// `rule.near_window`, `votes` and `votes[0]` by `votes[0].score`.
export function concerns(error: IpcError | null, field: string): boolean {
  const path = fieldPath(error);
  if (!path) return false;
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

/// The error to show next to a form field, if it concerns that field (or one of its parts).
export function errorAt(error: IpcError | null, field: string): string | undefined {
  return error && concerns(error, field) ? error.message : undefined;
}

/// The error to show on its own, when no field on screen (`shown`) claims it; null when one
/// does (or there is no error).
export function bannerMessage(error: IpcError | null, shown: string[] = []): string | null {
  if (!error) return null;
  if (shown.some((field) => concerns(error, field))) return null;
  return error.message;
}

/// Whether the error is about a value left empty (the core's sentence then asks for it).
export function isMissing(error: IpcError): boolean {
  return error.code === "invalid" && error.value === "";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/// The message as a sentence: capitalised and ending with a full stop (the core's sentences
/// are; a message made by the shell or the web view may not be).
export function plainMessage(error: IpcError): string {
  const sentence = capitalise(error.message.trim());
  return [".", "!", "?", "…"].some((end) => sentence.endsWith(end)) ? sentence : `${sentence}.`;
}

/// Whether a field path is `votes[n].<part>`.
function isVotePart(field: string, part: string): boolean {
  return field.startsWith("votes[") && field.endsWith(`].${part}`);
}

/// Why a ballot file was refused (on import) or a vote in it was not recorded (while
/// filling it in), in words for people: what happened and what to do, never a field path.
export function ballotMessage(error: IpcError): string {
  const field = fieldPath(error);
  const value = error.value ?? "";
  if (field === "seal") {
    return "This ballot file was changed after it was exported: its workshop, participant or agenda no longer match. Ask the facilitator for a new ballot file.";
  }
  if (field === "fixed.workshop_id") {
    return `This ballot file belongs to another workshop${value ? ` ("${value}")` : ""}.`;
  }
  if (field === "fixed.participant_id") {
    return `${value || "The voter of this ballot file"} is no longer a participant of this workshop, so the ballot cannot be counted.`;
  }
  if (field === "votes") return "The ballot file holds no votes yet: it has not been filled in.";
  if (field === "format") return "This is not a Partner Risk ballot file.";
  if (field === "version") return `This ballot file comes from another version of Partner Risk: ${lower(plainMessage(error))}`;
  if (error.reason?.startsWith("not a readable ballot file")) {
    return "This is not a readable ballot file: it is damaged or was edited by hand.";
  }
  if (isVotePart(field, "reference") && value) return `${value}: ${lower(plainMessage(error))}`;
  return plainMessage(error);
}

/// Which part of a vote an error concerns: the score, the comment, or the vote as a whole.
export function votePlace(error: IpcError): "score" | "comment" | "vote" {
  if (concerns(error, "score")) return "score";
  if (fieldPath(error) === "comment") return "comment";
  return "vote";
}

/// The error of a file being read, previewed or imported, in words for people.
export function importMessage(error: IpcError): string {
  const field = fieldPath(error);
  const value = error.value ?? "";
  const reason = error.reason ?? "";
  if (field === "file") {
    if (reason.startsWith("cannot be imported")) return `This file is ${value} and ${reason}.`;
    if (reason.startsWith("is too large")) return `This file (${value}) ${reason}.`;
    // The reader's own words for a file it could not open (the system's, in its reason).
    const os = reason.toLowerCase();
    if (os.includes("no such file or directory") || os.includes("not found")) {
      return "The file is no longer there: it was moved or deleted. Choose it again.";
    }
    if (os.includes("permission denied")) return "The file cannot be opened: permission denied.";
  }
  if (field === "header_row" && value) return `Row ${value} is empty or beyond the table: choose another header row.`;
  if (field.startsWith("values[")) {
    // values["Likelihood"]: the column's header, quoted.
    const header = field.slice("values[".length, -1);
    const name = header.length > 1 && header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : value;
    return `"${name}" cannot become ${value ? `"${value}"` : "that"} in this column.`;
  }
  if (field === "columns" && reason === "two columns are mapped to the same field") {
    return `Two columns are mapped to ${value ? `the same field (${value})` : "the same field"}: choose Skip for one of them.`;
  }
  return plainMessage(error);
}

/// The review form's fields an error can be shown at.
const REVIEW_FIELDS = ["rationale", "residual", "approver", "expiry", "action_title", "action_owner", "snooze_days"];

/// The field of the review form an error belongs to; null for one shown on its own.
export function reviewField(error: IpcError | null): string | null {
  const field = fieldPath(error);
  return REVIEW_FIELDS.includes(field) ? field : null;
}

/// The error of a review (or a snooze) in words, for the field it concerns (or none).
export function reviewMessage(error: IpcError, snooze: boolean): string {
  switch (fieldPath(error)) {
    case "rationale":
      return snooze ? "Give a reason for the snooze: why this risk can wait." : "Give a rationale for this decision.";
    case "residual":
      return isMissing(error) ? "Pick the new residual score on the matrix (arrow keys, then Enter)." : plainMessage(error);
    case "approver":
      return isMissing(error) ? "Name who approved the acceptance." : plainMessage(error);
    case "expiry":
      return isMissing(error) ? "Give the date the acceptance expires." : "The acceptance must expire after today: pick a later date.";
    case "action_title":
      return isMissing(error) ? "Give the action a title." : plainMessage(error);
    case "snooze_days":
      return "Give the number of days until the next review: 1 to 365.";
    default:
      return plainMessage(error);
  }
}

/// Whether an exchange file was refused because its base is a copy this workspace never
/// had (the window then offers to compare two ways).
export function isUnknownBase(error: IpcError | null): boolean {
  return !!error && fieldPath(error) === "file" && (error.reason ?? "").includes("never had");
}

/// Why an exchange file cannot be previewed or merged, in words for people (the window
/// adds that nothing was written).
export function exchangeMessage(error: IpcError): string {
  const field = fieldPath(error);
  const reason = error.reason ?? "";
  if (field === "file") {
    if (reason.startsWith("not a Partner Risk exchange file")) return "This is not a Partner Risk exchange file.";
    if (reason.includes("newer Partner Risk") || reason.includes("not one this build reads")) {
      return "This file was written by a newer version of Partner Risk: update Partner Risk to merge it.";
    }
    if (reason.startsWith("damaged")) {
      return "This file is damaged or was changed after it was written, so it cannot be trusted. Ask the sender for a new copy.";
    }
    if (isUnknownBase(error)) {
      return "This file is based on a copy of the partnership this workspace never had, so it cannot tell what changed on which side.";
    }
    if (reason.includes("another partnership named")) {
      const name = /named "(.*?)"/.exec(reason)?.[1];
      return `This workspace has another partnership ${name ? `named "${name}"` : "of that name"}; the file is for a different one of the same name. Rename ours first, then merge the file again.`;
    }
    const os = reason.toLowerCase();
    if (os.includes("no such file or directory") || os.includes("not found")) {
      return "The file is no longer there: it was moved or deleted. Choose it again.";
    }
    if (os.includes("permission denied")) return "The file cannot be opened: permission denied.";
  }
  if (field.startsWith("records")) {
    return `The file holds something this version of Partner Risk does not know or accept (${lower(plainMessage(error))})`;
  }
  return plainMessage(error);
}
