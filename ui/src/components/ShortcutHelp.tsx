// The "?" overlay: the keyboard shortcuts of a screen and those that work everywhere,
// generated from the registry (lib/shortcuts.ts). A keyboard-first screen mounts one:
//   <ShortcutHelp scope="review" />
import { Fragment, useState } from "react";
import { keyLabels, type ShortcutAction, type ShortcutScope } from "../lib/shortcuts";
import { useActiveShortcutScope, useShortcut, useShortcutRegistry, useShortcutScope } from "../lib/useShortcut";
import { humanise } from "../lib/text";
import { Dialog } from "./Dialog";
import "./shortcut-help.css";

/// Opens with "?" while `scope` is the innermost scope; "?" or Esc closes it.
export function ShortcutHelp({ scope }: { scope: ShortcutScope }) {
  const [open, setOpen] = useState(false);
  const active = useActiveShortcutScope();
  useShortcut("help.toggle", () => setOpen((was) => !was), { enabled: open || active === scope });
  return open ? <ShortcutList scope={scope} onClose={() => setOpen(false)} /> : null;
}

function ShortcutList({ scope, onClose }: { scope: ShortcutScope; onClose: () => void }) {
  useShortcutScope("help"); // the screen's own keys rest while the list is open
  useShortcut("help.close", onClose);
  const registry = useShortcutRegistry();
  const groups: [string, readonly ShortcutAction[]][] =
    scope === "global"
      ? [["Everywhere", registry.inScope("global")]]
      : [
          [humanise(scope), registry.inScope(scope)],
          ["Everywhere", registry.inScope("global")],
        ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      {groups.map(([caption, actions]) =>
        actions.length === 0 ? null : (
          <table key={caption} className="plain shortcut-table">
            <caption>{caption}</caption>
            <tbody>
              {actions.map((action) => (
                <tr key={action.id}>
                  <th scope="row">{action.label}</th>
                  <td>
                    {action.keys.map((key, i) => (
                      <Fragment key={key}>
                        {i > 0 && <span className="muted"> or </span>}
                        <KeyCombo value={key} />
                      </Fragment>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </Dialog>
  );
}

function KeyCombo({ value }: { value: string }) {
  const labels = keyLabels(value);
  return (
    <span className="key-combo">
      {labels.map((label, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the keys of one combination, fixed for its life
        <Fragment key={i}>
          {i > 0 && "+"}
          <kbd>{label}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
