// Share with the partner…: the risks to share (all by default), the fields beyond
// reference, title, category, status and scores, and what stays home; then the save dialog
// and what was sent.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { RegisterRow, Sent } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { plural } from "../../lib/text";
import { useCommand } from "../../lib/useCommand";
import { SentMessage } from "./SentMessage";
import { SHARE_FIELDS, STAYS_HOME } from "./words";

export function ShareDialog({ partnershipId, name, onClose }: { partnershipId: string; name: string; onClose: () => void }) {
  const [rows, setRows] = useState<RegisterRow[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [fields, setFields] = useState<Set<string>>(new Set(SHARE_FIELDS.filter((f) => f.checked).map((f) => f.label)));
  const [sent, setSent] = useState<Sent | null>(null);
  const { run, running, error } = useCommand();

  useEffect(() => {
    void run(async () => {
      const table = await api.register(partnershipId);
      setRows(table.rows);
      setChosen(new Set(table.rows.map((r) => r.reference)));
    });
  }, [partnershipId, run]);

  const all = rows !== null && chosen.size === rows.length;
  const toggle = (set: Set<string>, key: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(key);
    else next.delete(key);
    return next;
  };

  const share = () =>
    run(async () => {
      const picked = SHARE_FIELDS.filter((f) => fields.has(f.label)).flatMap((f) => f.fields);
      const done = await api.sendPartnership(partnershipId, {
        for_partner: true,
        // Every risk: none named (the core's "all").
        risks: all ? [] : [...chosen],
        // The core sends every field but those that stay home when none is named; the
        // title (always sent) names "no more than the fixed fields".
        fields: picked.length ? picked : ["title"],
      });
      if (done) setSent(done);
    });

  return (
    <Dialog title="Share with the partner" onClose={onClose} wide>
      <ErrorBanner error={error} />
      {sent ? (
        <SentMessage sent={sent} />
      ) : (
        <div className="xch-share">
          <fieldset>
            <legend>Risks of {name} to share</legend>
            {rows && (
              <label className="xch-all">
                <input
                  type="checkbox"
                  checked={all}
                  ref={(el) => {
                    if (el) el.indeterminate = !all && chosen.size > 0;
                  }}
                  onChange={(e) => setChosen(e.target.checked ? new Set(rows.map((r) => r.reference)) : new Set())}
                />{" "}
                All risks ({chosen.size} of {rows.length} chosen)
              </label>
            )}
            <div className="xch-risk-list">
              {rows?.map((r) => (
                <label key={r.id}>
                  <input type="checkbox" checked={chosen.has(r.reference)} onChange={(e) => setChosen(toggle(chosen, r.reference, e.target.checked))} />{" "}
                  {r.reference} {r.title}
                </label>
              ))}
              {rows === null && <p className="muted">Reading the register…</p>}
            </div>
          </fieldset>
          <fieldset>
            <legend>Fields to send</legend>
            <p className="muted">Reference, category, title, status and the three scores always go.</p>
            {SHARE_FIELDS.map((f) => (
              <label key={f.label} className="xch-field">
                <input type="checkbox" checked={fields.has(f.label)} onChange={(e) => setFields(toggle(fields, f.label, e.target.checked))} /> {f.label}
              </label>
            ))}
            <p className="xch-home">
              <strong>Stays home:</strong> {STAYS_HOME.join(", ")}.
            </p>
            <p className="muted">
              The partner opens the file in their own copy of Partner Risk, scores the risks from their side, comments and
              sends it back; merging it records their view beside ours and never changes our scores.
            </p>
          </fieldset>
        </div>
      )}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          {sent ? "Close" : "Cancel"}
        </button>
        {!sent && (
          <button type="button" className="primary" disabled={running || chosen.size === 0} onClick={() => void share()}>
            {rows ? `Share ${plural(chosen.size, "risk")}…` : "Share…"}
          </button>
        )}
      </div>
    </Dialog>
  );
}
