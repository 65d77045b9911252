"""A PostgreSQL database made for one benchmark run and dropped after it, a free port and
a log line: what the load benchmarks (a gunicorn of their own) share. They import this;
`make bench` only runs bench_*.py."""

import os
import signal
import socket
import sys
import urllib.parse


def log(message=""):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_urls(script, prefix):
    """(server admin URL, URL of a new database, its name), from DATABASE_URL."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith("postgres"):
        sys.exit(f"{script} needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/db")
    name = f"{prefix}_{os.getpid()}"
    parsed = urllib.parse.urlsplit(base)
    admin = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    return admin, urllib.parse.urlunsplit(parsed._replace(path=f"/{name}")), name


def run_sql(admin_url, sql):
    import psycopg

    url = admin_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def stop_and_drop(server, admin_url, name):
    """Stop the benchmark's gunicorn (if it started), then drop its database."""
    if server is not None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    from django.db import connections

    connections.close_all()
    run_sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
