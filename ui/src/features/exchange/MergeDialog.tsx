// Merge a file…: the merge preview (how the file meets this workspace, the changes of each
// side, renumbered references), the conflicts one by one, a summary, then the merge. A file
// whose base this workspace never had asks whether to compare two ways; a refusal is said
// in words, and nothing is written.
import { useEffect, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { exchangeMessage, isUnknownBase } from "../../lib/errors";
import { plural } from "../../lib/text";
import { ConflictStepper } from "./ConflictStepper";
import { MergeOverview } from "./MergeOverview";
import { MergeDone, MergeSummary } from "./MergeSummary";
import { useMerge } from "./useMerge";
import "./exchange.css";

type Step = "overview" | "conflicts" | "summary";

export function MergeDialog({
  path,
  onClose,
  onMerged,
}: {
  path: string;
  onClose: () => void;
  /// After a merge that wrote something: the window reloads what it shows.
  onMerged: (partnershipId: string) => void;
}) {
  const merge = useMerge(path);
  const { preview, report, resolutions, command } = merge;
  const [step, setStep] = useState<Step>("overview");
  const [current, setCurrent] = useState("");
  const error = command.error;
  const unresolved = preview ? preview.conflicts.filter((c) => resolutions[c.id] === undefined).length : 0;

  useEffect(() => {
    if (preview && !preview.conflicts.some((c) => c.id === current)) setCurrent(preview.conflicts[0]?.id ?? "");
  }, [preview, current]);

  const apply = async () => {
    const done = await merge.apply();
    if (done?.written) onMerged(done.preview.partnership_id);
  };

  let body: React.ReactNode;
  let actions: React.ReactNode = null;
  if (report) {
    body = <MergeDone report={report} resolutions={resolutions} />;
    actions = (
      <button type="button" className="primary" onClick={onClose}>
        Close
      </button>
    );
  } else if (!preview && error && isUnknownBase(error)) {
    body = (
      <div role="alert">
        <p>{exchangeMessage(error)}</p>
        <p>
          It can still be compared two ways: every difference between the file and this workspace is shown as a
          conflict for you to settle. Nothing is written until you apply.
        </p>
      </div>
    );
    actions = (
      <>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={merge.compareTwoWays}>
          Compare two ways
        </button>
      </>
    );
  } else if (!preview && error) {
    body = (
      <div role="alert" className="banner-error">
        <p>{exchangeMessage(error)}</p>
        <p>Nothing was written.</p>
      </div>
    );
    actions = (
      <button type="button" onClick={onClose}>
        Close
      </button>
    );
  } else if (!preview) {
    body = (
      <p role="status" className="muted">
        Reading the file and comparing it with this workspace…
      </p>
    );
  } else {
    const conflicts = preview.conflicts.length;
    body = (
      <>
        {step !== "conflicts" && <MergeOverview preview={preview} />}
        {error && (
          <div role="alert" className="banner-error">
            {exchangeMessage(error)} Nothing was written.
          </div>
        )}
        {step === "overview" && conflicts > 0 && (
          <p className="xch-conflict-count">
            <strong>{plural(conflicts, "conflict")}</strong> to settle: {unresolved ? `${unresolved} not yet resolved` : "all resolved"}.
          </p>
        )}
        {step === "conflicts" && (
          <ConflictStepper
            conflicts={preview.conflicts}
            resolutions={resolutions}
            onResolve={merge.resolve}
            current={current}
            onCurrent={setCurrent}
            sender={preview.sender.name || "the sender"}
            hasBase={preview.mode !== "two_way"}
            onFinished={() => setStep("summary")}
          />
        )}
        {step === "summary" && <MergeSummary preview={preview} resolutions={resolutions} />}
      </>
    );
    actions =
      step === "overview" ? (
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {conflicts > 0 ? (
            <button type="button" className="primary" onClick={() => setStep("conflicts")}>
              {unresolved ? `Resolve ${plural(conflicts, "conflict")}` : "Review the conflicts"}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => setStep("summary")}>
              Continue
            </button>
          )}
        </>
      ) : step === "conflicts" ? (
        <>
          <button type="button" onClick={() => setStep("overview")}>
            Back to the overview
          </button>
          <button type="button" disabled={unresolved > 0} onClick={() => setStep("summary")}>
            {unresolved ? `${plural(unresolved, "conflict")} left` : "To the summary"}
          </button>
        </>
      ) : (
        <>
          <button type="button" onClick={() => setStep(conflicts ? "conflicts" : "overview")}>
            Back
          </button>
          <button type="button" className="primary" disabled={command.running || unresolved > 0} onClick={() => void apply()}>
            {preview.mode === "import" ? "Import the partnership" : "Apply the merge"}
          </button>
        </>
      );
  }

  return (
    <Dialog title={`Merge ${fileName(path)}`} onClose={onClose} wide>
      {body}
      <div className="actions-row">{actions}</div>
    </Dialog>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
