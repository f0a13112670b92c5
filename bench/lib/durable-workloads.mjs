/**
 * @module Short Standard machines for the durable-engine section, with what one execution must
 * produce: its output, `*StateEntered` events (state transitions) and history events.
 */

const NOTE = "a short note carried from state to state, about one hundred characters long, to look like real data.";
const INC = "arn:aws:lambda:us-east-1:123456789012:function:bench-increment";

/** In-process Task handlers (the engine awaits them like a Lambda invocation). */
export const HANDLERS = {
  [INC]: async (input) => ({ v: input.v + 1, note: input.note }),
};

function chain(type, count) {
  const states = {};
  for (let i = 0; i < count; i++) {
    const next = i < count - 1 ? { Next: `S${i + 1}` } : { End: true };
    states[`S${i}`] = type === "Pass"
      ? { Type: "Pass", Parameters: { "v.$": "States.MathAdd($.v, 1)", "note.$": "$.note" }, ...next }
      : { Type: "Task", Resource: INC, ...next };
  }
  return { Comment: `${count} ${type} states`, StartAt: "S0", States: states };
}

export const DURABLE_WORKLOADS = {
  "pass-chain-10": {
    description: "10 Pass states (Parameters with States.MathAdd): the whole execution is one transition, one commit",
    definition: JSON.stringify(chain("Pass", 10)),
    input: JSON.stringify({ v: 0, note: NOTE }),
    output: { v: 10, note: NOTE },
    statesEntered: 10,
    events: 22,
    commits: 1,
  },
  "task-chain-10": {
    description: "10 Task states, each an in-process handler (v + 1): a commit when each task is scheduled and when it returns",
    definition: JSON.stringify(chain("Task", 10)),
    input: JSON.stringify({ v: 0, note: NOTE }),
    output: { v: 10, note: NOTE },
    statesEntered: 10,
    events: 52,
    commits: 11,
  },
  "map-1000": {
    description: "an inline Map over 1,000 items (MaxConcurrency 0), each a Task (in-process handler): one commit when the Map starts and one a task result; its state holds 1,000 iterations, so transitions write replay log entries, not the state",
    definition: JSON.stringify({
      Comment: "Map of 1,000 Tasks",
      StartAt: "Items",
      States: {
        Items: {
          Type: "Map", ItemsPath: "$.items", MaxConcurrency: 0, End: true,
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Work", States: { Work: { Type: "Task", Resource: INC, End: true } } },
        },
      },
    }),
    input: JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => ({ v: i, note: NOTE })) }),
    output: Array.from({ length: 1000 }, (_, i) => ({ v: i + 1, note: NOTE })),
    statesEntered: 1001,
    events: 7006,
    commits: 1001,
    /** A figure beside the target, not judged by it (the target is on the chains). */
    target: false,
  },
  "hello-3": {
    description: "Pass, Task (in-process handler), Succeed: a short Standard execution of two commits",
    definition: JSON.stringify({
      StartAt: "Greet",
      States: {
        Greet: { Type: "Pass", Parameters: { "v.$": "$.v", note: "hello" }, Next: "Work" },
        Work: { Type: "Task", Resource: INC, Next: "Done" },
        Done: { Type: "Succeed" },
      },
    }),
    input: JSON.stringify({ v: 41 }),
    output: { v: 42, note: "hello" },
    statesEntered: 3,
    events: 11,
    commits: 2,
  },
};
