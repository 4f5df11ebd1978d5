import { workerData } from "node:worker_threads";
import { makeFolders } from "./page-folders.js";

/** Makes the folders it is given (see createPageDirectoriesInBackground); an error ends the worker with it. */
makeFolders(workerData as string[]);
