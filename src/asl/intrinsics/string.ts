/** @module String intrinsics: States.Format and States.StringSplit. */
import type { JsonValue } from "../../shared/json.js";
import { invalidArguments, invalidTemplate } from "./failure.js";
import { createTemplateCache, isTemplateError, parseFormatTemplate, type FormatTemplate, type TemplateError } from "./format-template.js";
import { expectString, type IntrinsicFunction } from "./function.js";
import { javaText } from "./java-text.js";

type PreparedTemplate =
  | { readonly fixed: FormatTemplate | TemplateError }
  | { readonly lookup: (text: string) => FormatTemplate | TemplateError };

/**
 * States.Format(template, ...values): each `{}` replaced by the positionally matching value.
 * Strings are inserted as they are, null as `null`, objects and arrays as Java prints them.
 */
export const Format: IntrinsicFunction = {
  name: "States.Format",
  minArgs: 1,
  maxArgs: Infinity,
  prepare(args): PreparedTemplate {
    const first = args[0];
    // A literal template keeps its escapes in `raw`, so `\{}` stays a literal brace pair.
    if (first?.kind === "literal" && first.raw !== undefined) return { fixed: parseFormatTemplate(first.raw) };
    return { lookup: createTemplateCache() };
  },
  apply(args, scope, call) {
    const text = expectString(args[0]!, scope, call);
    const prepared = call.prepared as PreparedTemplate;
    const template = "fixed" in prepared ? prepared.fixed : prepared.lookup(text);
    if (isTemplateError(template)) throw invalidTemplate(scope, call, template.error);
    const { pieces } = template;
    if (pieces.length !== args.length) {
      throw invalidArguments(scope, call, "number of arguments do not match the occurrences of {}.");
    }
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) out += javaText(args[i]!) + pieces[i]!;
    return out;
  },
};

/**
 * States.StringSplit(text, delimiters): every character of the second argument is a delimiter and
 * empty pieces are dropped, as recorded on AWS: `", , ,"` split on `","` is `[" ", " "]`, and
 * `"This.is+a,test=string"` split on `".+,="` is five words.
 */
export const StringSplit: IntrinsicFunction = {
  name: "States.StringSplit",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const text = expectString(args[0]!, scope, call);
    const delimiters = expectString(args[1]!, scope, call);
    const out: JsonValue[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      if (delimiters.includes(text[i]!)) {
        if (i > start) out.push(text.slice(start, i));
        start = i + 1;
      }
    }
    if (text.length > start) out.push(text.slice(start));
    return out;
  },
};
