// Send partnership…: what goes, then the save dialog, then what was sent.
import { useState } from "react";
import { api } from "../../api";
import type { Sent } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useCommand } from "../../lib/useCommand";
import { SentMessage } from "./SentMessage";

export function SendDialog({ partnershipId, name, onClose }: { partnershipId: string; name: string; onClose: () => void }) {
  const [sent, setSent] = useState<Sent | null>(null);
  const { run, running, error } = useCommand();
  const send = () =>
    run(async () => {
      const done = await api.sendPartnership(partnershipId, { for_partner: false, risks: [], fields: [] });
      if (done) setSent(done);
    });
  return (
    <Dialog title="Send partnership" onClose={onClose}>
      <ErrorBanner error={error} />
      {sent ? (
        <SentMessage sent={sent} />
      ) : (
        <>
          <p>
            Everything of <strong>{name}</strong> goes into one exchange file: its risks, actions, requirements,
            workshops with their ballots and decisions, reviews, acceptances, the exit plan, health indicators and
            the history of changes.
          </p>
          <p className="muted">
            The file names you as the sender and the copy it is based on, so another analyst can merge it into
            their workspace three ways, and their changes can come back the same way.
          </p>
        </>
      )}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          {sent ? "Close" : "Cancel"}
        </button>
        {!sent && (
          <button type="button" className="primary" disabled={running} onClick={() => void send()}>
            Save the file…
          </button>
        )}
      </div>
    </Dialog>
  );
}
