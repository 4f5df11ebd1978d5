import { parentPort, workerData } from "node:worker_threads";
import { makeFolders } from "./page-folders.js";
import { clearUnwanted, NOTHING_PLACED, placePages, placeRecorded, type PageLink } from "./page-placer.js";

// See startPagePlacer. Messages are handled in order: folders to make, then the links (answered twice:
// once the unwanted early placements are gone, and once every link is placed). An error ends the worker.
const { targetDir, storeRoot } = workerData as { targetDir: string; storeRoot?: string };
const early = storeRoot ? placeRecorded(targetDir, storeRoot) : NOTHING_PLACED;
parentPort?.postMessage({ ready: true });
parentPort?.on("message", (message: { folders?: string[]; links?: PageLink[] }) => {
  if (message.folders) makeFolders(message.folders, early.folders);
  if (message.links) {
    parentPort?.postMessage({ cleared: clearUnwanted(early.placed, message.links) });
    parentPort?.postMessage({ missing: placePages(message.links, early.placed) });
    parentPort?.close();
  }
});
