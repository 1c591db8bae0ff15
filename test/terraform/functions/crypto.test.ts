import { describe, expect, it } from "vitest";
import { debug, run } from "./helpers.js";

describe("hash and id functions", () => {
  it("documented examples (UTF-8 bytes)", () => {
    expect(run("md5", "hello world")).toBe("5eb63bbbe01eeed093cb22bb8f5acdc3");
    expect(run("sha1", "hello world")).toBe("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed");
    expect(run("sha256", "hello world")).toBe("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    expect(run("sha512", "hello world")).toBe(
      "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f",
    );
    expect(run("base64sha256", "hello world")).toBe("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
    expect(run("uuidv5", "dns", "www.terraform.io")).toBe("a5008fae-b28c-5ba5-96cd-82b4c53552d6");
    expect(run("uuidv5", "url", "https://www.terraform.io/")).toBe("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5");
  });

  it("uuid, timestamp and bcrypt are always COMPUTED Unknowns", () => {
    expect(debug("uuid")).toEqual({
      $unknown: "COMPUTED",
      detail: "uuid() generates a new random id on every run, so its value is not known before apply",
      refs: [],
    });
    expect(debug("timestamp")).toMatchObject({ $unknown: "COMPUTED" });
    expect(debug("bcrypt", "secret")).toMatchObject({ $unknown: "COMPUTED" });
  });
});
