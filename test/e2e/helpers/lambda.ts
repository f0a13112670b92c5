/** @module Lambda end-to-end helpers: the real @aws-sdk/client-lambda and zips of inline code. */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { zipFiles } from "../../../src/services/index.js";
import { CREDENTIALS, REGION } from "./stepwise.js";

export function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
}

/** A deployment package of `files` (path → source; `{content, mode}` for an executable bootstrap). */
export const zipOf = zipFiles;
