import { parentPort, workerData } from "node:worker_threads";
import { makeFolders, placePages, type PageLink } from "./page-folders.js";

// See startPagePlacer: the folders first (an error ends the worker with it), then the stored pages it is sent.
makeFolders(workerData as string[]);
parentPort?.once("message", (links: PageLink[]) => parentPort?.postMessage(placePages(links)));
