// Assigns the case to a support engineer.
export const handler = async (event) => ({ Case: event.Case, Message: `${event.Message}assigned...` });
