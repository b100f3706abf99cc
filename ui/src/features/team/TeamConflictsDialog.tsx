// Settle conflicts: what a team sync could not merge by itself, one by one on the exchange's
// side-by-side screen (base, ours, theirs; m keeps ours, t takes theirs, e edits a merged
// value, Enter goes on). Until a conflict is settled our value stays and its risk is marked
// in the register; settling writes the choice here, and the next sync sends it.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api";
import type { Conflict, Resolution, TeamConflictView } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { plainMessage } from "../../lib/errors";
import { plural } from "../../lib/text";
import { useCommand } from "../../lib/useCommand";
import "./team.css";

/// What the exchange's conflict screen takes (ConflictStepper): the shell passes it in, as a
/// feature does not import another.
export type StepperProps = {
  conflicts: Conflict[];
  resolutions: Record<string, Resolution>;
  onResolve: (id: string, resolution: Resolution | null) => void;
  current: string;
  onCurrent: (id: string) => void;
  sender: string;
  hasBase: boolean;
  onFinished: () => void;
};

/// A kept conflict as the stepper shows it: named by the kept id (what team_resolve takes),
/// with the choices a settled team conflict can take (keeping both records is the merge's
/// choice, not one a sync can settle afterwards).
function forStepper(kept: TeamConflictView): Conflict {
  return { ...kept.conflict, id: kept.id, choices: kept.conflict.choices.filter((c) => c !== "both") };
}

export function TeamConflictsDialog({
  Stepper,
  partnershipNames,
  onClose,
  onSettled,
}: {
  /// The side-by-side conflict screen (the exchange's ConflictStepper).
  Stepper: (props: StepperProps) => ReactNode;
  /// Partnership id → name, to say whose conflict is on screen.
  partnershipNames: Record<string, string>;
  onClose: () => void;
  /// After conflicts were settled: the window reloads the register and the status.
  onSettled: () => void;
}) {
  const [kept, setKept] = useState<TeamConflictView[] | null>(null);
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  // The choices as they are this moment: a merged value kept on the last conflict finishes
  // the stepper before the state above has it.
  const latest = useRef<Record<string, Resolution>>({});
  const [current, setCurrent] = useState("");
  const [settled, setSettled] = useState(0);
  const { run, error, running } = useCommand();

  const load = useCallback(async () => {
    await run(async () => {
      const list = (await api.teamConflicts(null)) ?? [];
      setKept(list);
      setCurrent((c) => (list.some((k) => k.id === c) ? c : (list[0]?.id ?? "")));
    });
  }, [run]);
  useEffect(() => {
    void load();
  }, [load]);

  const conflicts = useMemo(() => (kept ?? []).map(forStepper), [kept]);
  const chosen = conflicts.filter((c) => resolutions[c.id] !== undefined);
  const shown = kept?.find((k) => k.id === current) ?? kept?.[0];

  const resolve = (id: string, resolution: Resolution | null) => {
    const next = { ...latest.current };
    if (resolution === null) delete next[id];
    else next[id] = resolution;
    latest.current = next;
    setResolutions(next);
  };

  /// Settles every conflict given a choice; those left wait for another time.
  const settle = async (choices: Record<string, Resolution>) => {
    const ids = Object.keys(choices);
    if (ids.length === 0 || running) return;
    let done = 0;
    await run(async () => {
      for (const id of ids) {
        await api.teamResolve(id, choices[id]);
        done += 1;
      }
    });
    setSettled((n) => n + done);
    latest.current = {};
    setResolutions({});
    if (done > 0) onSettled();
    const left = (await api.teamConflicts(null).catch(() => null)) ?? [];
    if (left.length === 0 && done === ids.length) onClose();
    else await load();
  };

  let body: React.ReactNode;
  if (!kept) body = <p className="muted">Reading the conflicts…</p>;
  else if (kept.length === 0)
    body = <p>{settled ? `${plural(settled, "conflict")} settled. ` : ""}No conflicts wait to be settled.</p>;
  else
    body = (
      <>
        <p className="muted">
          Changes from the team that meet your own changes to the same field. Until you settle them your value stays here,
          and the risk is marked in the register.
          {shown && partnershipNames[shown.partnership_id] ? ` In ${partnershipNames[shown.partnership_id]}.` : ""}
        </p>
        <Stepper
          conflicts={conflicts}
          resolutions={resolutions}
          onResolve={resolve}
          current={shown?.id ?? ""}
          onCurrent={setCurrent}
          sender="the team"
          hasBase
          onFinished={() => void settle(latest.current)}
        />
      </>
    );

  return (
    <Dialog title="Settle conflicts from the team" onClose={onClose} wide>
      {error && (
        <p role="alert" className="banner-error">
          {plainMessage(error)} Nothing else was changed.
        </p>
      )}
      {body}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          Close
        </button>
        {conflicts.length > 0 && (
          <button type="button" className="primary" disabled={running || chosen.length === 0} onClick={() => void settle(latest.current)}>
            {chosen.length === 0 ? "Choose for each conflict" : `Settle ${plural(chosen.length, "conflict")}`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
