/** @module SigV4 request facts: parsing the Authorization header's credential scope (verification comes with IAM). */

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=..., Signature=...`. */
export interface SigV4Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  /** The scope's date, `YYYYMMDD`. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** Lower-case header names, in the order given. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

/**
 * Parses a SigV4 Authorization header. Returns undefined when the header is absent or is not a
 * well-formed SigV4 header (the caller decides whether that is an error: for now it is not).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-request.html
 */
export function parseAuthorization(header: string | null | undefined): SigV4Authorization | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(" ");
  if (space < 0) return undefined;
  const algorithm = trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) return undefined;
  const params = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const scope = parseCredentialScope(params.get("Credential"));
  const signedHeaders = params.get("SignedHeaders");
  const signature = params.get("Signature");
  if (!scope || signedHeaders === undefined || signature === undefined) return undefined;
  return { algorithm, ...scope, signedHeaders: signedHeaders.split(";").filter((h) => h !== ""), signature };
}

/** `AKID/20240101/us-east-1/states/aws4_request` → its parts, or undefined when malformed. */
export function parseCredentialScope(
  credential: string | undefined,
): Pick<SigV4Authorization, "accessKeyId" | "date" | "region" | "service"> | undefined {
  if (credential === undefined) return undefined;
  const parts = credential.split("/");
  // The access key id itself never contains "/", so a well-formed scope has exactly five parts.
  if (parts.length !== 5 || parts[4] !== "aws4_request") return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (accessKeyId === "" || !/^\d{8}$/.test(date) || region === "" || service === "") return undefined;
  return { accessKeyId, date, region, service };
}

/** The credential scope of a request: from the Authorization header, else from a presigned URL's `X-Amz-Credential`. */
export function requestCredentialScope(
  authorization: string | undefined, url: { readonly searchParams: URLSearchParams },
): Pick<SigV4Authorization, "accessKeyId" | "region" | "service"> | undefined {
  return parseAuthorization(authorization) ?? parseCredentialScope(url.searchParams.get("X-Amz-Credential") ?? undefined);
}
