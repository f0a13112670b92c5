def handler(event, context):
    """Escalates an unresolved case."""
    return {"Case": event["Case"], "Status": event["Status"], "Message": event["Message"] + "escalating."}
