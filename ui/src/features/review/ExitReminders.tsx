// Exit plans in the review queue: notice deadlines and exit tests due within 90 days (tests
// overdue too), beside the risks, each leading to its partnership's exit plan.
import type { ExitReminder } from "../../bindings";
import "./exit-reminders.css";

function when(days: number): string {
  if (days < 0) return `${-days} days overdue`;
  if (days === 0) return "today";
  return days === 1 ? "in 1 day" : `in ${days} days`;
}

export function ExitReminders({ reminders, onOpen }: { reminders: ExitReminder[]; onOpen?: (partnershipId: string) => void }) {
  if (reminders.length === 0) return null;
  return (
    <section className="rv-exits" aria-labelledby="rv-exits-h">
      <h3 id="rv-exits-h">Exit plans due within 90 days</h3>
      <table className="register" aria-label="Exit plans due">
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
            const what = r.kind === "notice_deadline" ? "Last day to give notice" : "Exit test due";
            return (
              <tr key={`${r.partnership_id}-${r.kind}`}>
                <td>{r.partnership}</td>
                <td>{what}</td>
                <td>{r.date}</td>
                <td className={r.days_left < 0 ? "overdue" : undefined}>{when(r.days_left)}</td>
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
