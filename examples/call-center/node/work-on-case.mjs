// Works on the case: odd case numbers get resolved (the tutorial flips a coin; this is deterministic).
export const handler = async (event) => {
  const status = Number(event.Case) % 2;
  return { Case: event.Case, Status: status, Message: event.Message + (status === 1 ? "resolved..." : "unresolved...") };
};
