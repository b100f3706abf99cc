// "Vote from your phone": the facilitator opens a small voting server on the room's network;
// voters join by the link or its QR code, claim their name and vote on the item the room is
// on. This face opens and closes it and shows whose device has joined (never how anyone voted).
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { Participant } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import type { AddressKind, VotingAddress, VotingInfo, VotingStatus } from "../../bindings";
import { PhonesDevices } from "./PhonesDevices";
import { Problem } from "./Problem";

const KIND_LABEL: Record<AddressKind, string> = {
  private: "local network",
  public: "public address",
  loopback: "this computer only, for testing",
};

export function addressLabel(a: VotingAddress): string {
  return `${a.address} — ${a.interface} (${KIND_LABEL[a.kind] ?? a.kind})`;
}

export function PhonesView({
  workshopId,
  participants,
  status,
  onStatus,
  onRefresh,
}: {
  workshopId: string;
  participants: Participant[];
  /// null until the first answer of voting_status.
  status: VotingStatus | null;
  /// An action's answer, shown at once.
  onStatus: (status: VotingStatus) => void;
  /// Ask for the status again (after releasing a name).
  onRefresh: () => void;
}) {
  const voting = useCommand();
  const [busy, setBusy] = useState(false);
  const open = status?.open ?? null;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    voting.setError(null);
    await voting.run(work);
    setBusy(false);
  };

  const voters = participants.filter((p) => p.voter);
  return (
    <section className="ws-phones" aria-label="Voting from phones">
      {open ? (
        <OpenVoting
          info={open}
          busy={busy}
          onClose={() =>
            run(async () => {
              await api.closeVoting();
              onStatus({ open: null, devices: [], item: null, voted: [] });
            })
          }
        />
      ) : (
        <ClosedVoting
          busy={busy}
          loading={status === null}
          onOpen={(address) =>
            run(async () => {
              const info = await api.openVoting(workshopId, address);
              onStatus({ open: info, devices: status?.devices ?? [], item: status?.item ?? null, voted: status?.voted ?? [] });
              onRefresh();
            })
          }
        />
      )}
      <Problem error={voting.error} />
      {open && (
        <PhonesDevices
          voters={voters}
          devices={status?.devices ?? []}
          item={status?.item ?? null}
          voted={status?.voted ?? []}
          busy={busy}
          onRelease={(participantId) =>
            run(async () => {
              await api.releaseVoter(participantId);
              onRefresh();
            })
          }
        />
      )}
    </section>
  );
}

function ClosedVoting({ busy, loading, onOpen }: { busy: boolean; loading: boolean; onOpen: (address: string) => void }) {
  const [addresses, setAddresses] = useState<VotingAddress[] | null>(null);
  const [chosen, setChosen] = useState("");
  const { run, error, setError } = useCommand();

  const look = useCallback(async () => {
    setError(null);
    await run(
      async () => {
        const found = (await api.votingAddresses()) ?? [];
        setAddresses(found);
        // Keep the choice when it is still there; else the first (private addresses come first).
        setChosen((was) => (found.some((a) => a.address === was) ? was : (found[0]?.address ?? "")));
      },
      { onError: () => setAddresses([]) },
    );
  }, [run, setError]);
  useEffect(() => {
    void look();
  }, [look]);

  return (
    <div className="ws-card ws-phones-closed">
      <h3>Vote from phones</h3>
      <p>
        Participants can vote from their own phone or laptop over the room's Wi-Fi or your phone's hotspot; no internet
        connection is needed. The link works only on this network, and only while voting is open.
      </p>
      {addresses === null ? (
        <p className="muted">Looking for this computer's networks…</p>
      ) : addresses.length === 0 ? (
        <p>
          This computer is not connected to any network, so phones cannot reach it. Join the room's Wi-Fi or turn on a
          hotspot, then{" "}
          <button type="button" onClick={() => void look()}>
            look again
          </button>
        </p>
      ) : (
        <div className="ws-inline">
          <Field label="Network" hint="The network the participants' phones are on.">
            {(id) => (
              <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {addresses.map((a) => (
                  <option key={a.address} value={a.address}>
                    {addressLabel(a)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="primary" disabled={busy || loading || !chosen} onClick={() => onOpen(chosen)}>
            Open voting
          </button>
        </div>
      )}
      <Problem error={error} />
    </div>
  );
}

function OpenVoting({ info, busy, onClose }: { info: VotingInfo; busy: boolean; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(info.join_url);
      setCopied(true);
    } catch {
      // No clipboard here: the link stays selectable on screen.
    }
  };
  // A data: image keeps the server's SVG inert (no script, no markup in the page); the
  // app's CSP allows data: images.
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(info.qr_svg)}`;

  return (
    <div className="ws-card ws-phones-open">
      <img className="ws-qr" src={qr} alt="QR code of the join link" />
      <div className="ws-phones-join">
        <h3>Voting is open</h3>
        <p>Participants scan the code or open the link on the same network, then pick their name.</p>
        <div className="ws-inline">
          <Field label="Join link">
            {(id) => <input id={id} className="ws-join-url" readOnly value={info.join_url} onFocus={(e) => e.target.select()} />}
          </Field>
          <button type="button" onClick={() => void copy()}>
            Copy link
          </button>
        </div>
        {copied && (
          <p role="status" className="muted">
            Link copied.
          </p>
        )}
        <p className="ws-code">
          Code <strong>{info.code}</strong>
        </p>
        <p className="muted">
          No camera? Open <strong>{info.code_url}</strong> and type the code. Every participant's page shows it too, so
          they can check they joined this workshop.
        </p>
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Close voting…
        </button>
      </div>
      {confirming && (
        <Dialog title="Close voting?" onClose={() => setConfirming(false)}>
          <p>
            Every phone is disconnected and the link stops working. Votes already cast stay counted; you can open voting
            again later.
          </p>
          <div className="actions-row">
            <button type="button" onClick={() => setConfirming(false)}>
              Keep voting open
            </button>
            <button
              type="button"
              className="primary danger-fill"
              onClick={() => {
                setConfirming(false);
                onClose();
              }}
            >
              Close voting
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
