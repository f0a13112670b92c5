/** @module Definition text: parsed as JSON, and scanned for a state name given twice in one States object. */

export interface ParsedText {
  readonly value?: unknown;
  /** The parser's message when the text is not JSON. */
  readonly error?: string;
  /** Each repeated key of a States object, at the location of its repetition. */
  readonly duplicateStates: { readonly name: string; readonly location: string }[];
}

interface Frame {
  readonly object: boolean;
  readonly location: string;
  /** Keys seen so far, kept only for a States object. */
  readonly keys: Set<string> | undefined;
  key: string;
  index: number;
}

/** Whether the object at `location` is a machine (so its "States" key holds state names). */
const isMachineLocation = (location: string): boolean =>
  location === "" || /\/(ItemProcessor|Iterator)$|\/Branches\[\d+\]$/.test(location);

/**
 * Parses the text; JSON.parse keeps the last of two equal keys silently, so a second pass over the
 * (valid) text finds repeated state names, which AWS reports as DUPLICATE_STATE_NAME. The scan is
 * iterative, so any nesting depth JSON.parse accepts is fine.
 */
export function parseDefinitionText(text: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), duplicateStates: [] };
  }
  return { value, duplicateStates: findDuplicateStates(text) };
}

function findDuplicateStates(text: string): { name: string; location: string }[] {
  const found: { name: string; location: string }[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const valueLocation = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    return top.object ? `${top.location}/${top.key}` : `${top.location}[${top.index}]`;
  };
  const open = (object: boolean): void => {
    const parent = stack[stack.length - 1];
    const location = valueLocation();
    const isStates = object && parent?.object === true && parent.key === "States" && isMachineLocation(parent.location);
    stack.push({ object, location, keys: isStates ? new Set() : undefined, key: "", index: 0 });
    expectKey = object;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "{" || c === "[") open(c === "{");
    else if (c === "}" || c === "]") {
      stack.pop();
      expectKey = false;
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.object) expectKey = true;
      else if (top) top.index++;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.object) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        top.key = key;
        if (top.keys) {
          if (top.keys.has(key)) found.push({ name: key, location: `${top.location}/${key}` });
          top.keys.add(key);
        }
        expectKey = false;
      }
      i = j;
    }
  }
  return found;
}
