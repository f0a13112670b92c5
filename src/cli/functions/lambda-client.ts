/** @module A small Lambda API client for the CLI: JSON over HTTP to a running Stepwise (restJson1 paths). */
import { CliError, ExitCode } from "../io.js";

export interface LambdaClient {
  /** undefined when the function does not exist. */
  getFunction(name: string): Promise<Record<string, unknown> | undefined>;
  createFunction(input: Record<string, unknown>): Promise<Record<string, unknown>>;
  updateFunctionCode(name: string, zipFile: string): Promise<Record<string, unknown>>;
  updateFunctionConfiguration(name: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function createLambdaClient(endpoint: string, fetchImpl: typeof fetch = fetch): LambdaClient {
  const base = endpoint.replace(/\/+$/, "");
  async function request(operation: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new CliError(`cannot reach Stepwise at ${base} (${(e as Error).message}); start it with "stepwise serve" or give --endpoint`, ExitCode.FAILED);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      json = { message: text };
    }
    if (res.status >= 400 && !(operation === "GetFunction" && res.status === 404)) {
      const code = res.headers.get("x-amzn-errortype") ?? String(res.status);
      throw new CliError(`${operation} failed: ${code}: ${String(json.message ?? json.Message ?? text)}`, ExitCode.FAILED);
    }
    return { status: res.status, json };
  }
  const fn = (name: string) => `/2015-03-31/functions/${encodeURIComponent(name)}`;
  return {
    async getFunction(name) {
      const { status, json } = await request("GetFunction", "GET", fn(name));
      return status === 404 ? undefined : json;
    },
    createFunction: async (input) => (await request("CreateFunction", "POST", "/2015-03-31/functions", input)).json,
    updateFunctionCode: async (name, zipFile) => (await request("UpdateFunctionCode", "PUT", `${fn(name)}/code`, { ZipFile: zipFile })).json,
    updateFunctionConfiguration: async (name, input) => (await request("UpdateFunctionConfiguration", "PUT", `${fn(name)}/configuration`, input)).json,
  };
}
