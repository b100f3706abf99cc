// The state of merging one exchange file: the preview, asked again whenever a conflict is
// settled (the core previews with the resolutions chosen so far), whether to compare two
// ways, and the merge itself.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api";
import type { ExchangePreview, MergeChoices, MergeReport, Resolution } from "../../bindings";
import { useCommand } from "../../lib/useCommand";

export function useMerge(path: string) {
  const [twoWay, setTwoWay] = useState(false);
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const [preview, setPreview] = useState<ExchangePreview | null>(null);
  const [report, setReport] = useState<MergeReport | null>(null);
  const command = useCommand();
  const { run } = command;
  const latest = useRef(0);
  const choices: MergeChoices = useMemo(() => ({ resolutions, take: null, two_way: twoWay }), [resolutions, twoWay]);

  useEffect(() => {
    const n = ++latest.current;
    void run(
      async () => {
        const p = await api.previewExchange(path, choices);
        if (n === latest.current) setPreview(p);
      },
      { stale: () => n !== latest.current },
    );
  }, [path, choices, run]);

  const resolve = useCallback((id: string, resolution: Resolution | null) => {
    setResolutions((current) => {
      const next = { ...current };
      if (resolution === null) delete next[id];
      else next[id] = resolution;
      return next;
    });
  }, []);

  const apply = useCallback(
    () =>
      run(async () => {
        const done = await api.mergeExchange(path, choices);
        setReport(done);
        return done;
      }),
    [path, choices, run],
  );

  return { preview, report, resolutions, resolve, twoWay, compareTwoWays: () => setTwoWay(true), apply, command };
}
