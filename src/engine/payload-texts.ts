/**
 * @module JSON text of a transition's payloads, made once per value. A Task's result is usually the
 * TaskSucceeded output, the TaskStateExited output, the next state's input (TaskStateEntered, the
 * next TaskScheduled) and that frame's input in the snapshot: the same object, serialised once here
 * instead of six times. Use one within one synchronous toBatch call: nothing can change the values then.
 */
import type { JsonValue } from "../shared/json.js";

export class PayloadTexts {
  private readonly values: JsonValue[] = [];
  private readonly texts: string[] = [];

  /** JSON.stringify(value), remembered for objects and arrays (by identity). */
  of(value: JsonValue): string {
    if (typeof value !== "object" || value === null) return JSON.stringify(value);
    for (let i = 0; i < this.values.length; i++) if (this.values[i] === value) return this.texts[i]!;
    const text = JSON.stringify(value);
    this.values.push(value);
    this.texts.push(text);
    return text;
  }
}
