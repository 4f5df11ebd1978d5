import { describe, expect, it } from "vitest";
import { formatNewsDate, parseNewsDate, toIsoWithOffset } from "../../src/time/zoned-date.js";

describe("news dates in the site's time zone", () => {
  it("formats the seed's date with its weekday", () => {
    const instant = parseNewsDate("2020-11-13 14:45", "Asia/Shanghai")!;
    expect(formatNewsDate(instant, "Asia/Shanghai")).toBe("2020-11-13 14:45 星期五");
    expect(toIsoWithOffset(instant.epochMs, "Asia/Shanghai")).toBe("2020-11-13T14:45:00+08:00");
  });

  it("computes the weekday in the site zone, not UTC", () => {
    // 00:30 Beijing time on a Saturday is still Friday in UTC.
    const instant = parseNewsDate("2020-11-14 00:30", "Asia/Shanghai")!;
    expect(formatNewsDate(instant, "Asia/Shanghai")).toBe("2020-11-14 00:30 星期六");
  });

  it("honours an explicit offset and shows it in the site zone", () => {
    const instant = parseNewsDate("2020-11-13T06:45:00Z", "Asia/Shanghai")!;
    expect(toIsoWithOffset(instant.epochMs, "Asia/Shanghai")).toBe("2020-11-13T14:45:00+08:00");
  });

  it("handles other zones with daylight saving", () => {
    const summer = parseNewsDate("2021-07-01 12:00", "Europe/Berlin")!;
    expect(toIsoWithOffset(summer.epochMs, "Europe/Berlin")).toBe("2021-07-01T12:00:00+02:00");
  });

  it("rejects impossible dates and unknown forms", () => {
    expect(parseNewsDate("2021-02-29", "Asia/Shanghai")).toBeUndefined();
    expect(parseNewsDate("2021/02/01", "Asia/Shanghai")).toBeUndefined();
    expect(parseNewsDate("2021-01-01 25:00", "Asia/Shanghai")).toBeUndefined();
  });
});
