"""Stepwise's Python runtime for python3.x functions: imports the handler and speaks the Lambda Runtime API
(AWS_LAMBDA_RUNTIME_API) with the semantics of AWS's awslambdaric: handler resolution, `context`, the
root logging handler, error shapes `{errorMessage, errorType, requestId, stackTrace}` with Python's
traceback lines, init errors posted to /init/error.

With STEPWISE_AWAIT_SPEC=1 the process is a pre-started generic runtime: it first reads one JSON line
`{"env": {...}}` from stdin (the function's environment), then becomes that function's runtime.
The address space is capped at the function's memory size (RLIMIT_AS), so allocations beyond it raise
MemoryError.
"""
import importlib
import importlib.machinery
import json
import os
import resource
import socket
import sys
import time

API_PREFIX = "/2018-06-01/runtime"
THIS_FILE = os.path.basename(__file__)
current_request_id = None


class FaultException(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


# ------------------------------------------------------------------------------------------ runtime API

def header_value(value):
    """One line of Latin-1 (an exception class's name is the user's to choose)."""
    return "".join(c if c == "\t" or (" " <= c <= "\xff" and c != "\x7f") else "?" for c in str(value))


class RuntimeClient:
    """HTTP/1.1 over one kept-alive loopback connection. The Runtime API's four calls need no more than
    this, and it spares every cold start the import of http.client (and the email package behind it)."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = (host, int(port))
        self.host_header = address
        self.sock = None
        self.reader = None

    def connect(self):
        # The host as bytes: a str would make getaddrinfo import the IDNA codec (about 1 ms).
        sock = socket.create_connection((self.address[0].encode("ascii"), self.address[1]))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.reader = sock.makefile("rb")

    def close(self):
        if self.sock is not None:
            try:
                self.reader.close()
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.reader = None

    def call(self, method, path, body=None, headers=None):
        lines = [f"{method} {API_PREFIX}{path} HTTP/1.1", f"Host: {self.host_header}"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {header_value(value)}")
        if body is not None:
            lines.append("Content-Type: application/json")
            lines.append(f"Content-Length: {len(body)}")
        request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
        if body:
            request += body
        for attempt in (1, 2):
            try:
                if self.sock is None:
                    self.connect()
                self.sock.sendall(request)
                return self.read_response()
            except (OSError, ValueError):
                # A kept-alive connection the server closed meanwhile: one more try on a new one.
                self.close()
                if attempt == 2:
                    raise

    def read_response(self):
        status_line = self.reader.readline(65537)
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        headers = {}
        while True:
            line = self.reader.readline(65537)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self.read_chunked()
        else:
            length = int(headers.get("content-length", "0"))
            body = self.reader.read(length) if length > 0 else b""
            if len(body) < length:
                raise ConnectionError("the Runtime API closed the connection mid-response")
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def read_chunked(self):
        parts = []
        while True:
            size = int(self.reader.readline(65537).split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.reader.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(self.reader.read(size))
            self.reader.readline(65537)

    def post_error(self, path, error):
        body = json.dumps(error).encode("utf-8")
        self.call("POST", path, body, {"Lambda-Runtime-Function-Error-Type": error["errorType"]})


# ---------------------------------------------------------------------------------------------- errors

def make_error(message, error_type, stack_trace, request_id):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def fault_result(exc_info, request_id, message=None):
    """AWS's shape: the traceback from the first frame outside the runtime, as traceback.format_list gives it."""
    import traceback  # only on a failure: spared at every cold start

    error_type, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    for index, frame in enumerate(frames):
        if os.path.basename(frame.filename) != THIS_FILE:
            frames = frames[index:]
            break
    else:
        frames = []
    return make_error(message if message else str(value), error_type.__name__, traceback.format_list(frames), request_id)


def log_error(error):
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description]
    if error.get("stackTrace") is not None:
        lines.append("Traceback (most recent call last):")
        for element in error["stackTrace"]:
            lines.extend(element.splitlines() if element else [""])
    # One event: line breaks inside it travel as \r.
    sys.stdout.write("\r".join(lines).replace("\n", "\r") + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------------- logging

def install_logging(logging):
    """The root logger's handler, as AWS's runtime sets it up: one event per record, with the request id."""

    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = current_request_id
            return True

    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if level:
        root.setLevel(level.upper())


class LoggingOnImport:
    """A sys.meta_path entry that sets up the root logger right after `logging` is first imported (by
    the function or any library), before that import returns. A function that never uses it does not
    pay for importing it (with traceback, threading and the rest) at its cold start."""

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            try:
                install_logging(module)
            except Exception:
                pass  # a package's own module named logging: nothing to set up

        spec.loader.exec_module = exec_module
        return spec


def set_up_logging():
    if "logging" in sys.modules:
        install_logging(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, LoggingOnImport())


# ---------------------------------------------------------------------------------------------- context

class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    def __init__(self, data):
        self.client = Client(data["client"]) if isinstance(data.get("client"), dict) else None
        self.custom = data.get("custom")
        self.env = data.get("env")


def parse_json_header(value):
    if not value:
        return None
    try:
        parsed = json.loads(value)
        return parsed if isinstance(parsed, dict) else None
    except ValueError:
        return None


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("lambda-runtime-aws-request-id")
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.tenant_id = headers.get("lambda-runtime-aws-tenant-id")
        client_context = parse_json_header(headers.get("lambda-runtime-client-context"))
        self.client_context = ClientContext(client_context) if client_context is not None else None
        identity = parse_json_header(headers.get("lambda-runtime-cognito-identity"))
        self.identity = CognitoIdentity(identity) if identity is not None else None
        self._deadline_ms = int(headers.get("lambda-runtime-deadline-ms", "0"))

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, message):
        sys.stdout.write(str(message))
        sys.stdout.flush()

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn}])"
        )


