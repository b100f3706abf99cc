// A list of items of the plan (data sets, assets, alternatives), each a row of fields with
// a Remove button, and a line to add one by name.
import { useState, type ReactNode } from "react";
import { fieldId } from "./draft";
import { ItemName } from "./inputs";

export function ListEditor<T extends { id: string; name: string }>({
  path,
  title,
  noun,
  items,
  empty,
  placeholder,
  row,
  onAdd,
  onRemove,
}: {
  /// The list's path in the plan (`data_sets`).
  path: string;
  title: string;
  /// What one item is called ("data set").
  noun: string;
  items: T[];
  empty: string;
  placeholder: string;
  row: (item: T, n: number) => ReactNode;
  onAdd: (name: string) => void;
  onRemove: (n: number) => void;
}) {
  const [name, setName] = useState("");
  return (
    <section className="exit-list" id={fieldId(path)} tabIndex={-1} aria-labelledby={`${fieldId(path)}-h`}>
      <h4 id={`${fieldId(path)}-h`}>{title}</h4>
      {items.length === 0 && <p className="muted">{empty}</p>}
      {items.map((item, n) => (
        <div key={item.id || n} className="exit-item" role="group" aria-label={`${noun} ${item.name}`}>
          <ItemName.Provider value={item.name}>
            <div className="form-grid exit-grid-3">{row(item, n)}</div>
          </ItemName.Provider>
          <button type="button" className="ghost danger" aria-label={`Remove ${noun} ${item.name}`} onClick={() => onRemove(n)}>
            Remove
          </button>
        </div>
      ))}
      <form
        className="exit-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          onAdd(name.trim());
          setName("");
        }}
      >
        <input type="text" aria-label={`Name of the new ${noun}`} placeholder={placeholder} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>
          Add {noun}
        </button>
      </form>
    </section>
  );
}
