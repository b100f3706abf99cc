// Mocks the app's commands through the generated, typed layer: handlers are keyed by the
// wrappers' names (`createRisk`, not "create_risk"), receive the arguments the wrapper
// sends and must answer with its reply's type, so a renamed command or argument fails
// the type check instead of passing a test by accident.
import { mockIPC } from "@tauri-apps/api/mocks";
import { commandNames, type CommandArgs, type commands } from "../bindings";

type Commands = typeof commands;
export type CommandName = keyof Commands;
export type Reply<K extends CommandName> = Awaited<ReturnType<Commands[K]>>;

export type Handlers = {
  [K in CommandName]?: (args: CommandArgs[K]) => Reply<K> | Promise<Reply<K>>;
};

/** One command the UI called, with what it sent. */
export type Call = { [K in CommandName]: { command: K; args: CommandArgs[K] } }[CommandName];

const byIpcName = new Map<string, CommandName>(
  Object.entries(commandNames).map(([wrapper, ipc]) => [ipc, wrapper as CommandName]),
);

export type Unhandled = "null" | "throw";

/**
 * Answers the app's commands with `handlers`; a command without a handler answers null,
 * or fails the call with `unhandled: "throw"`. Returns every call, in order.
 */
export function mockCommands(handlers: Handlers, unhandled: Unhandled = "null"): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const command = byIpcName.get(cmd);
    if (!command) throw new Error(`not a command of the app: ${cmd}`);
    const args = (payload ?? {}) as never;
    calls.push({ command, args } as Call);
    const handler = handlers[command] as ((args: never) => unknown) | undefined;
    if (handler) return handler(args);
    if (unhandled === "throw") throw new Error(`unexpected command ${command}`);
    return null;
  });
  return calls;
}

/** The arguments of each call to one command, in order. */
export function argsOf<K extends CommandName>(calls: Call[], command: K): CommandArgs[K][] {
  return calls.filter((c) => c.command === command).map((c) => c.args as CommandArgs[K]);
}
