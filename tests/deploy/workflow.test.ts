import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = readFileSync(join(ROOT, ".github", "workflows", "site.yml"), "utf8");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  "runs-on": string;
  container?: string;
  permissions?: Record<string, string>;
  environment?: { name: string };
  steps: Step[];
}
const workflow = parse(source) as { name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const jobs = workflow.jobs;
const allSteps = Object.values(jobs).flatMap((job) => job.steps);
const commands = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const uses = (job: Job) => job.steps.map((s) => s.uses ?? "").filter(Boolean);
const index = (job: Job, match: (s: Step) => boolean) => job.steps.findIndex(match);

describe(".github/workflows/site.yml", () => {
  it("parses as YAML, with the triggers: pull requests, pushes to main, a schedule, by hand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "schedule", "workflow_dispatch"]);
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    const schedule = workflow.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    // At least hourly, so embargoed articles go live on time.
    expect(schedule[0]!.cron).toMatch(/^(\*\/(5|10|15|20|30)|0) \* \* \* \*$/);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("pins every action to a major version", () => {
    expect(allSteps.filter((s) => s.uses).length).toBeGreaterThan(8);
    for (const step of allSteps) if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@v\d+$/);
  });

  it("on pull requests: npm ci and fabu check with GitHub annotations", () => {
    const check = jobs.check!;
    expect(check.if).toBe("github.event_name == 'pull_request'");
    expect(uses(check)).toEqual(["actions/checkout@v4", "actions/setup-node@v4"]);
    expect(check.steps.find((s) => s.uses?.startsWith("actions/setup-node"))!.with).toMatchObject({ "node-version": 20 });
    const run = commands(check);
    expect(run.indexOf("npm ci")).toBeGreaterThanOrEqual(0);
    expect(run.indexOf("node bin/fabu.js check --format github")).toBeGreaterThan(run.indexOf("npm ci"));
  });

  it("on pull requests: npm test on Debian, after installing chromium and libxml2-utils", () => {
    const test = jobs.test!;
    expect(test.if).toBe("github.event_name == 'pull_request'");
    expect(test.container).toMatch(/^node:20-bookworm/);
    const install = index(test, (s) => /apt-get install[^\n]*chromium[^\n]*libxml2-utils/.test(s.run ?? ""));
    const ci = index(test, (s) => /npm ci/.test(s.run ?? ""));
    const npmTest = index(test, (s) => /^npm test$/m.test(s.run ?? ""));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(npmTest);
    expect(ci).toBeLessThan(npmTest);
  });

  it("on main and on the schedule: restore .cache, build, save .cache, upload dist for Pages", () => {
    const build = jobs.build!;
    expect(build.if).toBe("github.event_name != 'pull_request'");
    const restore = index(build, (s) => s.uses === "actions/cache/restore@v4" && s.with?.path === ".cache");
    const buildStep = index(build, (s) => s.run === "npm run build");
    const save = index(build, (s) => s.uses === "actions/cache/save@v4" && s.with?.path === ".cache");
    const upload = index(build, (s) => s.uses === "actions/upload-pages-artifact@v3");
    expect([restore, buildStep, save].every((i) => i >= 0)).toBe(true);
    expect(restore).toBeLessThan(buildStep);
    expect(buildStep).toBeLessThan(save);
    expect(buildStep).toBeLessThan(upload);
    const key = String(build.steps[restore]!.with!.key);
    expect(key).toContain("hashFiles('package-lock.json')");
    expect(key).toMatch(/hashFiles\('content\/\*\*'/);
    expect(build.steps[upload]!.with).toMatchObject({ path: "dist" });
    // A scheduled build compares with the last deployment's manifest and publishes only a changed site.
    const manifest = index(build, (s) => /cp \.deployed\/manifest\.json dist\/\.fabu-manifest\.json/.test(s.run ?? ""));
    expect(manifest).toBeGreaterThanOrEqual(0);
    expect(manifest).toBeLessThan(buildStep);
    expect(build.steps[upload]!.if).toBe("steps.changes.outputs.publish == 'true'");
  });

  it("deploys with actions/deploy-pages, with only the permissions Pages needs", () => {
    const deploy = jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.environment?.name).toBe("github-pages");
    expect(uses(deploy)[0]).toBe("actions/deploy-pages@v4");
  });
});
