/** A worker thread of writeCorpus: generates and writes its slice of the articles, posts its statistics. */
import { parentPort, workerData } from "node:worker_threads";
import { writeRange, type CorpusTargets } from "./write.js";

const job = workerData as { count: number; seed: string; targets: CorpusTargets; from: number; to: number };
parentPort?.postMessage(writeRange(job.count, job.seed, job.targets, job.from, job.to));
