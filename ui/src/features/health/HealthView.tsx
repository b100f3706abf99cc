// The Health tab of a partnership: every indicator with its status, latest value, target
// and a sparkline of its last readings; the risks its amber, red and stale indicators
// bring back for review and the exit triggers its red ones fire; one indicator in detail
// (chart with bands, reading entry, readings); adding, editing and importing.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { Indicator, PartnershipHealth } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useCommand } from "../../lib/useCommand";
import { IndicatorDialog } from "./IndicatorDialog";
import { IndicatorPanel } from "./IndicatorPanel";
import { IndicatorTable } from "./IndicatorTable";
import { ReadingImportDialog } from "./ReadingImportDialog";
import "./health.css";

export function HealthView({
  partnershipId,
  version,
  onOpenRisk,
  onChanged,
}: {
  partnershipId: string;
  version: number;
  onOpenRisk: (riskId: string) => void;
  /// After a change that may bring risks into the review queue.
  onChanged: () => void;
}) {
  const [data, setData] = useState<PartnershipHealth | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: "add" } | { kind: "edit"; indicator: Indicator } | { kind: "import" } | null>(
    null,
  );
  const [tick, setTick] = useState(0);
  const { run, error } = useCommand();

  const load = useCallback(
    (stale?: () => boolean) =>
      run(
        async () => {
          const h = await api.partnershipHealth(partnershipId);
          if (stale?.()) return;
          setData(h);
          setSelected((s) => (s && h.rows.some((r) => r.indicator.id === s) ? s : (h.rows[0]?.indicator.id ?? null)));
        },
        { stale },
      ),
    [run, partnershipId],
  );
  useEffect(() => {
    let gone = false;
    void load(() => gone);
    return () => {
      gone = true;
    };
  }, [load, version]);

  const changed = () => {
    void load();
    setTick((t) => t + 1);
    onChanged();
  };
  if (!data) return <ErrorBanner error={error} />;
  const c = data.counts;
  const current = data.rows.find((r) => r.indicator.id === selected) ?? null;

  return (
    <div className="health">
      <div className="health-head">
        <h2>Health</h2>
        <p className="health-counts" role="status">
          {data.rows.length === 0
            ? "No indicators yet"
            : `${c.red} red · ${c.amber} amber · ${c.stale} stale · ${c.green} green${c.no_data ? ` · ${c.no_data} without readings` : ""}`}
        </p>
        <div className="actions-row">
          <button type="button" className="primary" onClick={() => setDialog({ kind: "add" })}>
            Add indicator…
          </button>
          <button type="button" onClick={() => setDialog({ kind: "import" })} disabled={data.rows.length === 0}>
            Import readings…
          </button>
        </div>
      </div>
      <ErrorBanner error={error} />
      {data.rows.length === 0 ? (
        <div className="empty">
          <p>
            Indicators watch the partnership through numbers agreed with the partner: availability, response times,
            incidents, findings, revenue against plan. Start from the library and edit its defaults.
          </p>
        </div>
      ) : (
        <IndicatorTable rows={data.rows} selected={selected} onSelect={setSelected} />
      )}
      {(data.flags.risks.length > 0 || data.flags.triggers.length > 0) && (
        <section className="health-flags" aria-label="What the indicators bring back">
          {data.flags.risks.length > 0 && (
            <>
              <h3>Risks brought back for review</h3>
              <ul>
                {data.flags.risks.map((f) => (
                  <li key={`${f.indicator_id}:${f.risk_id}`}>
                    <button type="button" className="link" onClick={() => onOpenRisk(f.risk_id)}>
                      {f.reference} {f.title}
                    </button>{" "}
                    — {f.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.flags.triggers.length > 0 && (
            <>
              <h3>Exit triggers fired</h3>
              <ul>
                {data.flags.triggers.map((t) => (
                  <li key={`${t.indicator_id}:${t.scenario_id}:${t.trigger}`}>
                    {t.scenario}: {t.label} — {t.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {current && (
        <IndicatorPanel
          key={current.indicator.id}
          indicatorId={current.indicator.id}
          version={version + tick}
          onChanged={changed}
          onEdit={() => setDialog({ kind: "edit", indicator: current.indicator })}
          onRemoved={() => {
            setSelected(null);
            changed();
          }}
        />
      )}
      {dialog?.kind === "add" || dialog?.kind === "edit" ? (
        <IndicatorDialog
          partnershipId={partnershipId}
          indicator={dialog.kind === "edit" ? dialog.indicator : null}
          onClose={() => setDialog(null)}
          onSaved={(i) => {
            setDialog(null);
            setSelected(i.id);
            changed();
          }}
        />
      ) : null}
      {dialog?.kind === "import" && (
        <ReadingImportDialog
          partnershipId={partnershipId}
          onClose={() => setDialog(null)}
          onImported={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
    </div>
  );
}