# ------------------------------------------------------------------------------------ handler loading

def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise FaultException("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {error}")
    if not module_name or not function_name:
        raise FaultException("Runtime.MalformedHandlerName", f"Bad handler '{handler}': not enough values to unpack")
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise FaultException("Runtime.BuiltInModuleConflict", f"Cannot use built-in module {module_name} as a handler module")
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise FaultException("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}")
    except SyntaxError as error:
        trace = [f'  File "{error.filename}" Line {error.lineno}\n    {error.text}']
        raise FaultException("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {error}", trace)
    handler_function = getattr(module, function_name, None)
    if handler_function is None:
        fault = FaultException("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")

        def missing_handler(event, context):
            raise fault

        return missing_handler
    return handler_function


def decimal_serializer(value):
    from decimal import Decimal  # only when a result holds something json cannot write: most never import it

    if isinstance(value, Decimal):
        return float(value) if value % 1 else int(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# ----------------------------------------------------------------------------------------- invocation

def handle(client, handler, request_id, headers, body):
    global current_request_id
    current_request_id = request_id
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error = None
    try:
        event = json.loads(body.decode("utf-8")) if body else None
        result = handler(event, LambdaContext(headers))
        try:
            # Bytes go out as they are (AWS's runtime does the same); anything else as JSON.
            if isinstance(result, (bytes, bytearray)):
                payload = bytes(result)
            else:
                payload = json.dumps(result, default=decimal_serializer).encode("utf-8")
        except (TypeError, ValueError) as marshal_error:
            error = make_error(f"Unable to marshal response: {marshal_error}", "Runtime.MarshalError", None, request_id)
    except FaultException as fault:
        error = make_error(fault.message, fault.error_type, fault.trace, request_id)
    except Exception:
        error = fault_result(sys.exc_info(), request_id)
    sys.stdout.flush()
    sys.stderr.flush()
    if error is not None:
        log_error(error)
        client.post_error(f"/invocation/{request_id}/error", error)
    else:
        client.call("POST", f"/invocation/{request_id}/response", payload)
    current_request_id = None


def read_specialization():
    line = sys.stdin.readline()
    sys.stdin.close()
    return json.loads(line)


def cap_memory():
    size = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
    if size and size.isdigit():
        limit = int(size) << 20
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


def main():
    client = None
    if os.environ.get("STEPWISE_AWAIT_SPEC") == "1":
        # The connection is opened while the function is not yet known: one step less at its cold start.
        client = RuntimeClient(os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
        try:
            client.connect()
        except OSError:
            client.close()
        spec = read_specialization()
        del os.environ["STEPWISE_AWAIT_SPEC"]
        os.environ.update(spec["env"])
        time.tzset()
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    try:
        os.chdir(task_root)
    except OSError:
        pass
    runtime_dir = os.path.dirname(os.path.abspath(__file__))
    sys.path = [task_root] + [entry for entry in sys.path if entry != runtime_dir]
    cap_memory()
    set_up_logging()
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
    if client is None or client.host_header != address:
        client = RuntimeClient(address)
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except FaultException as fault:
        error = make_error(fault.message, fault.error_type, fault.trace, None)
        log_error(error)
        client.post_error("/init/error", error)
        sys.exit(1)
    except Exception:
        error = fault_result(sys.exc_info(), None)
        log_error(error)
        client.post_error("/init/error", error)
        sys.exit(1)
    while True:
        status, headers, body = client.call("GET", "/invocation/next")
        if status != 200:
            sys.stderr.write(f"Stepwise runtime: /invocation/next answered {status}\n")
            sys.exit(1)
        handle(client, handler, headers.get("lambda-runtime-aws-request-id"), headers, body)


if __name__ == "__main__":
    main()
