"""Waking Odoo's cron workers through one PostgreSQL connection kept per process.

Odoo wakes its cron workers with a notification sent on the ``postgres`` database (where the
workers listen), on a connection its pool does not keep: every ``ir.cron._trigger()`` for
now opens and closes a PostgreSQL backend. A till's ticket and an SMS webhook each trigger a
background job, so a busy season opened a connection per request (8 ms of the request's
time, and the backend's start-up on the database server). Here the connection is kept, one
per process (a forked worker makes its own), and made again when it was lost (a restarted
database).
"""
import os
import threading

import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tools import SQL

_lock = threading.Lock()
# (pid, connection) of this process; connections inherited through a fork are kept, never
# closed, so that their parent's socket is left alone
_kept = {}
_inherited = []


def _connection():
    pid = os.getpid()
    connection = _kept.get("cnx")
    if connection is not None and _kept.get("pid") != pid:
        _inherited.append(connection)
        connection = None
    if connection is None or connection.closed:
        __, info = connection_info_for("postgres")
        connection = psycopg2.connect(**info)
        connection.autocommit = True
        _kept.update(cnx=connection, pid=pid)
    return connection


def forget():
    """Close this process's kept connection (the next notification makes a new one)."""
    with _lock:
        connection, pid = _kept.pop("cnx", None), _kept.pop("pid", None)
        if connection is not None:
            if pid == os.getpid():
                connection.close()
            else:
                _inherited.append(connection)


def notify(channel, payload, function="pg_notify"):
    """``function(channel, payload)`` on the ``postgres`` database; tried again once on a
    new connection when the kept one was lost."""
    query = SQL("SELECT %s(%s, %s)", SQL.identifier(function), channel, payload)
    with _lock:
        for attempt in (1, 2):
            connection = _connection()
            try:
                with connection.cursor() as cr:
                    cr.execute(query.code, query.params)
                return connection.get_backend_pid()
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                _kept.pop("cnx", None)
                try:
                    connection.close()
                except psycopg2.Error:
                    pass
                if attempt == 2:
                    raise
    return None
