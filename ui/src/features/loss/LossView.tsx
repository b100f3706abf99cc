// The Loss tab of a partnership (issue 24): the kept simulation's exceedance curves with
// the tolerance, the figures per stage, the top contributors and what the mitigation plan
// is worth; the settings (currency, threshold, tolerance, years, seed) and a run with its
// progress. Kept results whose inputs changed are marked out of date, never rerun by
// themselves.
import { Channel } from "@tauri-apps/api/core";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type { MitigationPlanValue, QuantResults, QuantSettings, StageResult } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { LossChart, type Curve } from "../../components/charts/LossCurves";
import { LossSettings } from "./LossSettings";
import { amount, percent } from "../../lib/money";
import "./loss.css";

const stageName = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/// The stage whose figures lead: residual, else inherent, else target.
function lead(stages: StageResult[]): StageResult | undefined {
  return (["residual", "inherent", "target"] as const)
    .map((k) => stages.find((s) => s.stage === k && s.figures.risks > 0))
    .find((s) => s !== undefined);
}

export function LossView({ partnershipId, version }: { partnershipId: string; version: number }) {
  const [results, setResults] = useState<QuantResults | null>(null);
  const [settings, setSettings] = useState<QuantSettings | null>(null);
  const [value, setValue] = useState<MitigationPlanValue | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const { run, banner } = useCommand();
  // A refusal here (years, currencies) has no field on this screen: say it above.
  const message = banner();

  const load = useCallback(
    (stale?: () => boolean) =>
      run(
        async () => {
          const [r, s, v] = await Promise.all([
            api.quantResults(partnershipId),
            api.quantSettings(partnershipId),
            api.mitigationValue(partnershipId),
          ]);
          if (stale?.()) return;
          setResults(r);
          setSettings(s);
          setValue(v);
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

  const simulate = () =>
    run(async () => {
      const channel = new Channel<number>();
      channel.onmessage = setProgress;
      setProgress(0);
      try {
        setResults(await api.runQuant(partnershipId, { stages: [], years: null, seed: null }, channel));
      } finally {
        setProgress(null);
      }
    });

  const stages = useMemo(() => (results?.stages ?? []).filter((s) => s.figures.risks > 0), [results]);
  const curves: Curve[] = useMemo(() => stages.map((s) => ({ stage: s.stage, points: s.figures.curve })), [stages]);
  if (!results || !settings)
    return message ? (
      <p className="banner-error" role="alert">
        {message}
      </p>
    ) : null;
  const first = lead(results.stages);
  const currency = results.currency ?? "";
  const outside = stages.filter((s) => s.tolerance?.outside);

  return (
    <div className="loss">
      <div className="loss-head">
        <h2>Loss in money</h2>
        <p role="status" className="loss-status">
          {progress !== null
            ? `Simulating… ${Math.round(progress * 100)} %`
            : first
              ? `${amount(first.figures.years)} simulated years, seed ${first.figures.seed}, run ${first.run_at.slice(0, 10)} by ${first.run_by}`
              : "No simulation kept yet"}
        </p>
        <div className="actions-row">
          <button type="button" className="primary" onClick={() => void simulate()} disabled={progress !== null}>
            Run simulation
          </button>
          <button type="button" onClick={() => setEditing(true)}>
            Settings…
          </button>
        </div>
      </div>
      {message && (
        <p className="banner-error" role="alert">
          {message}
        </p>
      )}
      {progress !== null && (
        <progress className="loss-progress" aria-label="Simulation progress" max={1} value={progress} />
      )}
      {stages.some((s) => s.out_of_date) && (
        <p className="loss-warning" role="alert">
          Estimates changed since this run: the stages marked out of date are not the current figures. Run the
          simulation again to update them.
        </p>
      )}
      {outside.length > 0 && results.tolerance && (
        <p className="loss-outside" role="alert">
          Outside tolerance:{" "}
          {outside
            .map(
              (s) =>
                `${stageName(s.stage)} has a ${percent(s.tolerance!.probability)} chance a year of losing more than ${amount(s.tolerance!.worst_loss)} ${currency} where ${percent(s.tolerance!.tolerated)} is tolerated`,
            )
            .join("; ")}
          .
        </p>
      )}
      {stages.length === 0 ? (
        <div className="empty">
          <p>
            Give risks a frequency and a loss range for a stage (in the risk editor or with{" "}
            <code>prisk risk set --frequency 0.5 --loss 50k..2M</code>), then run the simulation to see how much the
            partnership could cost in a year.
          </p>
        </div>
      ) : (
        <>
          <LossChart curves={curves} tolerance={results.tolerance} />
          <table className="loss-table loss-figures">
            <caption>Annual loss{currency ? ` in ${currency}` : ""} per stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Risks</th>
                <th scope="col">Mean</th>
                <th scope="col">Median</th>
                <th scope="col">P90</th>
                <th scope="col">P95</th>
                <th scope="col">P99</th>
                <th scope="col">ES 99 %</th>
                <th scope="col">P(loss)</th>
                <th scope="col">Tolerance</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">
                    {stageName(s.stage)}
                    {s.out_of_date && (
                      <>
                        {" "}
                        <span className="loss-stale">(out of date)</span>
                      </>
                    )}
                  </th>
                  <td>{s.figures.risks}</td>
                  <td>{amount(s.figures.mean)}</td>
                  <td>{amount(s.figures.median)}</td>
                  <td>{amount(s.figures.p90)}</td>
                  <td>{amount(s.figures.p95)}</td>
                  <td>{amount(s.figures.p99)}</td>
                  <td>{amount(s.figures.es99)}</td>
                  <td>{percent(s.figures.p_any_loss)}</td>
                  <td>{s.tolerance ? (s.tolerance.outside ? "Outside" : "Within") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {first && (
            <table className="loss-table loss-contributors">
              <caption>Top contributors ({first.stage})</caption>
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Mean a year</th>
                  <th scope="col">Of the mean</th>
                  <th scope="col">Of the worst 1 %</th>
                </tr>
              </thead>
              <tbody>
                {first.figures.contributions.slice(0, 10).map((c) => (
                  <tr key={c.risk_id}>
                    <th scope="row">
                      {c.reference} {c.title}
                    </th>
                    <td>{amount(c.mean)}</td>
                    <td>{percent(c.share_of_mean)}</td>
                    <td>{percent(c.share_of_tail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {value && value.risks.length > 0 && (
        <table className="loss-table loss-value">
          <caption>
            What the mitigation plan is worth a year (costs spread over {value.cost_years} years), best first
          </caption>
          <thead>
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Loss avoided</th>
              <th scope="col">Cost a year</th>
              <th scope="col">Net value</th>
              <th scope="col">Return</th>
            </tr>
          </thead>
          <tbody>
            {value.risks.map((r) => (
              <tr key={r.risk_id}>
                <th scope="row">
                  {r.reference} {r.title}
                </th>
                <td>{amount(r.avoided)}</td>
                <td>{amount(r.annual_cost)}</td>
                <td className={r.net < 0 ? "negative" : "positive"}>{amount(r.net)}</td>
                <td>{r.return_on_cost === null ? "—" : percent(r.return_on_cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <LossSettings
          partnershipId={partnershipId}
          settings={settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void load();
          }}
        />
      )}
    </div>
  );
}
