// File → Connect to a Team…: the team server's address and the token its administrator
// gave (`prisk team user add`). The server checks both before anything is kept; the token
// goes to the user's config folder, never into the workspace. Errors say what to do.
import { useState } from "react";
import { api } from "../../api";
import type { TeamJoined, TeamView } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { fieldPath } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { connectMessage } from "./words";
import "./team.css";

export function ConnectDialog({
  current,
  onClose,
  onJoined,
}: {
  /// The team this workspace is in, if any (its address is offered again).
  current: TeamView | null;
  onClose: () => void;
  onJoined: (joined: TeamJoined) => void;
}) {
  const [server, setServer] = useState(current?.status.server ?? "");
  const [token, setToken] = useState("");
  const { run, error, running } = useCommand();
  const message = error ? connectMessage(error) : undefined;
  const at = error ? fieldPath(error) : "";

  const connect = async () => {
    if (running) return;
    const joined = await run(() => api.teamJoin(server.trim(), token.trim()));
    if (joined) onJoined(joined);
  };

  return (
    <Dialog title="Connect to a team" onClose={onClose}>
      <form
        className="team-connect"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <p className="muted">
          This workspace's partnerships will sync with the team register on the server: your changes go to the team,
          and your colleagues' come here. You keep working when the server cannot be reached.
        </p>
        <Field label="Server address" error={at === "server" ? message : undefined} hint="As https://risk.example.org:8443">
          {(id, describedBy) => (
            <input
              id={id}
              autoFocus
              aria-describedby={describedBy}
              value={server}
              spellCheck={false}
              autoComplete="off"
              placeholder="https://"
              onChange={(e) => setServer(e.target.value)}
            />
          )}
        </Field>
        <Field label="Token" error={at === "token" ? message : undefined} hint="The prt_… token your administrator gave you; kept outside the workspace, readable only by you">
          {(id, describedBy) => (
            <input
              id={id}
              type="password"
              aria-describedby={describedBy}
              value={token}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
        {error && at !== "server" && at !== "token" && (
          <p role="alert" className="banner-error">
            {message}
          </p>
        )}
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={running}>
            {running ? "Connecting…" : "Connect"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
