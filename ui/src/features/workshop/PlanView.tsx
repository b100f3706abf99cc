// Planning a workshop (and, while it runs, adding latecomers and risks): its fields, the
// participants, the agenda picked from the register; "Start workshop" with the reason it
// cannot start yet.
import { useMemo } from "react";
import { api } from "../../api";
import type { WorkshopDetail } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { AgendaPanel } from "./AgendaPanel";
import { AgendaPicker } from "./AgendaPicker";
import { ParticipantsPanel } from "./ParticipantsPanel";
import { Problem } from "./Problem";
import { ProposeRisk } from "./ProposeRisk";
import { WorkshopForm } from "./WorkshopForm";

/// Why the workshop cannot start yet, or null when it can.
export function startReason(detail: WorkshopDetail): string | null {
  const noAgenda = detail.items.length === 0;
  const noVoter = !detail.participants.some((p) => p.voter);
  if (noAgenda && noVoter) return "Add at least one risk to the agenda and one voter to start.";
  if (noAgenda) return "Add at least one risk to the agenda to start.";
  if (noVoter) return "Add at least one voter to start (observers do not vote).";
  return null;
}

export function PlanView({
  detail,
  onChanged,
  onStarted,
}: {
  detail: WorkshopDetail;
  onChanged: () => void;
  onStarted: () => void;
}) {
  const { workshop } = detail;
  const planned = workshop.status === "planned";
  const running = workshop.status === "running";
  const { run, error } = useCommand();
  const reason = startReason(detail);
  const start = async () => {
    await run(async () => {
      await api.startWorkshop(workshop.id);
      onStarted();
    });
  };
  const items = useMemo(() => detail.items.map((v) => v.item), [detail.items]);

  return (
    <div className="ws-plan">
      {planned && (
        <div className="ws-start">
          <button type="button" className="primary" disabled={reason !== null} onClick={start} aria-describedby="ws-start-reason">
            Start workshop
          </button>
          <span id="ws-start-reason" className="muted">
            {reason ?? "Ready: starting opens voting and fixes the rule, the anonymity mode and the score it sets."}
          </span>
          <Problem error={error} />
        </div>
      )}
      <div className="ws-plan-grid">
        <div>
          <WorkshopForm workshop={workshop} onSaved={onChanged} />
          <ParticipantsPanel
            workshopId={workshop.id}
            participants={detail.participants}
            readOnly={!planned && !running}
            onChanged={onChanged}
          />
        </div>
        <div>
          <AgendaPanel items={items} readOnly={!planned && !running} onChanged={onChanged} />
          {running && <ProposeRisk workshopId={workshop.id} onChanged={onChanged} />}
          <AgendaPicker
            partnershipId={workshop.partnership_id}
            workshopId={workshop.id}
            onAgenda={new Set(items.map((i) => i.risk_id))}
            onChanged={onChanged}
          />
        </div>
      </div>
    </div>
  );
}
