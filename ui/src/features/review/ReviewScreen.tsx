// One risk under review, with everything to judge it by, and the decision on it. Keys come
// from the registry (scope "review", pushed by the session around it); "?" lists them.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api";
import { reviewField } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { QueueEntry, Review, ReviewContext, Score } from "../../bindings";
import { todayIso } from "../../lib/dates";
import { useShortcut } from "../../lib/useShortcut";
import { AcceptancesPanel } from "./AcceptancesPanel";
import { DecisionPanel } from "./DecisionPanel";
import { emptyDraft, fieldsFor, snoozeDays, type Draft } from "./draft";
import { ChangesSince, LastReview, lastReview } from "./ReviewHistory";
import { ActionList, RequirementList, Treatment } from "./RiskFacts";
import { ScoreBoard } from "./ScoreBoard";
import { RiskHealth } from "./RiskHealth";
import { takeContext } from "./prefetch";
import { stateBadge, type Choice } from "./words";

export function ReviewScreen({
  entry,
  reviewedHere,
  onSaved,
  onBack,
  onChanged,
}: {
  entry: QueueEntry;
  /// Reviewed earlier in this session (the analyst came back to it).
  reviewedHere: boolean;
  onSaved: (review: Review) => void;
  onBack: () => void;
  /// Something other than a review changed (an acceptance was decided).
  onChanged: () => void;
}) {
  const today = todayIso();
  // Read ahead by the session while the previous risk was on screen, when it could be.
  const [context, setContext] = useState<ReviewContext | null>(() => takeContext(entry.risk_id));
  const readAhead = useRef(context !== null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [picking, setPicking] = useState(false);
  const [cursor, setCursor] = useState<Score | null>(null);
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);
  // Bumped to move focus where the decision's first field is, once it is rendered.
  const [focusWanted, setFocusWanted] = useState<"first" | "rationale" | "screen" | null>("screen");
  const root = useRef<HTMLDivElement>(null);
  const board = useRef<HTMLDivElement>(null);
  const refs = {
    rationale: useRef<HTMLTextAreaElement>(null),
    approver: useRef<HTMLInputElement>(null),
    action: useRef<HTMLInputElement>(null),
    days: useRef<HTMLInputElement>(null),
  };

  const load = useCallback(async () => {
    await run(async () => {
      setContext(await api.reviewContext(entry.risk_id));
    });
  }, [entry.risk_id, run]);

  useEffect(() => {
    if (readAhead.current) {
      readAhead.current = false;
      return;
    }
    void load();
  }, [load]);

  useEffect(() => {
    if (!focusWanted) return;
    const target =
      focusWanted === "screen"
        ? root.current
        : focusWanted === "rationale"
          ? refs.rationale.current
          : choice === "rescore" && picking
            ? board.current
            : choice === "accept"
              ? refs.approver.current
              : choice === "mitigate"
                ? refs.action.current
                : choice === "snooze"
                  ? refs.days.current
                  : refs.rationale.current;
    if (target) {
      target.focus();
      setFocusWanted(null);
    }
  });

  const risk = context?.detail.risk ?? null;

  const choose = (next: Choice) => {
    if (busy) return;
    setError(null);
    if (next === "no_change") {
      void save("no_change");
      return;
    }
    setChoice(next);
    if (next === "rescore") {
      setPicking(true);
      setCursor(draft.residual ?? risk?.residual ?? risk?.inherent ?? { likelihood: 1, impact: 1 });
    } else {
      setPicking(false);
      setDraft((d) => ({ ...emptyDraft(d.rationale) }));
    }
    setFocusWanted("first");
  };

  const cancel = (fromField = false) => {
    if (!choice) {
      if (fromField) setFocusWanted("screen");
      else onBack();
      return;
    }
    setChoice(null);
    setPicking(false);
    setError(null);
    setDraft((d) => emptyDraft(d.rationale));
    setFocusWanted("screen");
  };

  const save = async (which: Choice | null) => {
    if (!risk || busy) return;
    const decided = which ?? "no_change";
    if (decided === "snooze" && snoozeDays(draft) === null) {
      setError({ code: "invalid", field: "snooze_days", message: "" });
      setFocusWanted("first");
      return;
    }
    setBusy(true);
    await run(async () => onSaved(await api.addReview(risk.id, fieldsFor(decided, draft))), {
      onError: (err) => {
        const field = reviewField(err);
        if (field === "rationale") setFocusWanted("rationale");
        else if (field === "residual") {
          setPicking(true);
          setFocusWanted("first");
        } else if (field) setFocusWanted("first");
      },
    });
    setBusy(false);
  };

  const ready = !!risk && !busy;
  useShortcut("review.no_change", () => choose("no_change"), { enabled: ready });
  useShortcut("review.rescore", () => choose("rescore"), { enabled: ready });
  useShortcut("review.accept", () => choose("accept"), { enabled: ready });
  useShortcut("review.mitigate", () => choose("mitigate"), { enabled: ready });
  useShortcut("review.escalate", () => choose("escalate"), { enabled: ready });
  useShortcut("review.close", () => choose("close"), { enabled: ready });
  useShortcut("review.snooze", () => choose("snooze"), { enabled: ready });
  useShortcut("review.rationale", () => setFocusWanted("rationale"), { enabled: ready });
  useShortcut("review.save", () => void save(choice), { enabled: ready });
  useShortcut("review.cancel", () => cancel());

  const badge = stateBadge(entry, today);
  const last = context ? lastReview(context.reviews) : null;

  return (
    <div className="rv-screen" role="region" ref={root} tabIndex={-1} aria-labelledby="rv-heading">
      <header className="rv-head">
        <h2 id="rv-heading">Review {entry.reference}</h2>
        <span className={`rv-badge ${badge.tone}`}>{badge.text}</span>
        {reviewedHere && <span className="rv-flag">Reviewed in this session</span>}
        {entry.indicators.map((i) => (
          <span key={i.indicator_id} className="rv-flag" title={i.reason}>
            {i.indicator} {i.status === "stale" ? "stale" : `is ${i.status}`}
          </span>
        ))}
        <span className="muted">
          {entry.partnership} · {entry.due ? `due ${entry.due}` : "never reviewed"}
        </span>
      </header>
      {!context || !risk ? (
        error ? (
          <p className="banner-error" role="alert">
            {error.message}
          </p>
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : (
        <div className="rv-body">
          <div className="rv-main">
            <h3 className="rv-title">{risk.title}</h3>
            {risk.description && <p>{risk.description}</p>}
            <ScoreBoard
              matrix={context.matrix}
              risk={risk}
              picking={picking}
              cursor={cursor}
              picked={choice === "rescore" ? draft.residual : null}
              onCursor={setCursor}
              onSet={(score) => {
                setCursor(score);
                setDraft((d) => ({ ...d, residual: score }));
                setPicking(false);
                setError(null);
                setFocusWanted("rationale");
              }}
              onStop={() => {
                setPicking(false);
                if (!draft.residual) cancel(true);
                else setFocusWanted("rationale");
              }}
              boardRef={board}
            />
            <DecisionPanel
              matrix={context.matrix}
              choice={choice}
              draft={draft}
              onDraft={(patch) => setDraft((d) => ({ ...d, ...patch }))}
              onChoose={choose}
              onSave={() => void save(choice)}
              onCancel={cancel}
              error={error}
              busy={busy}
              refs={refs}
            />
          </div>
          <div className="rv-side">
            <RiskHealth riskId={risk.id} />
            <Treatment risk={risk} />
            <ActionList actions={context.detail.actions} today={today} />
            <RequirementList requirements={context.detail.requirements} />
            <LastReview review={last} />
            <ChangesSince history={context.detail.history} since={last?.at ?? null} />
            <AcceptancesPanel
              acceptances={context.acceptances}
              onChanged={() => {
                void load();
                onChanged();
              }}
            />
          </div>
        </div>
      )}
    </div>
  );
}
