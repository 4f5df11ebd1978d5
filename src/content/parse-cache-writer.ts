import { writeFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";

/** Writes parse-cache entries as they come ([file, text]); `null` ends it (see openParseCache). */
parentPort?.on("message", (message: readonly [string, string] | null) => {
  if (message === null) {
    parentPort?.close();
    return;
  }
  try {
    writeFileSync(message[0], message[1]);
  } catch {
    // best effort: the article is simply parsed again next time
  }
});
