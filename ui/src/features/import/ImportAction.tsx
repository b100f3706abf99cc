// The "Import…" button of the title bar: the native open dialog, then the Import dialog
// on the chosen file.
import { useState } from "react";
import { importMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { ImportOutcome } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { api } from "../../api";
import { ImportDialog } from "./ImportDialog";

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
  const { run, error, setError } = useCommand();

  const choose = () =>
    run(async () => {
      const chosen = await api.chooseImportFile();
      if (chosen) setPath(chosen);
    });

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
