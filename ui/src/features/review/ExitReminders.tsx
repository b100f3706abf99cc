// Exit plans in the review queue: notice deadlines and exit tests due within 90 days (tests
// overdue too) and a last exit test that failed, beside the risks, each leading to its
// partnership's exit plan.
import type { ExitReminder } from "../../bindings";
import "./exit-reminders.css";

const WHAT: Record<ExitReminder["kind"], string> = {
  notice_deadline: "Last day to give notice",
  test_due: "Exit test due",
  test_failed: "Last exit test failed",
};

function when(r: ExitReminder): string {
  const days = r.days_left;
  if (r.kind === "test_failed") return days === 0 ? "today" : days === -1 ? "1 day ago" : `${-days} days ago`;
  if (days < 0) return `${-days} days overdue`;
  if (days === 0) return "today";
  return days === 1 ? "in 1 day" : `in ${days} days`;
}

export function ExitReminders({ reminders, onOpen }: { reminders: ExitReminder[]; onOpen?: (partnershipId: string) => void }) {
  if (reminders.length === 0) return null;
  return (
    <section className="rv-exits" aria-labelledby="rv-exits-h">
      <h3 id="rv-exits-h">Exit plans due within 90 days</h3>
      <table className="rv-exits-table" aria-label="Exit plans due">
        <thead>
          <tr>
            <th scope="col">Partnership</th>
            <th scope="col">What</th>
            <th scope="col">Date</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reminders.map((r) => {
            const what = WHAT[r.kind];
            return (
              <tr key={`${r.partnership_id}-${r.kind}`}>
                <td>{r.partnership}</td>
                <td>{what}</td>
                <td>{r.date}</td>
                <td className={r.days_left < 0 || r.kind === "test_failed" ? "overdue" : undefined}>{when(r)}</td>
                <td>
                  {onOpen && (
                    <button type="button" className="link" aria-label={`Open the exit plan of ${r.partnership} (${what.toLowerCase()})`} onClick={() => onOpen(r.partnership_id)}>
                      Open the exit plan
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
