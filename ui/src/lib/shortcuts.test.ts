import { describe, expect, it } from "vitest";
import { defineShortcuts, isTypingTarget, keyLabels, shortcutHint, shortcuts } from "./shortcuts";

describe("the shortcut registry", () => {
  it("starts with the built-in help actions, then the screens' own", () => {
    expect(shortcuts.actions.map((a) => a.id).slice(0, 2)).toEqual(["help.toggle", "help.close"]);
    expect(shortcuts.inScope("workshop").map((a) => a.id)).toContain("workshop.reveal");
    expect(shortcuts.get("help.toggle").keys).toEqual(["?"]);
    expect(shortcuts.inScope("review").map((a) => a.id)).toContain("review.next");
    expect(() => shortcuts.get("review.nope")).toThrow('Unknown shortcut "review.nope"');
  });

  it("refuses duplicate ids, missing or malformed keys, and Shift on a single key", () => {
    const next = { id: "review.next", label: "Next risk", keys: ["j"], scope: "review" } as const;
    expect(() => defineShortcuts([next, next])).toThrow('"review.next" is defined twice');
    expect(() => defineShortcuts([{ ...next, keys: [] }])).toThrow("has no key");
    expect(() => defineShortcuts([{ ...next, keys: ["mod+"] }])).toThrow('malformed key "mod+"');
    expect(() => defineShortcuts([{ ...next, keys: ["j,k"] }])).toThrow("malformed key");
    expect(() => defineShortcuts([{ ...next, keys: ["shift+j"] }])).toThrow("write the character Shift produces");
    expect(() => defineShortcuts([{ ...next, keys: ["mod+shift+z"] }])).not.toThrow();
  });

  it("refuses a key bound twice where both could be live, and allows it in separate scopes", () => {
    const next = { id: "review.next", label: "Next risk", keys: ["j"], scope: "review" } as const;
    expect(() => defineShortcuts([next, { id: "review.jump", label: "Jump", keys: ["J"], scope: "review" }])).toThrow(
      'Key "j" is bound to both "review.next" and "review.jump"',
    );
    expect(() => defineShortcuts([next, { id: "any.j", label: "J", keys: ["j"], scope: "global" }])).toThrow(
      "bound to both",
    );
    expect(() => defineShortcuts([{ id: "x.help", label: "Help", keys: ["?"], scope: "workshop" }])).toThrow(
      'bound to both "help.toggle" and "x.help"',
    );
    expect(() =>
      defineShortcuts([next, { id: "workshop.next", label: "Next item", keys: ["j"], scope: "workshop" }]),
    ).not.toThrow();
  });

  it("writes keys as people read them", () => {
    expect(keyLabels("mod+enter", false)).toEqual(["Ctrl", "Enter"]);
    expect(keyLabels("mod+enter", true)).toEqual(["⌘", "Enter"]);
    expect(keyLabels("alt+arrowdown", false)).toEqual(["Alt", "↓"]);
    expect(keyLabels("ctrl+k", false)).toEqual(["Ctrl", "K"]);
    expect(keyLabels("escape", false)).toEqual(["Esc"]);
    expect(keyLabels("j", false)).toEqual(["j"]);
    expect(shortcutHint({ id: "a", label: "A", keys: ["j", "arrowdown"], scope: "review" }, false)).toBe("j or ↓");
  });

  it("knows where typing happens", () => {
    document.body.innerHTML = `
      <textarea></textarea><input><select><option>a</option></select>
      <div contenteditable="true"><p><b>in</b></p></div><div contenteditable="false"><i>no</i></div>
      <div role="textbox"></div><button>b</button>`;
    const q = (s: string) => document.querySelector(s);
    for (const s of ["textarea", "input", "select", "b", '[role="textbox"]'])
      expect(isTypingTarget(q(s)), s).toBe(true);
    for (const s of ["i", "button", "body"]) expect(isTypingTarget(q(s)), s).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    document.body.innerHTML = "";
  });
});
