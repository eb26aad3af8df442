"""A stand-in for an SMS gateway: a threaded HTTP server on 127.0.0.1, on a free port.

It answers as Africa's Talking, Twilio or a generic operator would, records every request, and
can be told to misbehave: answer 500, 401, garbage, or nothing (time out), either for the next
calls (:meth:`FakeGateway.script`) or for a share of all calls (``fail_rate``). It never talks
to anything else. Pure Python: used by the module's tests, the root tests and the benchmark.
"""
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeGateway:
    def __init__(self, provider="africastalking", fail_rate=0.0, fail_with="500", seed=1,
                 timeout_delay=1.6, latency=0.0):
        self.provider = provider
        self.fail_rate = fail_rate
        self.fail_with = fail_with
        self.timeout_delay = timeout_delay
        self.latency = latency
        self.random = random.Random(seed)
        self.requests = []  # every request: dict(method, path, query, headers, form, json, body)
        self.accepted = []  # the messages it took: dict(to, message, id, reference)
        self._script = []
        self._lock = threading.Lock()
        self._counter = 0
        self.server = None
        self.thread = None

    # -- control ---------------------------------------------------------

    def start(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # one write per answer (headers and body together), no Nagle delay: a real
            # gateway's answers do not stall keep-alive connections for 40 ms each
            wbufsize = -1
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_GET(self):
                gateway._handle(self)

            def do_POST(self):
                gateway._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self):
        return "http://127.0.0.1:%s" % self.server.server_address[1]

    def script(self, *behaviours):
        """Behaviours of the next calls, in order: 'ok', '500', '503', '401', '429', 'garbage',
        'timeout', 'reject' (a refusal in the provider's own words), or ``(status, body)``."""
        with self._lock:
            self._script.extend(behaviours)

    def reset(self):
        with self._lock:
            self.requests.clear()
            self.accepted.clear()
            self._script.clear()
            self._counter = 0

    def count_by_number(self):
        counts = {}
        for message in self.accepted:
            counts[message["to"]] = counts.get(message["to"], 0) + 1
        return counts

    # -- serving ---------------------------------------------------------

    def _next_behaviour(self):
        with self._lock:
            if self._script:
                return self._script.pop(0)
            if self.fail_rate and self.random.random() < self.fail_rate:
                return self.fail_with
            return "ok"

    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        split = urlsplit(handler.path)
        content_type = handler.headers.get("Content-Type") or ""
        form, data = {}, None
        if "json" in content_type:
            try:
                data = json.loads(body or b"null")
            except ValueError:
                data = None
        else:
            form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        query = {key: values[0] for key, values in parse_qs(split.query).items()}
        record = {"method": handler.command, "path": split.path, "query": query,
                  "headers": dict(handler.headers.items()), "form": form, "json": data,
                  "body": body}
        with self._lock:
            self.requests.append(record)
        if self.latency:
            time.sleep(self.latency)
        behaviour = self._next_behaviour()
        if behaviour == "timeout":
            time.sleep(self.timeout_delay)
            behaviour = "ok-late"  # the client is gone; the message is not taken
            return self._reply(handler, 200, "late", "text/plain")
        if isinstance(behaviour, tuple):
            status, text = behaviour
            return self._reply(handler, status, text, "application/json")
        if behaviour in ("500", "503", "429"):
            return self._reply(handler, int(behaviour), "<html>Internal error</html>", "text/html")
        if behaviour == "401":
            text = {"twilio": json.dumps({"code": 20003, "message": "Authenticate",
                                          "status": 401})}.get(
                self.provider, "The supplied authentication is invalid")
            return self._reply(handler, 401, text, "text/plain")
        if behaviour == "garbage":
            return self._reply(handler, 200 if self.provider == "generic" else 201,
                               "<<not json at all", "text/plain")
        if behaviour == "reject":
            return self._reject(handler, record)
        return self._accept(handler, record)

    def _fields(self, record):
        fields = dict(record["query"])
        fields.update(record["form"])
        if isinstance(record["json"], dict):
            fields.update(record["json"])
        return fields

    def _accept(self, handler, record):
        fields = self._fields(record)
        with self._lock:
            self._counter += 1
            number = self._counter
        if self.provider == "africastalking":
            message_id = "ATXid_%06d" % number
            to, text = fields.get("to"), fields.get("message")
            payload = {"SMSMessageData": {
                "Message": "Sent to 1/1 Total Cost: KES 0.8000",
                "Recipients": [{"statusCode": 101, "number": to, "status": "Success",
                                "cost": "KES 0.8000", "messageId": message_id}]}}
            status = 201
        elif self.provider == "twilio":
            message_id = "SM%032x" % number
            to, text = fields.get("To"), fields.get("Body")
            payload = {"sid": message_id, "status": "queued", "to": to, "body": text,
                       "price": None, "error_code": None, "num_segments": "1"}
            status = 201
        else:
            message_id = "G%06d" % number
            to, text = fields.get("to"), fields.get("message")
            payload = {"status": "ok", "data": {"id": message_id}}
            status = 200
        with self._lock:
            self.accepted.append({"to": to, "message": text, "id": message_id,
                                  "reference": fields.get("reference"), "fields": fields})
        return self._reply(handler, status, json.dumps(payload), "application/json")

    def _reject(self, handler, record):
        fields = self._fields(record)
        if self.provider == "africastalking":
            payload = {"SMSMessageData": {"Message": "Sent to 0/1 Total Cost: 0", "Recipients": [
                {"statusCode": 403, "number": fields.get("to"), "status": "InvalidPhoneNumber",
                 "cost": "0", "messageId": "None"}]}}
            return self._reply(handler, 201, json.dumps(payload), "application/json")
        if self.provider == "twilio":
            payload = {"code": 21211, "message": "The 'To' number is not a valid phone number.",
                       "status": 400}
            return self._reply(handler, 400, json.dumps(payload), "application/json")
        return self._reply(handler, 422, json.dumps({"status": "error",
                                                     "error": "bad number"}), "application/json")

    def _reply(self, handler, status, text, content_type):
        data = text.encode() if isinstance(text, str) else text
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
