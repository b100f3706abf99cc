import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ItemView, WorkshopDetail } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { risk } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import type { DeviceInfo, VotingAddress, VotingInfo } from "../../bindings";
import { detail, item, revealedItem, round } from "./testData";
import { WorkshopScreen } from "./WorkshopScreen";

const addresses: VotingAddress[] = [
  { address: "192.168.1.23", interface: "wlp2s0", kind: "private" },
  { address: "10.42.0.1", interface: "hotspot0", kind: "private" },
  { address: "203.0.113.7", interface: "eth0", kind: "public" },
  { address: "127.0.0.1", interface: "lo", kind: "loopback" },
];
const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

/// A core with a voting server: state the test changes as phones would.
function backend(initial: WorkshopDetail) {
  const state = {
    detail: initial,
    items: new Map(initial.items.map((v) => [v.item.id, v])),
    open: null as VotingInfo | null,
    devices: [] as DeviceInfo[],
    openError: null as { code: string; message: string } | null,
    /// Who voted on the phones' item, from a phone or not.
    voted: [] as string[],
  };
  const calls = mockCommands({
    workshopDetail: () => structuredClone(state.detail),
    itemView: ({ itemId }) => structuredClone(state.items.get(itemId)!),
    votingAddresses: () => addresses,
    votingStatus: () =>
      state.open
        ? { open: state.open, devices: state.devices, item: state.detail.items[0]!.item, voted: state.voted }
        : { open: null, devices: [], item: null, voted: [] },
    openVoting: ({ workshopId, address }) => {
      if (state.openError) throw state.openError;
      state.open = {
        workshop_id: workshopId,
        join_url: `http://${address}:8737/j/4F2A91C3`,
        code_url: `http://${address}:8737/`,
        code: "4821-0937",
        address,
        qr_svg: svg,
      };
      return state.open;
    },
    releaseVoter: ({ participantId }) => {
      state.devices = state.devices.filter((d) => d.participant_id !== participantId);
      return true;
    },
    closeVoting: () => {
      state.open = null;
      return null;
    },
    setCurrentItem: () => state.detail.workshop,
    riskDetail: ({ id }) => ({ risk: risk(Number(id.slice(1))), actions: [], requirements: [], history: [] }),
  });
  return { state, calls };
}

function show() {
  render(
    <ShortcutProvider>
      <WorkshopScreen workshopId="w1" onBack={() => {}} onRisksChanged={() => {}} pollMs={25} />
    </ShortcutProvider>,
  );
}

const first = () => item(1, [round(1, false)], ["a", "b"]);
const second = () => item(2, [round(1, false)], []);

describe("voting from phones", () => {
  it("opens voting on the chosen network, shows the QR code, link and code, releases a name and closes", async () => {
    const { state, calls } = backend(detail([first(), second()]));
    const user = userEvent.setup();
    show();

    await user.click(await screen.findByRole("tab", { name: "Phones" }));
    expect(screen.getByText(/no internet connection is needed/)).toBeInTheDocument();
    const network = await screen.findByRole("combobox", { name: "Network" });
    expect(within(network).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "192.168.1.23 — wlp2s0 (local network)",
      "10.42.0.1 — hotspot0 (local network)",
      "203.0.113.7 — eth0 (public address)",
      "127.0.0.1 — lo (this computer only, for testing)",
    ]);
    expect(network).toHaveValue("192.168.1.23");
    await user.selectOptions(network, "10.42.0.1");

    state.devices = [
      { participant_id: "a", name: "Ana", connected: true, voted: true },
      { participant_id: "b", name: "Ben", connected: false, voted: false },
    ];
    state.voted = ["a"];
    await user.click(screen.getByRole("button", { name: "Open voting" }));
    await waitFor(() => expect(argsOf(calls, "openVoting")[0]).toEqual({ workshopId: "w1", address: "10.42.0.1" }));

    const qr = await screen.findByRole("img", { name: "QR code of the join link" });
    expect(qr.getAttribute("src")).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    expect(screen.getByRole("textbox", { name: "Join link" })).toHaveValue("http://10.42.0.1:8737/j/4F2A91C3");
    expect(screen.getByText("4821-0937").closest("p")).toHaveTextContent("Code 4821-0937");
    expect(screen.getByText("http://10.42.0.1:8737/").closest("p")).toHaveTextContent(
      "No camera? Open http://10.42.0.1:8737/ and type the code.",
    );
    await user.click(screen.getByRole("button", { name: "Copy link" }));
    expect(await navigator.clipboard.readText()).toBe("http://10.42.0.1:8737/j/4F2A91C3");

    // Every voter, never an observer; who joined, who is seen, who voted (never how).
    const table = await screen.findByRole("table", { name: "Voters' devices" });
    const row = (name: string) => within(table).getByRole("row", { name: new RegExp(`^${name} `) });
    await waitFor(() => expect(row("Ana")).toHaveTextContent("on phone · connected"));
    expect(row("Ana")).toHaveTextContent("has voted");
    expect(row("Ben")).toHaveTextContent("on phone · not seen for a while");
    expect(row("Ben")).toHaveTextContent("not yet");
    expect(row("Cy")).toHaveTextContent("not joined");
    // Cy voted at the laptop: ticked although not on a phone; the item the phones are on.
    state.voted = ["a", "c"];
    await waitFor(() => expect(row("Cy")).toHaveTextContent("has voted"));
    expect(screen.getByText(/^Phones are on/)).toHaveTextContent("Phones are on TEC-001 Risk number 1 · round 1 · 2 of 3 voted");
    expect(within(row("Cy")).queryByRole("button")).not.toBeInTheDocument();
    expect(within(table).queryByText("Olga")).not.toBeInTheDocument();
    expect(screen.getByText("2 of 3 joined · 1 connected")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Release Ana's name" }));
    await waitFor(() => expect(argsOf(calls, "releaseVoter")[0]).toEqual({ participantId: "a" }));
    await waitFor(() => expect(row("Ana")).toHaveTextContent("not joined"));

    await user.click(screen.getByRole("button", { name: "Close voting…" }));
    const dialog = screen.getByRole("dialog", { name: "Close voting?" });
    expect(dialog).toHaveTextContent("Every phone is disconnected and the link stops working.");
    await user.click(within(dialog).getByRole("button", { name: "Close voting" }));
    await waitFor(() => expect(calls.some((c) => c.command === "closeVoting")).toBe(true));
    expect(await screen.findByRole("button", { name: "Open voting" })).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "QR code of the join link" })).not.toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Voters' devices" })).not.toBeInTheDocument();
  });

  it("shows the core's refusal to open voting as it says it", async () => {
    const { state } = backend(detail([first()]));
    state.openError = { code: "conflict", message: "Voting is open for another workshop (Board review); close it there first" };
    const user = userEvent.setup();
    show();

    await user.click(await screen.findByRole("tab", { name: "Phones" }));
    await screen.findByRole("combobox", { name: "Network" });
    await user.click(screen.getByRole("button", { name: "Open voting" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Voting is open for another workshop (Board review); close it there first",
    );
    expect(screen.getByRole("button", { name: "Open voting" })).toBeEnabled();
  });
});

