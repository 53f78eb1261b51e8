"""Print how long typical /api/v2/solutions/ requests take against a running site (no assertions).

    python bench/api_latency.py [BASE_URL] [REPEATS]      # default http://127.0.0.1:8000, 7 repeats

Each line: the request, the median and the slowest time, the solutions matched and the response size.
"""
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

REQUESTS = (
    {},
    {"limit": 100},
    {"limit": 0},
    {"stage": "pilot", "limit": 100},
    {"search": "очистка шахтных вод"},
    {"search": "рекультивация отвалов", "trl_min": 5, "limit": 100},
    {"offset": 200, "limit": 100, "sort": "title"},
)


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        body = response.read()
    return time.perf_counter() - started, body


def main(base_url="http://127.0.0.1:8000", repeats="7"):
    endpoint = base_url.rstrip("/") + "/api/v2/solutions/"
    for params in REQUESTS:
        url = endpoint + "?" + urllib.parse.urlencode(params)
        fetch(url)  # warm caches, as a running site has them
        timings, body = [], b""
        for _ in range(int(repeats)):
            elapsed, body = fetch(url)
            timings.append(elapsed)
        total = json.loads(body)["meta"]["total_count"]
        label = urllib.parse.unquote(urllib.parse.urlencode(params)) or "(no parameters)"
        print(f"{label:55} median {statistics.median(timings) * 1000:6.0f} ms  max {max(timings) * 1000:6.0f} ms"
              f"  matched {total:5}  {len(body) / 1024:6.0f} KiB")


if __name__ == "__main__":
    main(*sys.argv[1:])
