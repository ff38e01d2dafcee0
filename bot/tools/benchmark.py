"""``make bench``: our bot against the stock ``rasa init`` bot, served from the same venv in the same run.

Prints, for each: training time (no training cache), start-up time, latency per message (p50/p95/p99) and
messages per second for concurrent users holding realistic multi-turn conversations over the REST channel,
errors, server memory (RSS of the process tree), and the latency of turn 200 of one long conversation
against turn 1. The ratios to the stock bot are the figures that count; absolute times vary by machine.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bot.tools.processes import QUIET_ENV, Server, free_port, wait_http
from bot.settings import PROJECT_ROOT

VENV_BIN = Path(sys.executable).parent
RASA = str(VENV_BIN / "rasa")
OUR_CONVERSATIONS: List[List[str]] = [
    ["hi", "what is suboxone", "tell me more", "how much does treatment cost", "thanks"],
    ["my son is using heroin what do i do", "/make_plan", "my son", "no", "he is always tired and money is missing",
     "not yet"],
    ["how long does withdrawal last", "what helps with withdrawal", "what is methadone", "where can i get narcan"],
    ["what kinds of treatment are there", "/choose_level_of_care", "yes", "no", "yes", "no", "no", "yes"],
    ["i relapsed last night", "what are support groups like", "tell me more", "bye"],
]
STOCK_CONVERSATIONS: List[List[str]] = [
    ["hi", "i am sad", "yes", "bye"],
    ["hello", "great", "goodbye"],
    ["hey", "not good", "no", "see you"],
    ["are you a bot?", "good morning", "very good", "bye bye"],
]
TARGETS = {"p95_ratio": 1.3, "turn_growth": 1.2, "training_s": 300}


def tree_rss_mb(pid: int) -> float:
    """Return the resident memory of ``pid`` and all its descendants, in MB (from /proc)."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


@dataclass
class Figures:
    """What was measured for one bot."""

    name: str
    training_s: float = 0.0
    startup_s: float = 0.0
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    messages: int = 0
    wall_s: float = 0.0
    rss_mb: float = 0.0
    turn1_ms: float = 0.0
    turn200_ms: float = 0.0

    def pct(self, q: float) -> float:
        """Latency percentile ``q`` (0-100) in ms."""
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(round(q / 100 * (len(data) - 1))))] * 1000 if data else float("nan")


def train(project: Path, out: Path, log: Path) -> float:
    """Train the project's model with Rasa's training cache off; return seconds."""
    start = time.monotonic()
    env = {**os.environ, **QUIET_ENV, "RASA_MAX_CACHE_SIZE": "0"}
    with open(log, "wb") as fh:
        subprocess.run([RASA, "train", "--out", str(out), "--fixed-model-name", "bench", "--quiet"], cwd=project,
                       stdout=fh, stderr=subprocess.STDOUT, env=env, check=True)
    return time.monotonic() - start


async def run_load(port: int, conversations: List[List[str]], users: int, seconds: float, figures: Figures) -> None:
    """``users`` concurrent users replay conversations back to back for ``seconds``; record each message."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    deadline = time.monotonic() + seconds
    timeout = aiohttp.ClientTimeout(total=60)

    async def user(n: int) -> None:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            round_ = 0
            while time.monotonic() < deadline:
                sender = f"bench-{figures.name}-{n}-{round_}"
                for text in conversations[(n + round_) % len(conversations)]:
                    start = time.monotonic()
                    try:
                        async with session.post(url, json={"sender": sender, "message": text}) as resp:
                            body = await resp.json(content_type=None)
                            ok = resp.status == 200 and isinstance(body, list) and len(body) > 0
                    except Exception:  # noqa: BLE001 - counted as an error
                        ok = False
                    figures.latencies.append(time.monotonic() - start)
                    figures.messages += 1
                    figures.errors += 0 if ok else 1
                round_ += 1

    start = time.monotonic()
    await asyncio.gather(*(user(i) for i in range(users)))
    figures.wall_s = time.monotonic() - start


async def long_conversation(port: int, turns: Sequence[str], count: int, figures: Figures) -> None:
    """One sender, ``count`` turns; record the median latency of the first and last five turns."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    latencies = []
    async with aiohttp.ClientSession() as session:
        for i in range(count):
            start = time.monotonic()
            async with session.post(url, json={"sender": f"long-{figures.name}", "message": turns[i % len(turns)]}) as resp:
                await resp.read()
            latencies.append(time.monotonic() - start)
    figures.turn1_ms = statistics.median(latencies[:5]) * 1000
    figures.turn200_ms = statistics.median(latencies[-5:]) * 1000


def bench_bot(name: str, project: Path, model: Path, endpoints: Optional[Path], conversations: List[List[str]],
              long_turns: Sequence[str], work: Path, users: int, seconds: float, env: Dict[str, str]) -> Figures:
    """Serve one bot and measure it."""
    figures = Figures(name)
    port = free_port()
    args = [RASA, "run", "-m", str(model), "-p", str(port), "-i", "127.0.0.1"]
    if endpoints:
        args += ["--endpoints", str(endpoints)]
    if name == "ours":
        args += ["--credentials", str(PROJECT_ROOT / "credentials.yml")]
    start = time.monotonic()
    server = Server(args, work / f"{name}-rasa.log", env, cwd=project)
    try:
        wait_http(f"http://127.0.0.1:{port}/", server.proc, timeout=300)
        figures.startup_s = time.monotonic() - start
        asyncio.run(run_load(port, conversations[:1], 1, 3, Figures("warmup")))  # first-request costs aside
        asyncio.run(run_load(port, conversations, users, seconds, figures))
        figures.rss_mb = tree_rss_mb(server.proc.pid)
        asyncio.run(long_conversation(port, long_turns, 200, figures))
    finally:
        server.stop()
    return figures


