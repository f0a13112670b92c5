// Escalates an unresolved case.
export const handler = async (event) => ({ Case: event.Case, Status: event.Status, Message: `${event.Message}escalating.` });
