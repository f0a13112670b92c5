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
