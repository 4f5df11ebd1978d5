import { describe, expect, it } from "vitest";
import { parseOffsetDateTime, toRfc3339, toRfc822 } from "../../src/feeds/dates.js";

describe("feed dates", () => {
  it("writes RFC 822 in the offset the date was given in", () => {
    expect(toRfc822("2020-11-13T14:45:00+08:00")).toBe("Fri, 13 Nov 2020 14:45:00 +0800");
    // 00:30 Saturday in Beijing is still Friday in UTC: the weekday is the local one.
    expect(toRfc822("2020-11-14T00:30:00+08:00")).toBe("Sat, 14 Nov 2020 00:30:00 +0800");
    expect(toRfc822("2021-01-01T09:05:07.250+08:00")).toBe("Fri, 01 Jan 2021 09:05:07 +0800");
    expect(toRfc822("2020-11-13T06:45:00Z")).toBe("Fri, 13 Nov 2020 06:45:00 +0000");
    expect(toRfc822("2020-02-29T23:59:59-05:30")).toBe("Sat, 29 Feb 2020 23:59:59 -0530");
  });

  it("keeps the ISO offset for Atom and JSON Feed, completing the form RFC 3339 asks for", () => {
    expect(toRfc3339("2020-11-13T14:45:00+08:00")).toBe("2020-11-13T14:45:00+08:00");
    expect(toRfc3339("2020-11-13T14:45+08:00")).toBe("2020-11-13T14:45:00+08:00");
    expect(toRfc3339("2020-11-13T14:45:00+0800")).toBe("2020-11-13T14:45:00+08:00");
    expect(toRfc3339("2020-11-13T06:45:00.5z")).toBe("2020-11-13T06:45:00.5Z");
  });

  it("computes the instant", () => {
    expect(parseOffsetDateTime("2020-11-13T14:45:00+08:00").epochMs).toBe(Date.parse("2020-11-13T06:45:00Z"));
    expect(parseOffsetDateTime("2020-11-13T06:45:00.250Z").epochMs).toBe(Date.parse("2020-11-13T06:45:00.250Z"));
  });

  it("refuses dates without an offset, and impossible ones", () => {
    for (const bad of ["2020-11-13T14:45:00", "2020-11-13 14:45", "2020-11-13", "2021-02-29T00:00:00+08:00", "2020-11-13T24:00:00+08:00", "2020-11-13T14:45:00+25:00"]) {
      expect(() => toRfc822(bad), bad).toThrow(RangeError);
    }
  });
});
