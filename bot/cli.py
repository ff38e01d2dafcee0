"""Command line: ``python -m bot content load|validate|audit|review-table``, ``privacy purge``, ``review export|story``, ``eval``, ``rules``, ``bench``, ``widget`` and ``cluster``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

from bot import settings


def _print_errors(header: str, errors: List[str]) -> None:
    print(f"{header} ({len(errors)} problem(s)):", file=sys.stderr)
    for line in errors:
        print(f"  {line}", file=sys.stderr)


def _content_validate(args: argparse.Namespace) -> int:
    from bot.content.loader import validate
    from bot.content.schema import LANGUAGES, ContentError

    try:
        bundle = validate(Path(args.content_dir))
    except ContentError as exc:
        _print_errors("Content is invalid", exc.errors)
        return 1
    print(
        f"Content OK: {len(bundle.topics)} topics, each in {' and '.join(LANGUAGES)}, {len(bundle.sources)} sources, {len(bundle.resources)} resources, "
        f"{len(bundle.states)} states and territories."
    )
    return 0


def _content_load(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.content.loader import load, validate
    from bot.content.schema import ContentError
    from bot.content.db import create_db_engine

    try:
        bundle = validate(Path(args.content_dir))
    except ContentError as exc:
        _print_errors("Content is invalid; nothing was loaded", exc.errors)
        return 1
    url = args.database_url or settings.database_url()
    engine = create_db_engine(url)
    try:
        report = load(engine, bundle)
    except SQLAlchemyError as exc:
        print(f"Could not write to the content store at {engine.url!r}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"Loaded {report.topics} topics, {report.answers} answers, {report.sources} sources, "
        f"{report.resources} resources, {report.states} states into {engine.url!r}."
    )
    return 0


def _content_audit(args: argparse.Namespace) -> int:
    from bot.content.audit import audit

    domain = Path(args.domain) if args.domain else None
    report = audit(Path(args.content_dir), today=args.today, domain_path=domain)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _content_review_table(args: argparse.Namespace) -> int:
    from bot.content.review_table import DOC_PATH, expected_document

    expected = expected_document(Path(args.content_dir))
    if args.check:
        if DOC_PATH.read_text(encoding="utf-8") != expected:
            print(f"{DOC_PATH} is out of date: run `python -m bot content review-table`", file=sys.stderr)
            return 1
        print(f"{DOC_PATH} is up to date.")
        return 0
    DOC_PATH.write_text(expected, encoding="utf-8")
    print(f"Wrote the review tables in {DOC_PATH}")
    return 0


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _eval(args: argparse.Namespace) -> int:
    from bot.tools.evaluation import run

    crisis = Path(args.crisis_test) if args.crisis_test else None
    if args.sweep:
        from bot.tools.evaluation import sweep

        return sweep(Path(args.model), Path(args.nlu_test), crisis, Path(args.blind_dir))
    return run(Path(args.model), Path(args.nlu_test), crisis, args.floor, args.recall_floor, args.fp_ceiling, Path(args.blind_dir), args.details)


def _rules(args: argparse.Namespace) -> int:
    from bot.tools.rules import OUTPUT, out_of_date, write

    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"{path} is out of date: run `python -m bot rules`", file=sys.stderr)
        if not stale:
            print(f"{OUTPUT} and the domain's free-text slot guards are up to date.")
        return 1 if stale else 0
    print("Wrote " + ", ".join(str(p) for p in write()))
    return 0


def _privacy_purge(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.content.db import create_db_engine
    from bot.privacy.retention import parse_age, purge
    from bot.settings import tracker_url

    try:
        seconds = parse_age(args.older_than)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    engine = create_db_engine(args.tracker_url or tracker_url())
    try:
        report = purge(engine, seconds)
    except SQLAlchemyError as exc:
        print(f"Could not purge the tracker store at {engine.url!r}: {exc.__class__.__name__}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"Deleted {report.conversations} conversation(s) ({report.events} events) older than {args.older_than}.")
    return 0


def _review_export(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.content.db import create_db_engine
    from bot.staff.export import export_nlu
    from bot.staff.usage import labelled_messages

    engine = create_db_engine(args.tracker_url or settings.tracker_url())
    try:
        labelled = [(message.text, intent) for message, intent, _ in labelled_messages(engine)]
    except SQLAlchemyError as exc:
        print(f"Could not read the labels from the tracker store at {engine.url!r}: {exc.__class__.__name__}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    report = export_nlu(labelled, Path(args.out))
    print(f"Added {report.added} labelled example(s) to {args.out} ({report.total} in the file); skipped {report.skipped} "
          f"already in the training data or labelled twice, and {report.not_for_us} 'not for us'.")
    return 0


def _review_story(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.content.db import create_db_engine
    from bot.staff.export import render_story
    from bot.staff.labels import labels_by_event
    from bot.staff.usage import conversation_events

    engine = create_db_engine(args.tracker_url or settings.tracker_url())
    try:
        events = conversation_events(engine, args.sender_id)
        marks = labels_by_event(engine, [i for i, _ in events]) if events else {}
    except SQLAlchemyError as exc:
        print(f"Could not read the tracker store at {engine.url!r}: {exc.__class__.__name__}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if not events:
        print(f"No stored conversation {args.sender_id!r}.", file=sys.stderr)
        return 1
    story = render_story(args.sender_id, events, marks)
    if args.out:
        Path(args.out).write_text(story, encoding="utf-8")
        print(f"Wrote the conversation as a test story to {args.out}")
    else:
        print(story, end="")
    return 0


def _widget(args: argparse.Namespace) -> int:
    from bot.staff.routes import site_from_settings
    from bot.widget.server import make_server, write_files

    if args.out:
        write_files(args.out)
        print(f"Wrote widget.js (with the numbers from data/content/resources.yml) and widget.css to {args.out}")
        return 0
    try:
        staff = site_from_settings()
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    server = make_server(args.host, args.port, args.bot_url, staff=staff)
    print(f"Widget demo page on http://{args.host}:{args.port}/ (talking to {args.bot_url})", flush=True)
    if staff is not None:
        print(f"Staff page on http://{args.host}:{args.port}/staff (sign in with STAFF_TOKEN)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _cluster_nginx_conf(args: argparse.Namespace) -> int:
    from bot.tools.cluster import nginx_config

    ports = lambda text: [int(p) for p in text.split(",") if p]  # noqa: E731
    workdir = Path(args.workdir).resolve()
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    print(nginx_config(args.listen, ports(args.rasa_ports), args.actions_listen, ports(args.action_ports), workdir))
    return 0


def _cluster_create_db(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.tools.cluster import create_database

    try:
        created = create_database(args.admin_url, args.name)
    except (SQLAlchemyError, ValueError) as exc:
        print(f"Could not create database {args.name!r}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"Database {args.name!r} {'created' if created else 'already exists'}.")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from bot.tools.benchmark import run

    return run(users=args.users, seconds=args.seconds)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m bot``."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Opioid support assistant tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    content = sub.add_parser("content", help="curated content: validate, load into the store, audit, review tables")
    content_sub = content.add_subparsers(dest="action", required=True)
    for name, func, help_text in (
        ("validate", _content_validate, "check data/content/ and report every problem"),
        ("load", _content_load, "validate, then replace the store's content in one transaction"),
    ):
        p = content_sub.add_parser(name, help=help_text)
        p.add_argument("--content-dir", default=str(settings.CONTENT_DIR))
        if name == "load":
            p.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: $DATABASE_URL or var/content.db)")
        p.set_defaults(func=func)
    au = content_sub.add_parser("audit", help="fail on overdue reviews, unlisted source domains, [source needed] "
                                "and phone numbers not in the resource table (docs/content-review.md)")
    au.add_argument("--content-dir", default=str(settings.CONTENT_DIR))
    au.add_argument("--today", type=_iso_date, default=None, help="YYYY-MM-DD to audit as of (default: the clock)")
    au.add_argument("--domain", default=str(settings.PROJECT_ROOT / "domain.yml"),
                    help="domain whose static replies are checked for phone numbers too (empty string to skip)")
    au.set_defaults(func=_content_audit)
    rt = content_sub.add_parser("review-table", help="write the review tables of docs/content-review.md from the content")
    rt.add_argument("--content-dir", default=str(settings.CONTENT_DIR))
    rt.add_argument("--check", action="store_true", help="only check that the document is up to date")
    rt.set_defaults(func=_content_review_table)
    privacy = sub.add_parser("privacy", help="retention of stored conversations")
    privacy_sub = privacy.add_subparsers(dest="action", required=True)
    pp = privacy_sub.add_parser("purge", help="delete conversations whose last message is older than --older-than")
    pp.add_argument("--older-than", required=True, help="age such as 30d, 12h or 90m")
    pp.add_argument("--tracker-url", default=None, help="SQLAlchemy URL (default: $TRACKER_DB_URL or var/tracker.db)")
    pp.set_defaults(func=_privacy_purge)
    review = sub.add_parser("review", help="the staff page's review loop: labelled messages to training and test data")
    review_sub = review.add_subparsers(dest="action", required=True)
    rx = review_sub.add_parser("export", help="add the messages labelled on the staff page to an NLU file (Rasa YAML)")
    rx.add_argument("--out", default=str(settings.PROJECT_ROOT / "data" / "nlu" / "reviewed.yml"),
                    help="NLU file to add to (default: data/nlu/reviewed.yml, read by make train and rasa data validate)")
    rx.add_argument("--tracker-url", default=None, help="SQLAlchemy URL (default: $TRACKER_DB_URL or var/tracker.db)")
    rx.set_defaults(func=_review_export)
    rs = review_sub.add_parser("story", help="print one stored conversation as a test story")
    rs.add_argument("sender_id", help="the conversation's sender id")
    rs.add_argument("--out", default=None, help="write it to this file instead of printing it")
    rs.add_argument("--tracker-url", default=None, help="SQLAlchemy URL (default: $TRACKER_DB_URL or var/tracker.db)")
    rs.set_defaults(func=_review_story)

    ev = sub.add_parser("eval", help="evaluate a trained model on the held-out NLU and crisis test sets")
    ev.add_argument("--model", default="models/bot.tar.gz")
    ev.add_argument("--nlu-test", default="tests/nlu_test.yml")
    ev.add_argument("--crisis-test", default="tests/crisis_test.yml", help="empty string to skip")
    ev.add_argument("--floor", type=float, default=0.90, help="minimum intent accuracy and macro-F1")
    ev.add_argument("--recall-floor", type=float, default=1.0, help="minimum crisis recall per kind")
    ev.add_argument("--fp-ceiling", type=float, default=0.02, help="maximum crisis false-alarm rate")
    ev.add_argument("--blind-dir", default="tests/blind", help="blind batches; the newest is reported as blind")
    ev.add_argument("--details", choices=["dev", "all", "none"], default="dev", help="list the misses of these sets")
    ev.add_argument("--sweep", action="store_true", help="print dev figures for a grid of crisis thresholds instead")
    ev.set_defaults(func=_eval)
    ru = sub.add_parser("rules", help="write data/rules_generated.yml (topic, crisis and safety-check rules) and the free-text slot guards in domain.yml")
    ru.add_argument("--check", action="store_true", help="only check that the committed file is up to date")
    ru.set_defaults(func=_rules)
    cl = sub.add_parser("cluster", help="the scale-out profile on one machine (scripts/run_cluster.sh)")
    cl_sub = cl.add_subparsers(dest="action", required=True)
    ng = cl_sub.add_parser("nginx-conf", help="print an nginx.conf balancing the replicas round-robin")
    ng.add_argument("--listen", type=int, required=True, help="port for the Rasa replicas' load balancer")
    ng.add_argument("--rasa-ports", required=True, help="comma-separated Rasa replica ports")
    ng.add_argument("--actions-listen", type=int, required=True, help="port for the action servers' load balancer")
    ng.add_argument("--action-ports", required=True, help="comma-separated action server ports")
    ng.add_argument("--workdir", required=True, help="directory for nginx's pid, logs and temp files")
    ng.set_defaults(func=_cluster_nginx_conf)
    cd = cl_sub.add_parser("create-db", help="create the shared PostgreSQL database if it does not exist")
    cd.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    cd.add_argument("--name", required=True)
    cd.set_defaults(func=_cluster_create_db)

    bn = sub.add_parser("bench", help="benchmark this bot against the stock `rasa init` bot")
    bn.add_argument("--users", type=int, default=16)
    bn.add_argument("--seconds", type=float, default=30.0, help="load duration per bot")
    bn.set_defaults(func=_bench)

    wd = sub.add_parser("widget", help="serve the chat widget's files and a demo page that embeds it (and /staff when STAFF_TOKEN is set)")
    wd.add_argument("--host", default="127.0.0.1")
    wd.add_argument("--port", type=int, default=8080)
    wd.add_argument("--bot-url", default="http://localhost:5005", help="where the bot's REST channel listens")
    wd.add_argument("--out", type=Path, help="instead of serving, write widget.js and widget.css here for a site to host")
    wd.set_defaults(func=_widget)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    return args.func(args)
