"""Writes BENCHMARKS.md from bench/run's results: one table per scenario, ratios to the peers."""
import datetime
import os
import platform
import subprocess
import sys

results, http_results, command, transfers = sys.argv[1:5]
latency_results, fetch_results, storm_results, concurrency_results = (sys.argv[5:9] + [None] * 4)[:4]


def fields(line):
    return dict(part.split("=", 1) for part in line.split())


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def ratio(mine, theirs, higher_is_better=True):
    if not mine or not theirs:
        return "-"
    value = mine / theirs if higher_is_better else theirs / mine
    return f"{value:.2f}x"


runs = {}
for line in open(results):
    scenario, server, figures, cpu_ms = line.rstrip("\n").split("\t")
    values = fields(figures)
    values["cpu_ms"] = cpu_ms
    runs.setdefault(scenario, {}).setdefault(server, []).append(values)
# Each row is the median of its rounds by transfer rate (the middle one of three).
rows = {scenario: {server: sorted(rounds, key=lambda v: float(v["rate"]))[len(rounds) // 2]
                   for server, rounds in by_server.items()}
        for scenario, by_server in runs.items()}
rounds = max((len(r) for by_server in runs.values() for r in by_server.values()), default=1)

out = []
out.append("# Benchmarks\n")
out.append(f"Produced by `{command}` on {datetime.date.today().isoformat()}, "
           f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
           f"Java {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}. "
           "Every server runs on this machine at the same time as the load generator, on loopback, serving the "
           "same folder; proxytftp serves from its local store (the same code path as cached files). "
           "Ratios are proxytftp's figure against the peer's, written so that above 1 means proxytftp is "
           "better.\n")

out.append("## TFTP, small files\n")
out.append(f"An 8 KB file in 512-byte lock-step, no options, as phones ask; {transfers} transfers per run; "
           f"each row is the median of {rounds} runs, the servers taking turns; "
           "CPU is the server's cost per transfer: the machine's busy time over the run less the load "
           "generator's own, so forked children and the kernel's share are counted for every server alike.\n")
out.append("| clients | server | transfers/s | p50 ms | p99 ms | CPU ms/transfer | failures | rate: proxytftp ÷ this | "
           "CPU: this ÷ proxytftp | p99: this ÷ proxytftp |")
out.append("|---|---|---|---|---|---|---|---|---|---|")
for scenario in ("small-50", "small-200"):
    by_server = rows.get(scenario, {})
    mine = by_server.get("proxytftp", {})
    for server, values in by_server.items():
        rate, p50, p99, cpu = (float(values["rate"]), float(values["p50_ms"]), float(values["p99_ms"]),
                               float(values["cpu_ms"]))
        vs = "" if server == "proxytftp" else (
            f"{ratio(float(mine['rate']), rate)} | {ratio(float(mine['cpu_ms']), cpu, False)} | "
            f"{ratio(float(mine['p99_ms']), p99, False)}")
        out.append(f"| {scenario.split('-')[1]} | {server} | {rate:.0f} | {p50:.2f} | {p99:.2f} | {cpu:.3f} | "
                   f"{values['failures']} | {vs or '- | - | -'} |")
out.append("")

out.append("## TFTP, large file\n")
out.append(f"One 32 MB transfer per run, after one unmeasured transfer of each mode per server; each row is the median of {rounds} runs. tftpd-hpa has no windowsize (RFC 7440) and answers in lock-step.\n")
out.append("| mode | server | seconds | MB/s | CPU s | proxytftp's speed vs this |")
out.append("|---|---|---|---|---|---|")
labels = {"large-512": "512, lock-step", "large-1428w16": "blksize 1428, windowsize 16",
          "large-65464": "blksize 65464"}
for scenario, label in labels.items():
    by_server = rows.get(scenario, {})
    mine = by_server.get("proxytftp", {})
    for server, values in by_server.items():
        seconds = float(values["seconds"])
        mbs = int(values["bytes"]) / seconds / (1 << 20) if seconds else 0
        cpu_s = float(values["cpu_ms"]) / 1000
        vs = "-" if server == "proxytftp" else ratio(float(mine["seconds"]), seconds, False)
        out.append(f"| {label} | {server} | {seconds:.3f} | {mbs:.1f} | {cpu_s:.3f} | {vs} |")
out.append("")

out.append("## HTTP\n")
out.append("`wrk -t 1` for 15 s after a 20 s warm-up; 50 connections for the 8 KB file, 4 for the 32 MB one. Both servers write an access log line per request (nginx to its access log, proxytftp to its log).\n")
out.append("| file | server | requests/s | p99 | proxytftp vs nginx |")
out.append("|---|---|---|---|---|")
http = {}
for line in open(http_results):
    name, server, rate, p99 = line.rstrip("\n").split("\t")
    http.setdefault(name, {})[server] = (float(rate), p99)
for name, by_server in http.items():
    label = "8 KB" if "cnf" in name else "32 MB"
    for server, (rate, p99) in by_server.items():
        vs = ratio(by_server["proxytftp"][0], rate) if server == "nginx" else "-"
        out.append(f"| {label} | {server} | {rate:.0f} | {p99} | {vs} |")
out.append("")


def tagged(path):
    """A proxy scenario's "run<TAB>key=value ..." lines, by run; empty when the scenario did not run."""
    if not path or not os.path.exists(path):
        return {}
    return {run: fields(figures) for run, figures in
            (line.rstrip("\n").split("\t", 1) for line in open(path) if line.strip())}


proxy_targets = []

latency = [line.rstrip("\n").split("\t") for line in open(latency_results)] if latency_results and \
    os.path.exists(latency_results) else []
if latency:
    out.append("## Proxy latency\n")
    out.append("A phone's device file (12 KB, lock-step) asked through a fresh gateway whose remote clusters are "
               "tftpd-hpa instances, one of which holds it and one in five of which is silent: the first request "
               "searches every cluster, the second goes straight to the home cluster the device index learned. "
               "Each figure is the median over distinct device files, after one more that warms the JVM up; "
               "direct is the same file asked straight from the holding tftpd-hpa.\n")
    out.append("| clusters | first request ms | second request ms | direct ms | second ÷ direct |")
    out.append("|---|---|---|---|---|")
    for clusters, first, second, direct in latency:
        share = f"{float(second) / float(direct):.2f}x" if float(direct) else "-"
        out.append(f"| {clusters} | {float(first):.1f} | {float(second):.1f} | {float(direct):.1f} | {share} |")
    out.append("")

fetch = tagged(fetch_results)
if "fetch" in fetch and "direct" in fetch:
    f, d = fetch["fetch"], fetch["direct"]
    out.append("## One load, many phones\n")
    out.append(f"{f['phones']} phones ask a fresh gateway at once for a 32 MB load that only its one remote cluster "
               "(tftpd-hpa) holds; blksize 65464 (one datagram per block on loopback; 1428-byte blocks or lock-step "
               "would take many minutes for this volume on two cores). Upstream fetches are the gateway's "
               "`upstream_requests_total` from its `/metrics`; direct is one download of the same file from "
               "tftpd-hpa with the same options.\n")
    out.append("| phones | done | failures | upstream fetches | seconds for all | one direct download, s | "
               "all ÷ one direct |")
    out.append("|---|---|---|---|---|---|---|")
    ratio_all = float(f["seconds"]) / float(d["seconds"]) if float(d["seconds"]) else 0
    out.append(f"| {f['phones']} | {f['transfers']} | {f['failures']} | {f['upstream_requests']} | "
               f"{float(f['seconds']):.1f} | {float(d['seconds']):.2f} | {ratio_all:.1f}x |")
    out.append("")
    proxy_targets.append((f"{f['phones']} phones, one uncached load: 1 upstream fetch, no failures",
                          f"{f['upstream_requests']} fetches, {f['failures']} failures",
                          f["upstream_requests"] == "1" and f["failures"] == "0"))
if "memory" in fetch:
    m = fetch["memory"]
    growth_mb = (int(m["rss_peak_kb"]) - int(m["rss_before_kb"])) / 1024
    asked = int(m["transfers"]) + int(m["failures"])
    out.append("## Memory\n")
    out.append(f"{asked} concurrent transfers of a cached 32 MB load from one fresh gateway (one transfer "
               "before, to cache it), blksize 65464; the gateway's VmRSS sampled every 200 ms from /proc before "
               f"and during ({m['samples']} samples).\n")
    out.append("| done | failures | seconds | MB/s | RSS before MB | peak RSS MB | growth MB | VmHWM MB |")
    out.append("|---|---|---|---|---|---|---|---|")
    seconds = float(m["seconds"])
    out.append(f"| {m['transfers']} | {m['failures']} | {seconds:.1f} | "
               f"{int(m['bytes']) / seconds / (1 << 20) if seconds else 0:.0f} | {int(m['rss_before_kb']) / 1024:.0f} | "
               f"{int(m['rss_peak_kb']) / 1024:.0f} | {growth_mb:.0f} | {int(m['hwm_kb']) / 1024:.0f} |")
    out.append("")
    proxy_targets.append((f"{asked} x 32 MB at once: no failures, RSS growth < 256 MB",
                          f"{m['failures']} failures, {growth_mb:.0f} MB",
                          m["failures"] == "0" and growth_mb < 256))

storm = tagged(storm_results)
if storm:
    out.append("## Boot storm\n")
    any_run = next(iter(storm.values()))
    out.append(f"{any_run['phones']} simulated phones, each running a Cisco phone's boot sequence one file after "
               "another in 512-byte lock-step from an address of its own (bench/BootStorm.java): CTLSEP/ITLSEP "
               "trust lists (no cluster has them: the phone falls back to CTLFile.tlv / ITLFile.tlv, the gateway's "
               "own), its SEP config (13 KB, on its home cluster), softkeys (5 KB), the load's .loads, the locale's "
               "g3-tones.xml (20 KB) and RingList.xml (from the cluster on the highest release). Through proxytftp "
               "with 10 tftpd-hpa clusters (a phone's home is one of them), a cold cache and then warm (the same "
               "gateway again); direct is the same storm against one tftpd-hpa serving every file from one folder. "
               "Every answer's bytes are checked; a phone fails on any error but the trust lists' not-found.\n")
    out.append("| run | phones | booted | failures | wrong bytes | seconds | phones/s | p50 boot ms | p99 boot ms | "
               "phones/s vs direct |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    direct_rate = float(storm["direct"]["rate"]) if "direct" in storm else 0
    for run, v in storm.items():
        vs = f"{float(v['rate']) / direct_rate:.2f}x" if run != "direct" and direct_rate else "-"
        out.append(f"| {run} | {v['phones']} | {v['booted']} | {v['failures']} | {v['mismatches']} | "
                   f"{float(v['seconds']):.1f} | {float(v['rate']):.1f} | {float(v['p50_ms']):.0f} | "
                   f"{float(v['p99_ms']):.0f} | {vs} |")
    out.append("")
    for run in ("cold", "warm"):
        if run in storm:
            proxy_targets.append((f"boot storm, {run}: every phone boots", f"{storm[run]['failures']} failures",
                                  storm[run]["failures"] == "0"))


concurrency = tagged(concurrency_results)
if concurrency:
    out.append("## Many phones at once\n")
    out.append("Concurrent clients each asking an 8 KB file in 512-byte lock-step, no options, and asking again as "
               "soon as they have it, for twice as many transfers as clients (bench/concurrency), through one "
               "gateway with `max-transfers: 12000`, after 20,000 transfers that warm its JVM up; its VmRSS is "
               "sampled every 200 ms. tftpd-hpa, which forks a process per transfer, serves the same file at the "
               "first level only. A failure is a client that got an ERROR or gave up after 5 silent seconds; "
               "kinds are counted in the last column.\n")
    out.append("| server | clients | transfers | failures | transfers/s | p50 ms | p99 ms | RSS before MB | "
               "peak RSS MB | failures by kind |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for run, v in concurrency.items():
        server = run.rsplit("-", 1)[0]
        rss = (f"{int(v['rss_before_kb']) / 1024:.0f} | {int(v['rss_peak_kb']) / 1024:.0f}"
               if "rss_peak_kb" in v else "- | -")
        out.append(f"| {server} | {v['clients']} | {v['transfers']} | {v['failures']} | {float(v['rate']):.0f} | "
                   f"{float(v['p50_ms']):.0f} | {float(v['p99_ms']):.0f} | {rss} | "
                   f"{v['failed_kinds'].replace('_', ' ').strip(';') or 'none'} |")
    for run, v in concurrency.items():
        mine = concurrency.get("proxytftp-" + run.rsplit("-", 1)[1])
        if not run.startswith("proxytftp-") and mine:
            out.append(f"\nAt {v['clients']} clients proxytftp completes {ratio(float(mine['rate']), float(v['rate']))} "
                       f"{run.rsplit('-', 1)[0]}'s transfers per second, with {mine['failures']} failures against "
                       f"{v['failures']}.")
    out.append("")
    for run, v in concurrency.items():
        if run.startswith("proxytftp-"):
            proxy_targets.append((f"{v['clients']} concurrent lock-step transfers: no failures",
                                  f"{v['failures']} failures", v["failures"] == "0"))


def value(scenario, server, key):
    try:
        return float(rows[scenario][server][key])
    except KeyError:
        return None


def verdict(ok):
    return "met" if ok else "**missed**"


out.append("## Targets\n")
out.append("| target | figure | |")
out.append("|---|---|---|")
for clients in (50, 200):
    scenario = f"small-{clients}"
    mine_rate, hpa_rate, atftpd_rate = (value(scenario, s, "rate") for s in ("proxytftp", "tftpd-hpa", "atftpd"))
    mine_cpu, hpa_cpu = value(scenario, "proxytftp", "cpu_ms"), value(scenario, "tftpd-hpa", "cpu_ms")
    mine_p99, atftpd_p99 = value(scenario, "proxytftp", "p99_ms"), value(scenario, "atftpd", "p99_ms")
    if None in (mine_rate, hpa_rate, atftpd_rate, mine_cpu, hpa_cpu, mine_p99, atftpd_p99):
        continue
    out.append(f"| {clients} clients: rate >= 1.3x atftpd | {mine_rate / atftpd_rate:.2f}x | "
               f"{verdict(mine_rate >= 1.3 * atftpd_rate)} |")
    out.append(f"| {clients} clients: rate >= 2.5x tftpd-hpa | {mine_rate / hpa_rate:.2f}x | "
               f"{verdict(mine_rate >= 2.5 * hpa_rate)} |")
    out.append(f"| {clients} clients: CPU/transfer <= 0.5x tftpd-hpa | {mine_cpu / hpa_cpu:.2f}x | "
               f"{verdict(mine_cpu <= 0.5 * hpa_cpu)} |")
    out.append(f"| {clients} clients: p99 <= 0.5x atftpd | {mine_p99 / atftpd_p99:.2f}x | "
               f"{verdict(mine_p99 <= 0.5 * atftpd_p99)} |")
lock_mine, lock_hpa = value("large-512", "proxytftp", "seconds"), value("large-512", "tftpd-hpa", "seconds")
if lock_mine and lock_hpa:
    out.append(f"| 32 MB lock-step >= 0.95x tftpd-hpa's speed | {lock_hpa / lock_mine:.2f}x | "
               f"{verdict(lock_hpa / lock_mine >= 0.95)} |")
win_mine, win_atftpd = value("large-1428w16", "proxytftp", "seconds"), value("large-1428w16", "atftpd", "seconds")
if win_mine and win_atftpd:
    out.append(f"| 32 MB blksize 1428 windowsize 16 >= 1.2x atftpd's speed | {win_atftpd / win_mine:.2f}x | "
               f"{verdict(win_atftpd / win_mine >= 1.2)} |")
for name, by_server in http.items():
    if "proxytftp" in by_server and "nginx" in by_server:
        share = by_server["proxytftp"][0] / by_server["nginx"][0]
        label = "8 KB" if "cnf" in name else "32 MB"
        out.append(f"| HTTP {label}: >= 0.75x nginx's requests/s | {share:.2f}x | {verdict(share >= 0.75)} |")
for label, figure, ok in proxy_targets:
    out.append(f"| {label} | {figure} | {verdict(ok)} |")
out.append("")
findings = os.path.join(os.path.dirname(os.path.abspath(__file__)), "findings.md")
if os.path.exists(findings):
    out.append(open(findings).read())
print("\n".join(out))
