def handler(event, context):
    """Opens a support case."""
    return {"Case": event["inputCaseID"], "Message": "Case " + str(event["inputCaseID"]) + ": opened..."}
