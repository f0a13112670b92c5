/**
 * @module The floor: plain JavaScript doing pass-chain's data work with no engine at all. Each step
 * builds the Parameters object ({step, from: $.cur.step, tag: $.meta.tag}) and stores it at
 * ResultPath $.cur without touching the input (a shallow copy of the top level, as an engine that
 * never mutates state data must do).
 */
export const name = "plain-js";
export const label = "plain JS (floor)";
export const supports = (workload) => workload.name === "pass-chain";

export async function prepare(workload) {
  const steps = Object.keys(workload.definition.States).length;
  return {
    bind() {
      return async (input) => {
        let state = input;
        for (let i = 0; i < steps; i++) {
          state = { ...state, cur: { step: i, from: state.cur.step, tag: state.meta.tag } };
        }
        return { status: "SUCCEEDED", output: state };
      };
    },
  };
}
