import { describe, it, expect } from "vitest";
import { checkRoleArn, parseActivityArn, parseExecutionArn, parseStateMachineArn } from "./arns.js";
import { checkAliasName, isValidName } from "./names.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { validationError } from "./errors.js";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

describe("ARNs", () => {
  it("parses machine, version and alias ARNs", () => {
    expect(parseStateMachineArn(SM)).toEqual({ kind: "machine", arn: SM, name: "Flow" });
    expect(parseStateMachineArn(`${SM}:12`)).toEqual({ kind: "version", arn: `${SM}:12`, machineArn: SM, name: "Flow", version: 12 });
    expect(parseStateMachineArn(`${SM}:prod`)).toEqual({ kind: "alias", arn: `${SM}:prod`, machineArn: SM, name: "Flow", alias: "prod" });
    for (const bad of ["", "arn:aws:s3:::bucket", `${SM}:a:b`, `${SM}:`, "arn:aws:states:us-east-1:123456789012:stateMachine"]) {
      expect(() => parseStateMachineArn(bad)).toThrow(expect.objectContaining({ code: "InvalidArn" }));
    }
  });

  it("parses Standard and Express execution ARNs", () => {
    expect(parseExecutionArn("arn:aws:states:us-east-1:1:execution:Flow:run")).toMatchObject({ kind: "standard", machineName: "Flow", name: "run" });
    expect(parseExecutionArn("arn:aws:states:us-east-1:1:express:Flow:run:u")).toMatchObject({ kind: "express", name: "run" });
    expect(() => parseExecutionArn(SM)).toThrow(expect.objectContaining({ message: "Invalid Arn: 'Resource type not valid in this context: stateMachine'" }));
    expect(parseActivityArn("arn:aws:states:us-east-1:1:activity:a")).toEqual({ arn: "arn:aws:states:us-east-1:1:activity:a", name: "a" });
  });

  it("checks IAM role ARNs", () => {
    expect(() => checkRoleArn("arn:aws:iam::123456789012:role/service-role/My-Role_1")).not.toThrow();
    expect(() => checkRoleArn("arn:aws:iam::123:role/R")).toThrow(expect.objectContaining({ code: "InvalidArn" }));
    expect(() => checkRoleArn("role")).toThrow(expect.objectContaining({ message: "Invalid Arn: 'Invalid ARN prefix: role'" }));
  });
});

describe("names", () => {
  it("follows AWS's naming rules", () => {
    expect(isValidName("Hello-World_1.2")).toBe(true);
    expect(isValidName("é-ok")).toBe(true);
    for (const bad of ["", " ", "a\u00a0b", "a\u0085b", "<", "?", "`", "~", "x".repeat(81)]) expect(isValidName(bad)).toBe(false);
    expect(isValidName("x".repeat(80))).toBe(true);
    expect(checkAliasName("v1-prod")).toBe("v1-prod");
    expect(() => checkAliasName("42")).toThrow(expect.objectContaining({ code: "InvalidName" }));
  });
});

describe("page tokens and validation errors", () => {
  it("round-trips tokens bound to their listing", () => {
    const token = encodePageToken("ListA", "cursor-1");
    expect(decodePageToken("ListA", token)).toBe("cursor-1");
    expect(() => decodePageToken("ListB", token)).toThrow(expect.objectContaining({ code: "InvalidToken" }));
    expect(() => decodePageToken("ListA", "%%%")).toThrow(expect.objectContaining({ code: "InvalidToken" }));
  });

  it("words constraint violations as AWS", () => {
    expect(validationError("name", undefined, "Member must not be null").message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
    expect(validationError("routing", "x", "c", "INVALID_ROUTING_CONFIGURATION").fields).toEqual({ reason: "INVALID_ROUTING_CONFIGURATION" });
  });
});
