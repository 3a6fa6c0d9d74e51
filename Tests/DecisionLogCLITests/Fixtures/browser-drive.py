#!/usr/bin/env python3
"""Drive headless Chromium through a list of steps and report what it saw.

Used by the web tests of `decisionlog serve`. Standard library only; it talks
the Chrome DevTools Protocol over --remote-debugging-pipe (Chromium reads NUL
terminated JSON messages on fd 3 and writes them on fd 4).

    python3 browser-drive.py STEPS.json

STEPS.json is {"chromium": "/usr/bin/chromium", "steps": [...]} (and optionally
"flags": [more Chromium switches]), each step one of
    {"go": URL}                                   navigate, wait for the load event
    {"click": CSS} / {"clickText": TEXT}          real mouse click on the first match
                                                  (clickText: an <a> whose trimmed text is
                                                  TEXT); optional "within": CSS; waits for
                                                  the navigation
    {"select": CSS, "value": V}                   set a <select>, fire change, requestSubmit
                                                  its form, wait for the navigation
    {"fill": CSS, "value": V}                     set an input's (or select's) value only
    {"submit": CSS}                               requestSubmit a form / click a button, wait
    {"read": NAME, "js": EXPR}                    evaluate EXPR, keep its value as NAME
    {"screenshot": PATH, "width": 1280, "height": 900, "full": true}   save a PNG

On success it prints {"values": {...}, "urls": [one per step], "console": [...]}
and exits 0; "console" lists console errors and warnings, uncaught exceptions,
failed requests and HTTP statuses >= 400. On failure it prints one line to
stderr and exits 1. A run never takes longer than about 60 seconds.
"""
import base64, json, os, select, shutil, signal, subprocess, sys, tempfile, time

RUN_LIMIT = 55.0   # seconds for the whole run, leaving room to shut Chromium down
WAIT_LIMIT = 15.0  # seconds for any one page load or reply


class Failure(Exception):
    pass


