// The agreement: its term, renewal and notice periods, early termination and change of
// control; the last day to give notice is derived by the core and shown, never typed.
import type { ExitPlan, NoticeDeadline, Renewal } from "../../bindings";
import { AmountInput, Check, Choice, DateField, DaysInput, TextInput } from "./inputs";

function Deadline({ notice, who }: { notice: NoticeDeadline | null; who: string }) {
  if (!notice) {
    return (
      <p className="muted">
        {who}: the last day to give notice shows once the end of the term and the notice period are recorded.
      </p>
    );
  }
  const left =
    notice.days_left < 0
      ? `passed ${-notice.days_left} days ago`
      : notice.days_left === 0
        ? "today"
        : `${notice.days_left} days left`;
  return (
    <p className={notice.days_left < 0 ? "exit-deadline overdue" : notice.days_left <= 90 ? "exit-deadline soon" : "exit-deadline"}>
      {who}: last day to give notice <strong>{notice.last_day}</strong> ({left}), to leave at the end of the term on{" "}
      {notice.term_end}
      {notice.renews ? "; otherwise the agreement renews" : ""}.
    </p>
  );
}

export function AgreementSection({
  plan,
  notice,
  partnerNotice,
  onChange,
}: {
  plan: ExitPlan;
  notice: NoticeDeadline | null;
  partnerNotice: NoticeDeadline | null;
  onChange: (edit: (p: ExitPlan) => void) => void;
}) {
  const a = plan.agreement;
  return (
    <section className="exit-section" aria-labelledby="exit-h-agreement">
      <h3 id="exit-h-agreement">Agreement</h3>
      <div role="status" aria-label="Notice deadline">
        <Deadline notice={notice} who="We" />
        {partnerNotice && <Deadline notice={partnerNotice} who="The partner" />}
      </div>
      <div className="form-grid">
        <DateField path="agreement.start" label="Start date" value={a.start} onCommit={(v) => onChange((p) => { p.agreement.start = v; })} />
        <DateField
          path="agreement.initial_term_end"
          label="End of the initial term"
          value={a.initial_term_end}
          onCommit={(v) => onChange((p) => { p.agreement.initial_term_end = v; })}
        />
        <Choice<Renewal>
          path="agreement.renewal"
          label="Renewal"
          value={a.renewal}
          options={[
            ["none", "None: it ends with its term"],
            ["automatic", "Automatic"],
          ]}
          onCommit={(v) =>
            onChange((p) => {
              p.agreement.renewal = v ?? "none";
              if (v !== "automatic") p.agreement.renewal_months = null;
            })
          }
        />
        {a.renewal === "automatic" && (
          <DaysInput
            path="agreement.renewal_months"
            label="Renewal period (months)"
            value={a.renewal_months}
            onCommit={(v) => onChange((p) => { p.agreement.renewal_months = v; })}
          />
        )}
        <DaysInput
          path="agreement.notice_days_ours"
          label="Our notice period (days)"
          value={a.notice_days_ours}
          onCommit={(v) => onChange((p) => { p.agreement.notice_days_ours = v; })}
        />
        <DaysInput
          path="agreement.notice_days_partner"
          label="The partner's notice period (days)"
          value={a.notice_days_partner}
          onCommit={(v) => onChange((p) => { p.agreement.notice_days_partner = v; })}
        />
        <TextInput
          path="currency"
          label="Currency of the plan's amounts"
          hint="ISO code, such as EUR"
          value={plan.currency}
          onCommit={(v) => onChange((p) => { p.currency = v.trim().toUpperCase(); })}
        />
        <AmountInput
          path="agreement.termination_fee"
          label="Early termination fee"
          value={a.termination_fee}
          onCommit={(v) => onChange((p) => { p.agreement.termination_fee = v; })}
        />
        <div className="span-2 exit-checks">
          <Check
            path="agreement.termination_for_convenience"
            label="We may end the agreement early for convenience"
            value={a.termination_for_convenience}
            onCommit={(v) => onChange((p) => { p.agreement.termination_for_convenience = v; })}
          />
          <Check
            path="agreement.change_of_control"
            label="A change of control of the partner lets us end it"
            value={a.change_of_control}
            onCommit={(v) => onChange((p) => { p.agreement.change_of_control = v; })}
          />
        </div>
        {a.change_of_control && (
          <div className="span-2">
            <TextInput
              path="agreement.change_of_control_note"
              label="Change of control clause"
              value={a.change_of_control_note}
              onCommit={(v) => onChange((p) => { p.agreement.change_of_control_note = v; })}
            />
          </div>
        )}
      </div>
    </section>
  );
}
