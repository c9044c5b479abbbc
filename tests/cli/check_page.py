#!/usr/bin/python3
"""Loads an HTML page in headless Chromium and reports what a reader would meet.

Usage: /usr/bin/python3 tests/cli/check_page.py PAGE.html --screenshot OUT.png [--chromium PATH]

Drives Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe:
commands on fd 3, replies on fd 4, each a JSON text ended by a NUL byte), so it needs
nothing beyond Debian's python3 and chromium. Prints one JSON object:
  console: console messages of level error or warning, uncaught exceptions and log
           entries of level error (failed loads included)
  requests: URLs the page asked for that are neither data: nor file: URLs
  images: per <img>: alt text, natural width and height, and whether it decoded
  rows: per table row with data-outcome or data-option attributes: [table id, outcome, option]
  title: the document title
Exit status 0 when the page loaded, 1 when Chromium or the protocol failed.
"""
import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT_S = 60


class Browser:
    def __init__(self, chromium, profile):
        # fd 3 = the browser reads commands, fd 4 = it writes replies and events.
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child_fds():
            # Through fresh descriptors, in case a pipe end already is 3 or 4: dup2
            # onto itself would keep its close-on-exec flag.
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--user-data-dir=" + profile, "--remote-debugging-pipe", "--hide-scrollbars",
                 "--window-size=1280,900", "about:blank"]
        self.process = subprocess.Popen([chromium] + flags, preexec_fn=child_fds,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT_S

    def _read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium within %d s" % TIMEOUT_S)
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe (exit status %s)"
                                   % self.process.poll())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s failed: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            event = self._read_message()
            if event.get("method") == method:
                return event
            if "method" in event:
                self.events.append(event)

    def close(self):
        try:
            os.write(self.to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


CHECK_IMAGES = """
Promise.all(Array.from(document.images).map(img =>
  img.decode().then(() => true, () => false).then(ok => ({
    alt: img.alt, width: img.naturalWidth, height: img.naturalHeight, ok: ok && img.naturalWidth > 0
  }))))
"""

ROWS = """
Array.from(document.querySelectorAll('tr[data-outcome], tr[data-option]')).map(tr => [
  (tr.closest('table') || {}).id || '', tr.dataset.outcome || '', tr.dataset.option || ''])
"""


def check(page, screenshot, chromium):
    profile = tempfile.mkdtemp(prefix="samen_chromium_")
    browser = Browser(chromium, profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(domain + ".enable", session=session)
        browser.send("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=session)
        browser.wait_for("Page.loadEventFired")
        images = browser.send("Runtime.evaluate", {"expression": CHECK_IMAGES, "awaitPromise": True,
                                                   "returnByValue": True}, session=session)
        rows = browser.send("Runtime.evaluate", {"expression": ROWS, "returnByValue": True},
                            session=session)
        title = browser.send("Runtime.evaluate", {"expression": "document.title",
                                                  "returnByValue": True}, session=session)
        # The whole page in one picture: a viewport as tall as the content.
        metrics = browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
        width, height = int(metrics["width"]), min(int(metrics["height"]), 30000)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
        with open(screenshot, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        # Collect whatever events are still queued.
        browser.send("Runtime.evaluate", {"expression": "1"}, session=session)
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)

    console, requests = [], []
    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            console.append("console.%s: %s" % (params["type"], " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", []))))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            console.append("exception: %s" % details.get("exception", {}).get("description", details.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            console.append("log: %s %s" % (entry.get("text"), entry.get("url", "")))
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not (url.startswith("data:") or url.startswith("file:")):
                requests.append(url)
    return {"console": console, "requests": requests, "images": images["result"].get("value", []),
            "rows": rows["result"].get("value", []), "title": title["result"].get("value", ""),
            "screenshot": {"path": screenshot, "width": width, "height": height}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not os.path.exists(args.chromium):
        print(json.dumps({"error": "no Chromium at %s (Debian package chromium; bash tools/setup.sh "
                                   "test installs it)" % args.chromium}))
        return 1
    try:
        print(json.dumps(check(args.page, args.screenshot, args.chromium)))
    except Exception as e:  # report, do not hide: the C++ test prints it
        print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
