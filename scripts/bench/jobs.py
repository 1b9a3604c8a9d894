"""Drives the jobs benchmark against a running stack (scripts/bench-jobs.sh starts one): batches of cached and of
uncached subtitle items, timed from the POST to the batch's completion, and the delivery latency of webhooks
(jobs-service's own timer, from each job's end to its receiver's 2xx). Prints a Markdown table."""
import argparse
import http.server
import json
import random
import re
import threading
import time

import requests

parser = argparse.ArgumentParser()
parser.add_argument("--gateway", required=True)
parser.add_argument("--billing", required=True)
parser.add_argument("--jobs-management", required=True)
parser.add_argument("--admin-token", required=True)
parser.add_argument("--receiver-port", type=int, required=True)
parser.add_argument("--items", type=int, default=500)
args = parser.parse_args()

admin = {"Authorization": "Bearer " + args.admin_token}
account = requests.post(f"{args.billing}/admin/v1/accounts", headers=admin,
                        json={"name": "bench-jobs", "credits": 100000}).json()["id"]
key = requests.post(f"{args.billing}/admin/v1/accounts/{account}/keys", headers=admin,
                    json={"mode": "live"}).json()["key"]
headers = {"API-KEY": key}
requests.post(f"{args.gateway}/api/v1/webhooks/secret", headers=headers).raise_for_status()

received = []


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received.append(time.time())
        self.send_response(204)
        self.end_headers()

    def log_message(self, *ignored):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.receiver_port), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook = f"http://127.0.0.1:{args.receiver_port}/hooks"


def new_video():
    return "https://www.tiktok.com/@loadtest/video/7399%015d" % random.randrange(10 ** 15)


def run_batch(urls, webhook=None):
    body = {"type": "subtitle", "items": [{"url": url} for url in urls]}
    if webhook:
        body["webhook_url"] = webhook
    started = time.time()
    response = requests.post(f"{args.gateway}/api/v1/batches", headers=headers, json=body)
    response.raise_for_status()
    batch_id = response.json()["id"]
    while True:
        batch = requests.get(f"{args.gateway}/api/v1/batches/{batch_id}", headers=headers).json()
        if batch["status"] == "completed":
            return time.time() - started, batch["counts"]
        time.sleep(0.2)


uncached = [new_video() for _ in range(args.items)]
seconds, counts = run_batch(uncached)
rows = [("uncached subtitles (stand-in)", args.items, seconds, counts)]
seconds, counts = run_batch(uncached)
rows.append(("cached subtitles", args.items, seconds, counts))
seconds, counts = run_batch([new_video() for _ in range(200)], webhook=hook)
deadline = time.time() + 60
while len(received) < 201 and time.time() < deadline:
    time.sleep(0.2)

metrics = requests.get(f"{args.jobs_management}/q/metrics").text


def quantile(q):
    match = re.search(r'tikneuron_webhooks_delivery_latency_seconds\{[^}]*quantile="%s"[^}]*\} ([0-9.eE+-]+)' % q,
                      metrics)
    return float(match.group(1)) * 1000 if match else float("nan")


print("| batch | items | seconds | items/s | completed / failed |")
print("|---|---|---|---|---|")
for name, items, seconds, counts in rows:
    print(f"| {name} | {items} | {seconds:.1f} | {items / seconds:.1f} | {counts['completed']} / {counts['failed']} |")
print()
print(f"webhooks delivered: {len(received)} (200 job.completed + 1 batch.completed expected); "
      f"delivery latency after the job's end: p50 {quantile('0.5'):.0f} ms, p99 {quantile('0.99'):.0f} ms")
server.shutdown()