def report(ours: Figures, stock: Figures, users: int, action_rss: float) -> None:
    """Print the comparison table and the targets."""
    def row(label: str, a: str, b: str, ratio: str = "") -> None:
        print(f"  {label:<34}{a:>14}{b:>14}{ratio:>10}")

    print(f"\nBenchmark: {users} concurrent users over REST, same venv, same machine ({os.cpu_count()} cores)")
    row("", "ours", "stock", "ratio")
    row("training time (s, no cache)", f"{ours.training_s:.0f}", f"{stock.training_s:.0f}", f"{ours.training_s / stock.training_s:.2f}")
    row("start-up time (s)", f"{ours.startup_s:.1f}", f"{stock.startup_s:.1f}", f"{ours.startup_s / stock.startup_s:.2f}")
    for q in (50, 95, 99):
        row(f"latency p{q} (ms)", f"{ours.pct(q):.0f}", f"{stock.pct(q):.0f}", f"{ours.pct(q) / stock.pct(q):.2f}")
    rate = lambda f: f.messages / f.wall_s if f.wall_s else 0  # noqa: E731
    row("messages per second", f"{rate(ours):.1f}", f"{rate(stock):.1f}", f"{rate(ours) / rate(stock):.2f}")
    row("messages sent / errors", f"{ours.messages}/{ours.errors}", f"{stock.messages}/{stock.errors}")
    row("Rasa server RSS (MB)", f"{ours.rss_mb:.0f}", f"{stock.rss_mb:.0f}", f"{ours.rss_mb / stock.rss_mb:.2f}")
    row("action server RSS (MB)", f"{action_rss:.0f}", "-")
    row("turn 1 latency (ms, median of 5)", f"{ours.turn1_ms:.0f}", f"{stock.turn1_ms:.0f}")
    row("turn 200 latency (ms, median of 5)", f"{ours.turn200_ms:.0f}", f"{stock.turn200_ms:.0f}")
    row("turn 200 / turn 1", f"{ours.turn200_ms / ours.turn1_ms:.2f}", f"{stock.turn200_ms / stock.turn1_ms:.2f}")
    checks = [
        (f"p95 at {users} users <= {TARGETS['p95_ratio']}x stock", ours.pct(95) / stock.pct(95) <= TARGETS["p95_ratio"]),
        (f"turn 200 <= {TARGETS['turn_growth']}x turn 1", ours.turn200_ms / ours.turn1_ms <= TARGETS["turn_growth"]),
        ("no errors", ours.errors == 0),
        (f"training <= {TARGETS['training_s']} s", ours.training_s <= TARGETS["training_s"]),
    ]
    print("\nTargets:")
    for label, ok in checks:
        print(f"  {'MET ' if ok else 'MISS'} {label}")


def run(users: int = 16, seconds: float = 30.0, workdir: Optional[Path] = None) -> int:
    """Run the whole benchmark; return 0 (figures are printed, targets reported, not enforced)."""
    from bot.content.loader import load, validate
    from bot.content.db import create_db_engine
    from bot.settings import CONTENT_DIR

    work = (workdir or PROJECT_ROOT / "var" / "bench").resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stock_dir = work / "stock"
    shutil.copytree(Path(__import__("rasa").__file__).parent / "cli" / "initial_project", stock_dir)
    print("Training both bots with the training cache off (a few minutes)...", flush=True)
    ours_model_dir, stock_model_dir = work / "ours-models", work / "stock-models"
    ours_train = train(PROJECT_ROOT, ours_model_dir, work / "ours-train.log")
    print(f"  ours: {ours_train:.0f} s", flush=True)
    stock_train = train(stock_dir, stock_model_dir, work / "stock-train.log")
    print(f"  stock: {stock_train:.0f} s", flush=True)

    db_url = f"sqlite:///{work / 'content.db'}"
    engine = create_db_engine(db_url)
    load(engine, validate(CONTENT_DIR))
    engine.dispose()
    actions_port = free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        "tracker_store:\n  type: bot.rasa_ext.tracker_store.PrivacySQLTrackerStore\n"
        f'  dialect: "sqlite"\n  db: "{work / "tracker.db"}"\n'
    )
    env = {"DATABASE_URL": db_url, "RATE_LIMIT_PER_SENDER": "0", "RATE_LIMIT_PER_IP": "0"}
    actions = Server([RASA, "run", "actions", "--actions", "actions", "-p", str(actions_port)], work / "actions.log", env)
    try:
        wait_http(f"http://127.0.0.1:{actions_port}/health", actions.proc)
        print(f"Load: {users} users for {seconds:.0f} s per bot...", flush=True)
        long_turns = ["what is naloxone", "tell me more", "how long does withdrawal last", "what is methadone"]
        ours = bench_bot("ours", PROJECT_ROOT, ours_model_dir / "bench.tar.gz", endpoints, OUR_CONVERSATIONS,
                         long_turns, work, users, seconds, env)
        action_rss = tree_rss_mb(actions.proc.pid)
    finally:
        actions.stop()
    stock = bench_bot("stock", stock_dir, stock_model_dir / "bench.tar.gz", None, STOCK_CONVERSATIONS,
                      ["hi", "i am sad", "yes", "great"], work, users, seconds, {})
    ours.training_s, stock.training_s = ours_train, stock_train
    report(ours, stock, users, action_rss)
    return 0
