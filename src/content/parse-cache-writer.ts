import { parentPort } from "node:worker_threads";
import { tryWriteAtomically } from "../fs/write-atomically.js";

/** Writes parse-cache shards as they come ([file, text]); `null` ends it (see openParseCache). */
parentPort?.on("message", (message: readonly [string, string] | null) => {
  if (message === null) {
    parentPort?.close();
    return;
  }
  // Best effort: the articles are simply parsed again next time.
  tryWriteAtomically(message[0], message[1]);
});
