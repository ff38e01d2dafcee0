"""The scale-out profile, for real: nginx round-robin over two Rasa replicas sharing PostgreSQL and Redis.

A conversation whose turns alternate between replicas keeps its state; concurrent messages of one sender are
processed one at a time in arrival order (Redis lock store); killing a replica under load loses no message.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

import pytest
from sqlalchemy import create_engine, text

from bot.tools.cluster import create_database, nginx_config
from bot.content.loader import load
from bot.content.db import create_db_engine
from tests.servers import free_port, MODEL, RASA_ENV, ROOT, Server, start_actions, trained_model, VENV_BIN, wait_http

pytestmark = [pytest.mark.model, pytest.mark.postgres]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def post(port: int, sender: str, message: str, timeout: float = 90.0) -> Tuple[int, List[Dict], str]:
    """POST through the load balancer; return (status, replies, replica that answered)."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read()), resp.headers.get("X-Replica", "")
    except urllib.error.HTTPError as exc:
        return exc.code, [], exc.headers.get("X-Replica", "")


def joined(replies: List[Dict]) -> str:
    """All reply texts."""
    return "\n".join(r.get("text", "") for r in replies)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, content_bundle):
    """nginx + 2 Rasa replicas (2 Sanic workers each) + 1 action server, on a fresh PostgreSQL database."""
    trained_model()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        pytest.fail("nginx is missing: run `make setup` (it installs Debian's nginx-light)")
    work = tmp_path_factory.mktemp("cluster")
    db_name = f"osb_cluster_{uuid.uuid4().hex[:8]}"
    create_database(ADMIN_URL, db_name)
    db_url = f"postgresql://postgres@127.0.0.1:5432/{db_name}"
    engine = create_db_engine(db_url)
    load(engine, content_bundle)
    engine.dispose()
    lb, actions_lb, actions_port = free_port(), free_port(), free_port()
    rasa_ports = [free_port(), free_port()]
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / sub).mkdir()
    (work / "nginx.conf").write_text(nginx_config(lb, rasa_ports, actions_lb, [actions_port], work))
    servers = {"actions": start_actions(actions_port, work / "actions.log", db_url)}
    servers["nginx"] = Server([nginx, "-c", str(work / "nginx.conf"), "-g", "daemon off;"], work / "nginx.out")
    env = {
        **RASA_ENV, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_lb}/webhook",
        "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "5432", "POSTGRES_DB": db_name,
        "POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379",
        "REDIS_LOCK_DB": "3", "SANIC_WORKERS": "2", "TICKET_LOCK_LIFETIME": "10", "SANIC_PROXIES_COUNT": "1",
    }
    for i, port in enumerate(rasa_ports):
        servers[f"rasa{i}"] = Server(
            [str(VENV_BIN / "rasa"), "run", "-m", str(MODEL), "--endpoints", str(ROOT / "deploy/cluster/endpoints.yml"),
             "--credentials", str(ROOT / "credentials.yml"), "-i", "127.0.0.1", "-p", str(port)],
            work / f"rasa{i}.log", env,
        )
    for i, port in enumerate(rasa_ports):
        wait_http(f"http://127.0.0.1:{port}/", servers[f"rasa{i}"].proc, timeout=300)
    wait_http(f"http://127.0.0.1:{lb}/", servers["nginx"].proc)
    yield {"lb": lb, "rasa_ports": rasa_ports, "servers": servers, "db_url": db_url, "work": work}
    for server in servers.values():
        server.stop()
    drop = create_engine(ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    with drop.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
    drop.dispose()


def stored_user_texts(db_url: str, sender: str) -> List[str]:
    """The user messages stored for ``sender``, in the order they were processed."""
    engine = create_engine(db_url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                            {"s": sender}).all()
    engine.dispose()
    return [json.loads(r[0])["text"] for r in rows]


def stored_turns_are_whole(db_url: str, sender: str) -> bool:
    """True when every user message is followed by the bot's actions and an action_listen before the next one."""
    engine = create_engine(db_url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, action_name FROM events WHERE sender_id = :s ORDER BY id"),
                            {"s": sender}).all()
    engine.dispose()
    waiting_for_listen = False
    for type_name, action_name in rows:
        if type_name == "user":
            if waiting_for_listen:
                return False
            waiting_for_listen = True
        elif type_name == "action" and action_name == "action_listen":
            waiting_for_listen = False
    return not waiting_for_listen


def test_a_form_started_on_one_replica_continues_on_the_other(cluster):
    lb, who = cluster["lb"], "cluster-form"
    turns = [("/make_plan", "who are you worried about?"), ("my daughter", "Is your daughter in danger right now"),
             ("no", "What have you noticed"), ("she sleeps all day and money is missing", "Have you talked with your daughter"),
             ("not yet", "Here is a short plan for helping your daughter.")]
    replicas = []
    for message, expected in turns:
        status, replies, replica = post(lb, who, message)
        assert status == 200 and expected in joined(replies)
        replicas.append(replica)
    assert len(set(replicas)) == 2, f"turns did not alternate between replicas: {replicas}"
    assert all(a != b for a, b in zip(replicas, replicas[1:]))


def test_concurrent_messages_of_one_sender_are_processed_one_at_a_time_in_order(cluster):
    lb, who = cluster["lb"], "cluster-order"
    questions = ["what is methadone", "what is naloxone", "how long does withdrawal last", "what is suboxone",
                 "what does detox mean", "what is naltrexone", "how much does treatment cost", "what is fentanyl"]
    expected = ["Methadone", "Naloxone", "withdrawal", "Buprenorphine", "detox", "Naltrexone", "Medicaid", "Fentanyl"]

    def send(i: int):
        time.sleep(i * 0.05)  # arrival order = list order
        return post(lb, who, questions[i])

    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        results = list(pool.map(send, range(len(questions))))
    for (status, replies, _), word in zip(results, expected):
        assert status == 200 and word.lower() in joined(replies).lower()  # each reply answers its own question
    assert len({replica for _, _, replica in results}) == 2
    assert stored_user_texts(cluster["db_url"], who) == questions
    assert stored_turns_are_whole(cluster["db_url"], who)


def test_killing_a_replica_under_load_loses_no_message_and_the_other_keeps_answering(cluster):
    lb, users = cluster["lb"], [f"cluster-load-{i}" for i in range(8)]
    script = ["hi", "what is naloxone", "tell me more", "what is methadone", "how long does withdrawal last",
              "what is suboxone", "where can i find treatment", "what is naltrexone", "tell me more",
              "how much does treatment cost", "what is detox", "thanks"]
    quarter = threading.Event()
    failures: List[str] = []
    answered_at: List[float] = []

    def converse(user: str) -> None:
        for message in script:
            status, replies, _ = post(lb, user, message)
            answered_at.append(time.monotonic())
            if len(answered_at) >= len(users) * len(script) // 4:
                quarter.set()
            if status != 200 or not replies:
                failures.append(f"{user}: {message!r} -> {status}")

    threads = [threading.Thread(target=converse, args=(u,)) for u in users]
    for t in threads:
        t.start()
    assert quarter.wait(timeout=120)  # a quarter of the messages answered: the load is in full swing
    victim = cluster["servers"]["rasa0"].proc
    os.killpg(victim.pid, signal.SIGKILL)  # no clean shutdown: as if the machine died
    killed_at = time.monotonic()
    victim.wait()
    for t in threads:
        t.join(timeout=300)
    assert failures == []
    after_kill = sum(1 for t in answered_at if t > killed_at)
    assert after_kill >= len(users), f"only {after_kill} messages were answered after the kill: not under load"
    for user in users:
        stored = stored_user_texts(cluster["db_url"], user)
        # Every message is stored, in order (a message whose reply was lost in the crash may appear twice).
        deduplicated = [m for i, m in enumerate(stored) if i == 0 or m != stored[i - 1]]
        assert deduplicated == script, f"{user}: {stored}"
    survivor = f"127.0.0.1:{cluster['rasa_ports'][1]}"
    for _ in range(3):
        status, replies, replica = post(lb, "cluster-after", "what is naloxone")
        assert status == 200 and "Naloxone" in joined(replies) and replica.endswith(survivor)


def _postgres(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *(["-m", "fast"] if action == "stop" else [])],
                   check=True, capture_output=True)


