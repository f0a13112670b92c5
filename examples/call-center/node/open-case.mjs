// Opens a support case.
export const handler = async (event) => ({ Case: event.inputCaseID, Message: `Case ${event.inputCaseID}: opened...` });
