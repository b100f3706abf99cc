// The app's commands under the name the screens use. The wrappers and every type they
// carry are generated from the Rust commands into bindings.ts (src-tauri/src/ipc.rs);
// each rejects with an IpcError (see lib/errors.ts).
export { commands as api } from "./bindings";