describe("the presenter while phones vote", () => {
  it("shows a vote cast on a phone without a click, and marks who votes from a phone", async () => {
    const { state } = backend(detail([first(), second()]));
    state.open = { workshop_id: "w1", join_url: "http://192.168.1.23:8737/j/X", code_url: "http://192.168.1.23:8737/", code: "4821-0937", address: "192.168.1.23", qr_svg: svg };
    state.devices = [
      { participant_id: "c", name: "Cy", connected: true, voted: false },
      { participant_id: "b", name: "Ben", connected: false, voted: true },
    ];
    show();

    expect(await screen.findByText("2 of 3 have voted")).toBeInTheDocument();
    expect(await screen.findByText("Phones: 2 joined · 1 connected")).toBeInTheDocument();
    const who = screen.getByRole("list", { name: "Who has voted" });
    expect(within(who).getByText(/Cy/)).toHaveTextContent(/Cy has not voted yet\W*\(on a phone\)/);
    expect(within(who).getByText(/Ana/)).not.toHaveTextContent("on a phone");

    // Cy votes on the phone: the count goes up by itself.
    const voted: ItemView = item(1, [round(1, false)], ["a", "b", "c"]);
    state.items.set("i1", voted);
    expect(await screen.findByText("3 of 3 have voted")).toBeInTheDocument();
    expect(within(who).getByText(/Cy/)).toHaveTextContent("Cy has voted");
    expect(screen.getByRole("button", { name: "Reveal" })).toBeEnabled();
  });

  it("leaves the decide panel alone: no polling while it is open", async () => {
    const { state, calls } = backend(detail([revealedItem(1)]));
    const user = userEvent.setup();
    show();

    await user.click(await screen.findByRole("button", { name: "Decide" }));
    await user.type(screen.getByLabelText("Rationale"), "Agreed");
    const asked = argsOf(calls, "itemView").length;
    state.items.set("i1", { ...revealedItem(1), item: { ...revealedItem(1).item, notes: "changed elsewhere" } });
    await new Promise((resolve) => setTimeout(resolve, 150)); // six poll intervals
    expect(argsOf(calls, "itemView")).toHaveLength(asked);
    expect(screen.getByLabelText("Rationale")).toHaveValue("Agreed");

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(argsOf(calls, "itemView").length).toBeGreaterThan(asked));
  });

  it("tells the core which item the room is on, from the presenter only, and starts there on reopening", async () => {
    const initial = detail([first(), second(), item(3, [round(1, false)], [])]);
    initial.workshop.current_item = "i2";
    const { calls } = backend(initial);
    const user = userEvent.setup();
    show();

    expect(await screen.findByText("2 of 3")).toBeInTheDocument();
    const current = () => argsOf(calls, "setCurrentItem").map((a) => a.itemId);
    await waitFor(() => expect(current()).toEqual(["i2"]));
    expect(argsOf(calls, "setCurrentItem")[0]).toEqual({ workshopId: "w1", itemId: "i2" });

    await user.click(screen.getByRole("button", { name: "Next →" }));
    expect(screen.getByText("3 of 3")).toBeInTheDocument();
    await waitFor(() => expect(current()).toEqual(["i2", "i3"]));

    // Private entry: one voter at the laptop, not the room moving on.
    await user.click(screen.getByRole("tab", { name: "Private entry" }));
    await user.click(screen.getByRole("button", { name: "← Previous item" }));
    expect(screen.getByText(/Item 2 of 3/)).toBeInTheDocument();
    expect(current()).toEqual(["i2", "i3"]);
  });
});
