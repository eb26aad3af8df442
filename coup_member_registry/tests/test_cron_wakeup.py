import select
import time

import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged

from ..tools import cron_wakeup


@tagged("post_install", "-at_install")
class TestCronWakeup(TransactionCase):
    """A background job triggered for now (a till's ticket into stock, an SMS reply to
    process) wakes the cron workers, who listen on the ``postgres`` database, through one
    connection kept by the process instead of a new PostgreSQL backend per request; a
    connection lost with a restarted database is made again."""

    def setUp(self):
        super().setUp()
        __, info = connection_info_for("postgres")
        self.listener = psycopg2.connect(**info)
        self.listener.autocommit = True
        self.addCleanup(self.listener.close)
        with self.listener.cursor() as cr:
            cr.execute("LISTEN cron_trigger")
        cron_wakeup.forget()
        self.addCleanup(cron_wakeup.forget)
        self.cron = self.env.ref("base.autovacuum_job")

    def trigger(self):
        """A job triggered for now, and the transaction committed (its post-commit run)."""
        self.cron._trigger()
        self.env.cr.postcommit.run()

    def wakeups(self, count):
        """The ``count`` wake-ups the cron workers received: ``[(sender's backend, db)]``."""
        received, deadline = [], time.monotonic() + 10
        while len(received) < count and time.monotonic() < deadline:
            if select.select([self.listener], [], [], 0.2)[0]:
                self.listener.poll()
                while self.listener.notifies:
                    notify = self.listener.notifies.pop(0)
                    received.append((notify.pid, notify.payload))
        return received

    def test_the_workers_are_woken_through_one_kept_connection(self):
        self.trigger()
        self.trigger()
        self.trigger()
        received = self.wakeups(3)
        self.assertEqual([payload for __, payload in received], [self.env.cr.dbname] * 3)
        self.assertEqual(len({pid for pid, __ in received}), 1, received)

    def test_a_connection_lost_with_a_restart_is_made_again(self):
        self.trigger()
        [(first, __)] = self.wakeups(1)
        with self.listener.cursor() as cr:
            # what a restart of PostgreSQL does to every connection
            cr.execute("SELECT pg_terminate_backend(%s)", [first])
        time.sleep(0.2)
        self.trigger()
        [(second, payload)] = self.wakeups(1)
        self.assertNotEqual(second, first)
        self.assertEqual(payload, self.env.cr.dbname)
