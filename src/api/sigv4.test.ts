import { describe, it, expect } from "vitest";
import { parseAuthorization, parseCredentialScope, requestCredentialScope } from "./sigv4.js";

// The example request of https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
const AWS_EXAMPLE =
  "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
  "SignedHeaders=host;range;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";

describe("parseAuthorization", () => {
  it("reads the credential scope, signed headers and signature", () => {
    expect(parseAuthorization(AWS_EXAMPLE)).toEqual({
      algorithm: "AWS4-HMAC-SHA256",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      date: "20130524",
      region: "us-east-1",
      service: "s3",
      signedHeaders: ["host", "range", "x-amz-date"],
      signature: "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
    });
  });

  it("accepts the SDK's spacing (no space after commas) and another region", () => {
    const header = "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-3/states/aws4_request,SignedHeaders=content-type;host,Signature=abc";
    expect(parseAuthorization(header)).toMatchObject({ region: "eu-west-3", service: "states", signedHeaders: ["content-type", "host"] });
  });

  it.each([
    [undefined],
    [""],
    ["Bearer abc"],
    ["AWS4-HMAC-SHA256"],
    ["AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws4_request, Signature=abc"],
    ["AWS4-HMAC-SHA256 Credential=AKID/2024/us-east-1/states/aws4_request, SignedHeaders=host, Signature=abc"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws5_request, SignedHeaders=host, Signature=abc"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101//states/aws4_request, SignedHeaders=host, Signature=abc"],
    ["AWS4-HMAC-SHA1 Credential=AKID/20240101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=abc"],
  ])("returns undefined for %j", (header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe("parseCredentialScope", () => {
  it("splits a scope into its parts", () => {
    expect(parseCredentialScope("AKID/20240101/us-east-1/states/aws4_request")).toEqual({
      accessKeyId: "AKID", date: "20240101", region: "us-east-1", service: "states",
    });
  });
  it("refuses scopes with too few or too many parts", () => {
    expect(parseCredentialScope("AKID/20240101/us-east-1/aws4_request")).toBeUndefined();
    expect(parseCredentialScope("A/B/20240101/us-east-1/states/aws4_request")).toBeUndefined();
  });
});

describe("parseCredentialScope, one after another", () => {
  it("answers each scope for itself (the last one parsed is kept, never mixed up)", () => {
    const a = "A/20240101/eu-west-1/states/aws4_request";
    const b = "B/20240101/us-west-2/lambda/aws4_request";
    expect([a, b, a, a, "A/2024/eu-west-1/states/aws4_request", b].map((c) => parseCredentialScope(c)?.region)).toEqual(
      ["eu-west-1", "us-west-2", "eu-west-1", "eu-west-1", undefined, "us-west-2"]);
    expect(parseCredentialScope(a)).toEqual({ accessKeyId: "A", date: "20240101", region: "eu-west-1", service: "states" });
  });
});

describe("requestCredentialScope", () => {
  it("prefers the Authorization header, else the presigned query", () => {
    const authorization = "AWS4-HMAC-SHA256 Credential=A/20240101/ap-south-1/states/aws4_request, SignedHeaders=host, Signature=x";
    expect(requestCredentialScope(authorization, new URL("http://h/"))?.region).toBe("ap-south-1");
    const presigned = new URL("http://h/?X-Amz-Credential=" + encodeURIComponent("A/20240101/sa-east-1/states/aws4_request"));
    expect(requestCredentialScope(undefined, presigned)?.region).toBe("sa-east-1");
    expect(requestCredentialScope(undefined, new URL("http://h/"))).toBeUndefined();
  });
});
