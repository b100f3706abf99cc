/// <reference types="vite/client" />
// The import boundaries of ui/src (see features/README.md), checked on the source text:
// a feature never imports another feature or the shell; shared code (components/, lib/,
// api.ts, bindings.ts, test/) never imports a feature or the shell.
import { describe, expect, it } from "vitest";

// Every source file of ui/src, keyed by its path relative to ui/src (but this file, whose
// examples of bad imports are data).
const sources: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.d.ts"], {
      query: "?raw",
      import: "default",
      eager: true,
    }),
  )
    .map(([path, text]) => [path.replace(/^\.\.\//, ""), text] as const)
    .filter(([path]) => path !== "test/boundaries.test.ts"),
);

/// The specifiers of every static import, re-export, side-effect import and dynamic import.
function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/// `features/risk/RiskEditor.tsx` + `../../lib/levels` → `lib/levels`; null for packages.
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") {
      if (parts.length === 0) return `../${specifier}`; // leaves ui/src
      parts.pop();
    } else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

type Area = { kind: "app" } | { kind: "feature"; name: string } | { kind: "shared" } | { kind: "entry" };

/// Where a file (relative to ui/src) belongs.
function areaOf(path: string): Area {
  const [top, second] = path.split("/");
  if (top === "app") return { kind: "app" };
  if (top === "features" && second && path.split("/").length > 2) return { kind: "feature", name: second };
  if (top === "main.tsx") return { kind: "entry" };
  return { kind: "shared" }; // components/, lib/, test/, api.ts, bindings.ts, features/README.md
}

/// Why importing `target` from `from` breaks a boundary, or null when it is allowed.
function violation(from: string, target: string): string | null {
  const source = areaOf(from);
  const dest = areaOf(target);
  if (target.startsWith("../")) return "imports from outside ui/src";
  if (source.kind === "entry" || source.kind === "app") return null;
  if (dest.kind === "app") return "only main.tsx may import the shell (app/)";
  if (source.kind === "shared" && dest.kind === "feature")
    return `shared code may not import a feature (features/${dest.name})`;
  if (source.kind === "feature" && dest.kind === "feature" && dest.name !== source.name)
    return `feature ${source.name} may not import feature ${dest.name}`;
  return null;
}

function violations(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    for (const specifier of importsOf(text)) {
      const target = resolve(path, specifier);
      if (target === null) continue;
      const why = violation(path, target);
      if (why) found.push(`${path}: "${specifier}" — ${why}`);
    }
  }
  return found;
}

describe("import boundaries", () => {
  it("reads the whole source tree", () => {
    const paths = Object.keys(sources);
    expect(paths).toContain("app/App.tsx");
    expect(paths).toContain("bindings.ts");
    for (const feature of ["register", "risk", "heatmap", "requirements", "matrices", "export", "partnerships", "workshop"])
      expect(paths.some((p) => p.startsWith(`features/${feature}/`))).toBe(true);
  });

  it("keeps features apart, and shared code free of features and of the shell", () => {
    expect(violations(sources)).toEqual([]);
  });

  it("would catch each kind of crossing", () => {
    const bad = {
      "features/review/ReviewQueue.tsx": [
        'import { RiskEditor } from "../risk/RiskEditor";',
        'import type { RegisterFilter } from "../register/RegisterView";',
        'export { HeatMapView } from "../heatmap/HeatMapView";',
        'const lazy = import("../workshop/Presenter");',
        'import { App } from "../../app/App";',
        // allowed: its own files, shared code, packages
        'import { Dialog } from "../../components/Dialog";',
        'import { api } from "../../api";',
        'import "./review.css";',
        'import { useState } from "react";',
      ].join("\n"),
      "components/Thing.tsx": 'import { RegisterView } from "../features/register/RegisterView";',
      "lib/thing.ts": 'import "../features/matrices/matrices.css";',
      "api.ts": 'import { App } from "./app/App";',
      "app/App.tsx": 'import { RiskEditor } from "../features/risk/RiskEditor";',
    };
    expect(violations(bad)).toEqual([
      'features/review/ReviewQueue.tsx: "../risk/RiskEditor" — feature review may not import feature risk',
      'features/review/ReviewQueue.tsx: "../register/RegisterView" — feature review may not import feature register',
      'features/review/ReviewQueue.tsx: "../heatmap/HeatMapView" — feature review may not import feature heatmap',
      'features/review/ReviewQueue.tsx: "../../app/App" — only main.tsx may import the shell (app/)',
      'features/review/ReviewQueue.tsx: "../workshop/Presenter" — feature review may not import feature workshop',
      'components/Thing.tsx: "../features/register/RegisterView" — shared code may not import a feature (features/register)',
      'lib/thing.ts: "../features/matrices/matrices.css" — shared code may not import a feature (features/matrices)',
      'api.ts: "./app/App" — only main.tsx may import the shell (app/)',
    ]);
  });
});
