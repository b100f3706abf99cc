// Errors from the app's commands: what a command rejected with, as an IpcError
// ({ code, message, field? }), and the words the window shows for it.
import type { IpcError } from "../bindings";

/// Turns whatever a command rejected with into an IpcError.
export function asIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "message" in error) {
    return error as IpcError;
  }
  return { code: "internal", message: String(error) };
}

/// The error for one form field, if the error concerns it (or one of its parts).
export function errorFor(error: IpcError | null, field: string): string | undefined {
  if (!error?.field) return undefined;
  return error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`)
    ? error.message
    : undefined;
}

/// The message without the field path the core puts in front, for showing next to
/// the field itself.
export function messageOf(error: IpcError): string {
  const prefix = error.field ? `${error.field}: ` : "";
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/// The message in a sentence for people: without the field path in front (messageOf),
/// without the "(got …)" value behind, capitalised and ending with a full stop.
export function plainMessage(error: IpcError): string {
  const text = messageOf(error)
    .replace(/ \(got (?:"(?:[^"\\]|\\.)*"|[^()]*)\)$/, "")
    .trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

/// Why a ballot file was refused (on import) or a vote in it was not recorded (while
/// filling it in), in words for people: what happened and what to do, never a field path.
export function ballotMessage(error: IpcError): string {
  // A file being read is named in front of the field: "…/ann.prisk-ballot: votes[0].score".
  const field = (error.field ?? "").replace(/^.*\.prisk-ballot: ?/, "");
  const got = /\(got "((?:[^"\\]|\\.)*)"\)$/.exec(error.message)?.[1];
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  if (field === "seal") {
    return "This ballot file was changed after it was exported: its workshop, participant or agenda no longer match. Ask the facilitator for a new ballot file.";
  }
  if (field === "fixed.workshop_id") {
    return `This ballot file belongs to another workshop${got ? ` ("${got}")` : ""}.`;
  }
  if (field === "fixed.participant_id") {
    const name = /no participant "((?:[^"\\]|\\.)*)"/.exec(error.message)?.[1];
    return `${name ?? "The voter of this ballot file"} is no longer a participant of this workshop, so the ballot cannot be counted.`;
  }
  if (field === "votes") return "The ballot file holds no votes yet: it has not been filled in.";
  if (field === "format") return "This is not a Partner Risk ballot file.";
  if (field === "version") return `This ballot file comes from another version of Partner Risk: ${lower(plainMessage(error))}`;
  if (/not a readable ballot file/.test(error.message)) {
    return "This is not a readable ballot file: it is damaged or was edited by hand.";
  }
  if (/^votes\[\d+\]\.reference$/.test(field) && got) return `${got}: ${lower(plainMessage(error))}`;
  return plainMessage(error);
}
