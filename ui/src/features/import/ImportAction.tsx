// The "Import…" button of the title bar: the native open dialog, then the Import dialog
// on the chosen file.
import { useState } from "react";
import { asIpcError } from "../../lib/errors";
import type { ImportOutcome, IpcError } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { api } from "../../api";
import { ImportDialog } from "./ImportDialog";
import { importMessage } from "./words";

export function ImportAction({
  partnershipId,
  matrixId,
  onImported,
}: {
  partnershipId: string;
  matrixId: string;
  onImported: (outcome: ImportOutcome) => void;
}) {
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const choose = async () => {
    try {
      const chosen = await api.chooseImportFile();
      if (chosen) setPath(chosen);
    } catch (e) {
      setError(asIpcError(e));
    }
  };

  return (
    <>
      <button type="button" onClick={choose} title="A register kept in Excel or CSV">
        Import…
      </button>
      {path && (
        <ImportDialog
          key={path}
          partnershipId={partnershipId}
          matrixId={matrixId}
          path={path}
          onClose={() => setPath(null)}
          onImported={onImported}
        />
      )}
      {error && (
        <Dialog title="Import a risk register" onClose={() => setError(null)}>
          <p className="banner-error" role="alert">
            {importMessage(error)}
          </p>
        </Dialog>
      )}
    </>
  );
}
