// Which exchange the window opened (from the File menu or the Exchange button): Send
// partnership…, Share with the partner… (both need the partnership on screen), or Merge a
// file…, which asks for the file first.
import { useEffect, useRef, useState } from "react";
import { api } from "../../api";
import { Dialog } from "../../components/Dialog";
import { useCommand } from "../../lib/useCommand";
import type { ExchangeWhat } from "./ExchangeMenu";
import { MergeDialog } from "./MergeDialog";
import { SendDialog } from "./SendDialog";
import { ShareDialog } from "./ShareDialog";
import "./exchange.css";

export function ExchangeDialogs({
  what,
  partnership,
  onClose,
  onMerged,
}: {
  what: ExchangeWhat;
  partnership: { id: string; name: string } | null;
  onClose: () => void;
  onMerged: (partnershipId: string) => void;
}) {
  if (what === "merge") return <MergeAction onClose={onClose} onMerged={onMerged} />;
  if (!partnership) {
    return (
      <Dialog title={what === "send" ? "Send partnership" : "Share with the partner"} onClose={onClose}>
        <p>Choose a partnership on the left first: its register is what is sent.</p>
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }
  return what === "send" ? (
    <SendDialog partnershipId={partnership.id} name={partnership.name} onClose={onClose} />
  ) : (
    <ShareDialog partnershipId={partnership.id} name={partnership.name} onClose={onClose} />
  );
}

/// The open dialog, then the merge preview of the chosen file.
function MergeAction({ onClose, onMerged }: { onClose: () => void; onMerged: (partnershipId: string) => void }) {
  const [path, setPath] = useState<string | null>(null);
  const { run, error } = useCommand();
  // The open dialog is asked once, however often the window redraws meanwhile.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    void run(async () => {
      const chosen = await api.chooseExchangeFile();
      if (chosen) setPath(chosen);
      else close.current();
    });
  }, [run]);
  if (path) return <MergeDialog path={path} onClose={onClose} onMerged={onMerged} />;
  if (!error) return null;
  return (
    <Dialog title="Merge a file" onClose={onClose}>
      <p className="banner-error" role="alert">
        {error.message}
      </p>
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
