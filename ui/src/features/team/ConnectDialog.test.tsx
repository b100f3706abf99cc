import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError, TeamJoined } from "../../bindings";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { ConnectDialog } from "./ConnectDialog";

const joined: TeamJoined = {
  server: "https://risk.example.org:8443",
  team_id: "0193a4c2-team",
  user: "ada",
  role: "editor",
  token_file: "/home/ada/.config/partner-risk/team-tokens/x",
};

function setup(handlers: Handlers = {}) {
  const calls = mockCommands({ teamJoin: () => joined, ...handlers });
  const onJoined = vi.fn();
  render(<ConnectDialog current={null} onClose={vi.fn()} onJoined={onJoined} />);
  return { calls, onJoined };
}

async function connect(server: string, token: string) {
  await userEvent.type(screen.getByLabelText("Server address"), server);
  await userEvent.type(screen.getByLabelText("Token"), token);
  await userEvent.click(screen.getByRole("button", { name: "Connect" }));
}

const refusal = (field: string, reason: string): IpcError => ({ code: "invalid", message: `The ${field} ${reason}.`, field, value: "x", reason });

describe("Connect to a team", () => {
  it("sends the address and the token, and hands back who the server says we are", async () => {
    const { calls, onJoined } = setup();
    await connect(" https://risk.example.org:8443 ", "prt_abc.def");
    expect(argsOf(calls, "teamJoin")).toEqual([{ server: "https://risk.example.org:8443", token: "prt_abc.def" }]);
    expect(onJoined).toHaveBeenCalledWith(joined);
  });

  it("says a wrong token under the token, and keeps the dialog open", async () => {
    const { onJoined } = setup({
      teamJoin: () => {
        throw refusal("token", "the team: unknown token");
      },
    });
    await connect("https://risk.example.org", "prt_wrong.token");
    const token = screen.getByLabelText("Token");
    expect(token).toHaveAccessibleDescription(
      "The server refused this token: it is wrong, unknown or was revoked. Ask your team's administrator for a new one.",
    );
    expect(onJoined).not.toHaveBeenCalled();
  });

  it("says the server is not answering under the address", async () => {
    setup({
      teamJoin: () => {
        throw refusal("server", "no answer from the team server (io: Connection refused); nothing was lost, sync again later");
      },
    });
    await connect("https://127.0.0.1:9", "prt_abc.def");
    expect(screen.getByLabelText("Server address")).toHaveAccessibleDescription(
      "The server is not answering at this address. Check the address and that the server is running; nothing was changed.",
    );
  });

  it("asks for https when the address is plain http to another machine", async () => {
    setup({
      teamJoin: () => {
        throw refusal("server", "plain http only on this machine");
      },
    });
    await connect("http://risk.example.org", "prt_abc.def");
    expect(screen.getByRole("alert")).toHaveTextContent(
      "The address must start with https:// — plain http:// is only for a server on this machine.",
    );
  });
});
