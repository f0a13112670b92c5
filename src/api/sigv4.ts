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
  const params = authorizationParams(header);
  const scope = params && parseCredentialScope(params.credential);
  if (!params || !scope) return undefined;
  return { algorithm: ALGORITHM, ...scope, signedHeaders: params.signedHeaders.split(";").filter((h) => h !== ""), signature: params.signature };
}

interface AuthorizationParams {
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/** `AWS4-HMAC-SHA256 K=V, K=V, ...`: the three parameters SigV4 needs (the last of each wins), or undefined. */
function authorizationParams(header: string | null | undefined): AuthorizationParams | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(" ");
  if (space < 0 || trimmed.slice(0, space) !== ALGORITHM) return undefined;
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (let start = space + 1; start <= trimmed.length;) {
    let end = trimmed.indexOf(",", start);
    if (end < 0) end = trimmed.length;
    const eq = trimmed.indexOf("=", start);
    if (eq >= 0 && eq < end) {
      const key = trimmed.slice(start, eq).trim();
      const value = trimmed.slice(eq + 1, end).trim();
      if (key === "Credential") credential = value;
      else if (key === "SignedHeaders") signedHeaders = value;
      else if (key === "Signature") signature = value;
    }
    start = end + 1;
  }
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return undefined;
  return { credential, signedHeaders, signature };
}

type CredentialScope = Pick<SigV4Authorization, "accessKeyId" | "date" | "region" | "service">;

/** A client signs every request with the same scope all day: the last one parsed is kept. */
let lastScope: { readonly credential: string; readonly scope: CredentialScope } | undefined;

/** `AKID/20240101/us-east-1/states/aws4_request` → its parts, or undefined when malformed. */
export function parseCredentialScope(credential: string | undefined): CredentialScope | undefined {
  if (credential === undefined) return undefined;
  if (lastScope !== undefined && lastScope.credential === credential) return lastScope.scope;
  const parts = credential.split("/");
  // The access key id itself never contains "/", so a well-formed scope has exactly five parts.
  if (parts.length !== 5 || parts[4] !== "aws4_request") return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (accessKeyId === "" || !/^\d{8}$/.test(date) || region === "" || service === "") return undefined;
  const scope: CredentialScope = Object.freeze({ accessKeyId, date, region, service });
  lastScope = { credential, scope };
  return scope;
}

/** The credential scope of a request: from the Authorization header, else from a presigned URL's `X-Amz-Credential`. */
export function requestCredentialScope(
  authorization: string | undefined, url: { readonly searchParams: URLSearchParams },
): Pick<SigV4Authorization, "accessKeyId" | "region" | "service"> | undefined {
  const params = authorizationParams(authorization);
  if (params !== undefined) return parseCredentialScope(params.credential);
  return parseCredentialScope(url.searchParams.get("X-Amz-Credential") ?? undefined);
}
