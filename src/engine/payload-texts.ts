/**
 * @module JSON text of a transition's payloads, made once per value. A Task's result is usually the
 * TaskSucceeded output, the TaskStateExited output, the next state's input (TaskStateEntered, the
 * next TaskScheduled) and that frame's input in the snapshot: the same object, serialised once here
 * instead of six times, and written into the history once (later events of the batch refer to it).
 * Use one within one synchronous toBatch call: nothing can change the values then.
 */
import type { JsonValue } from "../shared/json.js";
import { markedText, payloadRefText } from "../store/index.js";

/** From this many values on, they are found through a Map. */
const MAP_FROM_VALUES = 32;

/** Shorter payloads are written again rather than referred to (a reference is about 30 characters). */
const MIN_REFERRED_LENGTH = 64;

export class PayloadTexts {
  private readonly values: JsonValue[] = [];
  private readonly texts: string[] = [];
  /** Where each value was first written into the history: [eventId, field], or undefined. */
  private readonly writtenAt: ([number, string] | undefined)[] = [];

  /** JSON.stringify(value), remembered for objects and arrays (by identity). */
  of(value: JsonValue): string {
    return this.texts[this.indexOf(value)] ?? JSON.stringify(value);
  }

  /**
   * The history text of the payload in `field` of event `eventId`: the value marked, or, when an
   * earlier event of the batch holds it already, a reference to that event's field.
   */
  inHistory(value: JsonValue, eventId: number, field: string): string | undefined {
    const i = this.indexOf(value);
    if (i < 0) {
      const text = JSON.stringify(value) as string | undefined;
      return text === undefined ? undefined : markedText(text);
    }
    const text = this.texts[i]!;
    const at = this.writtenAt[i];
    if (at !== undefined) return payloadRefText(at[0], at[1]);
    if (text.length >= MIN_REFERRED_LENGTH) this.writtenAt[i] = [eventId, field];
    return markedText(text);
  }

  /** The values' indexes once there are many (a Map's first transition has thousands): a short list is searched faster. */
  private byValue: Map<JsonValue, number> | undefined = undefined;

  /** The index of an object's or array's text (made now if new); -1 for other values. */
  private indexOf(value: JsonValue): number {
    if (typeof value !== "object" || value === null) return -1;
    const values = this.values;
    if (this.byValue) {
      const found = this.byValue.get(value);
      if (found !== undefined) return found;
    } else {
      for (let i = 0; i < values.length; i++) if (values[i] === value) return i;
    }
    values.push(value);
    this.texts.push(JSON.stringify(value));
    this.writtenAt.push(undefined);
    const index = values.length - 1;
    if (this.byValue) this.byValue.set(value, index);
    else if (values.length === MAP_FROM_VALUES) this.byValue = new Map(values.map((v, i) => [v, i]));
    return index;
  }
}
