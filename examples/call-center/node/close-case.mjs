// Closes a resolved case.
export const handler = async (event) => ({ Case: event.Case, Status: event.Status, Message: `${event.Message}closed.` });