def _redis(action: str) -> None:
    if action == "stop":
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    else:
        # The command the machine itself uses to start it (see .ci/run).
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                        "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"], check=True)


def _wait_until(check, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.5)
    raise TimeoutError("service did not come back")


def _postgres_up() -> bool:
    engine = create_engine(ADMIN_URL, future=True)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def _redis_up() -> bool:
    import redis

    return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())


@pytest.mark.parametrize("service", ["postgresql", "redis"])
def test_a_restart_mid_conversation_gets_a_clear_reply_crisis_still_answered_nothing_lost(cluster, service):
    lb, who = cluster["lb"], f"cluster-restart-{service}"
    assert "who are you worried about?" in joined(post(lb, who, "/make_plan")[1])
    assert "Is your son in danger right now" in joined(post(lb, who, "my son")[1])
    stop, start, up = {"postgresql": (lambda: _postgres("stop"), lambda: _postgres("start"), _postgres_up),
                       "redis": (lambda: _redis("stop"), lambda: _redis("start"), _redis_up)}[service]
    stop()
    try:
        status, replies, _ = post(lb, who, "no")
        assert status == 200 and "trouble answering" in joined(replies) and "1-800-662-4357" in joined(replies)
        status, replies, _ = post(lb, f"{who}-crisis", "my friend overdosed and is not breathing")
        assert status == 200 and "Call 911 now" in joined(replies) and "naloxone" in joined(replies).lower()
    finally:
        start()
        _wait_until(up)
    status, replies, _ = post(lb, who, "no")  # the answer the user was asked to send again
    assert status == 200 and "What have you noticed" in joined(replies)
    assert stored_user_texts(cluster["db_url"], who) == ["/make_plan", "my son", "no"]
