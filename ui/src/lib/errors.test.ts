// The window's words for errors come from the error's parts (field, value, reason), never
// from reading its sentence back.
import { describe, expect, it } from "vitest";
import type { IpcError } from "../bindings";
import {
  asIpcError,
  ballotMessage,
  bannerMessage,
  concerns,
  errorAt,
  fieldPath,
  importMessage,
  plainMessage,
  votePlace,
} from "./errors";

const invalid = (field: string, value: string, reason: string, message = "The core's sentence."): IpcError => ({
  code: "invalid",
  field,
  value,
  reason,
  message,
});

describe("errors as data", () => {
  it("takes whatever a command rejected with", () => {
    const e = invalid("title", "", "must not be empty", "Give the risk a title.");
    expect(asIpcError(e)).toBe(e);
    expect(asIpcError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(asIpcError(new Error("the web view failed"))).toEqual({ code: "internal", message: "the web view failed" });
  });

  it("finds an error's field, its parts, and the file a ballot error names in front", () => {
    const vote = invalid("/home/ann/ann.prisk-ballot: votes[0].score.impact", "6", "impact is 1 to 5");
    expect(fieldPath(vote)).toBe("votes[0].score.impact");
    expect(concerns(vote, "votes")).toBe(true);
    expect(concerns(vote, "votes[0]")).toBe(true);
    expect(concerns(vote, "votes[0].score")).toBe(true);
    expect(concerns(vote, "vote")).toBe(false);
    const rule = invalid("rule.near_window", "9", "is 0 to 4", "The near-consensus window is 0 to 4.");
    expect(errorAt(rule, "rule")).toBe("The near-consensus window is 0 to 4.");
    expect(errorAt(rule, "rule.near_window")).toBe("The near-consensus window is 0 to 4.");
    expect(errorAt(rule, "notes")).toBeUndefined();
    expect(errorAt(null, "rule")).toBeUndefined();
    expect(bannerMessage(rule, ["title", "rule"])).toBeNull();
    expect(bannerMessage(rule, ["title"])).toBe("The near-consensus window is 0 to 4.");
    expect(bannerMessage({ code: "busy", message: "The workspace is busy." })).toBe("The workspace is busy.");
    expect(plainMessage({ code: "internal", message: "cannot list this computer's networks" })).toBe(
      "Cannot list this computer's networks.",
    );
  });

  it("says why a ballot file was refused, with the value the file holds", () => {
    const file = "/home/fay/ben.prisk-ballot: ";
    expect(ballotMessage(invalid(`${file}seal`, "3f9a0c", "does not match"))).toContain("This ballot file was changed after it was exported");
    expect(ballotMessage(invalid("fixed.workshop_id", "Kick-off", "is a ballot for another workshop"))).toBe(
      'This ballot file belongs to another workshop ("Kick-off").',
    );
    const gone: IpcError = {
      code: "not_found",
      field: "fixed.participant_id",
      value: "Ben",
      reason: "no participant",
      message: "There is no participant “Ben” (any more): it may have been deleted or renamed.",
    };
    expect(ballotMessage(gone)).toBe(
      "Ben is no longer a participant of this workshop, so the ballot cannot be counted.",
    );
    expect(ballotMessage(invalid(`${file}votes[1].reference`, "TEC-009", "not on this ballot's agenda", "Not on this ballot's agenda."))).toBe(
      "TEC-009: not on this ballot's agenda.",
    );
    expect(ballotMessage(invalid(`${file}votes[0]`, "", "not a readable ballot file: expected a number"))).toBe(
      "This is not a readable ballot file: it is damaged or was edited by hand.",
    );
    expect(ballotMessage(invalid(`${file}format`, "x", "expected a ballot"))).toBe("This is not a Partner Risk ballot file.");
    expect(votePlace(invalid("score.likelihood", "6", "likelihood is 1 to 5"))).toBe("score");
    expect(votePlace(invalid("comment", "x", "is too long"))).toBe("comment");
    expect(votePlace(invalid("reference", "X", "not on this ballot's agenda"))).toBe("vote");
  });

  it("says why a file cannot be imported, from the field, the value and the reason", () => {
    expect(importMessage(invalid("file", "a PDF", "cannot be imported: save it as .xlsx, .ods or .csv and import that"))).toBe(
      "This file is a PDF and cannot be imported: save it as .xlsx, .ods or .csv and import that.",
    );
    expect(importMessage(invalid("file", "80 MB", "is too large to import; the limit is 50 MB"))).toBe(
      "This file (80 MB) is too large to import; the limit is 50 MB.",
    );
    expect(importMessage(invalid("file", "", "/x/r.xlsx: No such file or directory (os error 2)"))).toBe(
      "The file is no longer there: it was moved or deleted. Choose it again.",
    );
    expect(importMessage(invalid("header_row", "7", "that row is empty or beyond the table"))).toBe(
      "Row 7 is empty or beyond the table: choose another header row.",
    );
    expect(importMessage(invalid('values["Likelihood"]', "9", "is not a level of the axis"))).toBe(
      '"Likelihood" cannot become "9" in this column.',
    );
    expect(importMessage(invalid("columns", "title", "two columns are mapped to the same field"))).toBe(
      "Two columns are mapped to the same field (title): choose Skip for one of them.",
    );
    expect(importMessage(invalid("sheet", "Risks", "no such sheet", "No such sheet."))).toBe("No such sheet.");
  });
});