class Browser:
    def __init__(self, chromium, extra_flags=()):
        self.deadline = time.monotonic() + RUN_LIMIT
        self.profile = tempfile.mkdtemp(prefix="browser-drive-")
        to_r, self.to_w = os.pipe()      # we write commands, Chromium reads fd 3
        self.from_r, from_w = os.pipe()  # Chromium writes fd 4, we read replies

        def plumb():  # in the child, between fork and exec
            w = os.dup(from_w) if from_w == 3 else from_w
            os.dup2(to_r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        flags = ["--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                 "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--user-data-dir=" + self.profile] + list(extra_flags)
        try:
            self.proc = subprocess.Popen([chromium] + flags + ["about:blank"],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, close_fds=False,
                                         preexec_fn=plumb, start_new_session=True)
        except OSError as error:
            for fd in (self.to_w, self.from_r):
                os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise Failure("cannot start %s: %s" % (chromium, error.strerror))
        finally:
            os.close(to_r)
            os.close(from_w)
        self.buffer, self.next_id, self.session = b"", 0, None
        self.loads, self.console, self.request_urls = 0, [], {}

    def drain(self, quiet=0.3):
        """Take in events still on their way (a late console error, say)."""
        try:
            while True:
                self.read_message(time.monotonic() + quiet)
        except Failure:
            pass

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.send("Browser.close", session=False, limit=3)
                    self.proc.wait(timeout=3)
                except Exception:
                    pass
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # renderers and zygotes too
            except OSError:
                pass
            self.proc.wait(timeout=5)
        finally:
            for fd in (self.to_w, self.from_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    # --- the protocol -------------------------------------------------------

    def until(self, limit):
        return min(time.monotonic() + limit, self.deadline)

    def read_message(self, until, waiting_for="Chromium to answer"):
        while b"\0" not in self.buffer:
            left = until - time.monotonic()
            if left <= 0 or not select.select([self.from_r], [], [], left)[0]:
                raise Failure("timed out waiting for " + waiting_for)
            chunk = os.read(self.from_r, 1 << 16)
            if not chunk:
                raise Failure("Chromium closed the pipe (exit status %s)" % self.proc.poll())
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.on_event(message["method"], message.get("params", {}))
        return message

    def send(self, method, params=None, session=True, limit=WAIT_LIMIT, waiting_for=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.to_w, data):]
        except BrokenPipeError:
            time.sleep(0.2)
            raise Failure("Chromium is not running (exit status %s)" % self.proc.poll())
        until = self.until(limit)
        while True:
            reply = self.read_message(until, waiting_for or "Chromium to answer " + method)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise Failure("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})

    def on_event(self, method, p):
        note = self.console.append
        if method == "Page.loadEventFired":
            self.loads += 1
        elif method == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
            words = [str(a.get("value", a.get("description", ""))) for a in p.get("args", [])]
            note("console.%s: %s" % (p["type"], " ".join(words)))
        elif method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            note("exception: %s" % d.get("exception", {}).get("description", d.get("text")))
        elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
            e = p["entry"]
            note("log %s (%s): %s%s" % (e["level"], e.get("source"), e.get("text"),
                                        " [%s]" % e["url"] if e.get("url") else ""))
        elif method == "Network.requestWillBeSent":
            self.request_urls[p["requestId"]] = p["request"]["url"]
        elif method == "Network.responseReceived" and p["response"]["status"] >= 400:
            note("HTTP %d %s" % (p["response"]["status"], p["response"]["url"]))
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            why = p.get("blockedReason") or p.get("errorText")
            note("request failed (%s): %s" % (why, self.request_urls.get(p["requestId"], "?")))

    # --- pages --------------------------------------------------------------

    def attach(self):
        until = self.until(WAIT_LIMIT)
        while True:
            pages = [t for t in self.send("Target.getTargets", session=False)["targetInfos"]
                     if t["type"] == "page"]
            if pages:
                break
            if time.monotonic() > until:
                raise Failure("Chromium opened no page")
            time.sleep(0.1)
        self.session = self.send("Target.attachToTarget", {"targetId": pages[0]["targetId"],
                                 "flatten": True}, session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(domain + ".enable")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            d = result["exceptionDetails"]
            raise Failure(d.get("exception", {}).get("description", d.get("text")).split("\n")[0])
        return result["result"].get("value")

    def navigation(self, action, what):
        """Run action(), then wait until a new document has fired its load event."""
        before = self.loads
        action()
        until = self.until(WAIT_LIMIT)
        while self.loads == before:
            self.read_message(until, "a page to load after " + what)

    def find(self, selector, text=None, within=None):
        """JS that yields the first match (or throws naming what was looked for)."""
        scope = "document.querySelector(%s)" % json.dumps(within) if within else "document"
        if text is None:
            pick = "root.querySelector(%s)" % json.dumps(selector)
            name = "nothing matches %s" % selector
        else:
            pick = ("Array.from(root.querySelectorAll('a')).find(a => a.textContent.trim() === %s)"
                    % json.dumps(text))
            name = "no link with the text %r" % text
        if within:
            name += " within %s" % within
        return ("(() => { const root = %s; if (!root) throw new Error(%s);"
                " const el = %s; if (!el) throw new Error(%s); return el; })()"
                % (scope, json.dumps("nothing matches " + str(within)), pick, json.dumps(name)))

    def click(self, selector=None, text=None, within=None):
        box = self.evaluate("(() => { const el = %s; el.scrollIntoView({block: 'center'});"
                            " const r = el.getBoundingClientRect();"
                            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
                            % self.find(selector, text, within))

        def press():
            for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
                self.send("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"],
                                                       "button": "left", "clickCount": 1})
        self.navigation(press, "clicking %s" % (selector or repr(text)))

    def set_value(self, selector, value, then=""):
        self.evaluate("(() => { const el = %s; const v = %s;"
                      " if (el.tagName === 'SELECT' && !Array.from(el.options).some(o => o.value === v))"
                      "   throw new Error(%s + ' has no option ' + v);"
                      " el.value = v;"
                      " el.dispatchEvent(new Event('input', {bubbles: true}));"
                      " el.dispatchEvent(new Event('change', {bubbles: true})); %s })()"
                      % (self.find(selector), json.dumps(value), json.dumps(selector), then))

    def screenshot(self, path, width=1280, height=900, full=False):
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1, "mobile": False})
        params = {"format": "png"}
        if full:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={
                "x": 0, "y": 0, "width": width, "height": max(height, size["height"]), "scale": 1})
        with open(path, "wb") as out:
            out.write(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))

    def run(self, step, values):
        if "go" in step:
            def go():
                error = self.send("Page.navigate", {"url": step["go"]},
                                  waiting_for="%s to start loading" % step["go"]).get("errorText")
                if error:
                    raise Failure("could not open %s: %s" % (step["go"], error))
            self.navigation(go, "going to %s" % step["go"])
        elif "click" in step or "clickText" in step:
            self.click(step.get("click"), step.get("clickText"), step.get("within"))
        elif "select" in step:
            self.navigation(lambda: self.set_value(step["select"], step["value"],
                                                   "el.form.requestSubmit();"),
                            "choosing %s in %s" % (step["value"], step["select"]))
        elif "fill" in step:
            self.set_value(step["fill"], step["value"])
        elif "submit" in step:
            self.navigation(lambda: self.evaluate(
                "(() => { const el = %s; el.tagName === 'FORM' ? el.requestSubmit() : el.click(); })()"
                % self.find(step["submit"])), "submitting %s" % step["submit"])
        elif "read" in step:
            values[step["read"]] = self.evaluate(step["js"])
        elif "screenshot" in step:
            self.screenshot(step["screenshot"], step.get("width", 1280), step.get("height", 900),
                            step.get("full", False))
        else:
            raise Failure("unknown step %s" % json.dumps(step))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: browser-drive.py STEPS.json")
    with open(sys.argv[1]) as f:
        plan = json.load(f)
    browser = Browser(plan.get("chromium", "chromium"), plan.get("flags", []))
    values, urls = {}, []
    try:
        browser.attach()
        for number, step in enumerate(plan["steps"], 1):
            try:
                browser.run(step, values)
            except Failure as failure:
                raise Failure("step %d %s: %s" % (number, json.dumps(step), failure))
            urls.append(browser.evaluate("location.href"))
        browser.drain()
    finally:
        browser.close()
    print(json.dumps({"values": values, "urls": urls, "console": browser.console}, indent=1))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line on stderr, whatever went wrong
        print("browser-drive: %s" % str(error).replace("\n", " "), file=sys.stderr)
        sys.exit(1)
