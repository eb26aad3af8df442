"""What the benchmark scripts share: Odoo opened on a database from a configuration file, and
a cooperative with its members inserted in bulk."""
import contextlib
import socket
import subprocess
import sys
import time


def open_registry(config_file, database):
    """Odoo's registry of ``database``, configured from ``config_file``."""
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", config_file, "-d", database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    return odoo.modules.registry.Registry(database)


def bench_cooperative(env, label, members, **values):
    """A new cooperative (Mali) with ``members`` active principal members, inserted with the
    registry's ``bulk_create``; the environment is switched to it.

    :return: ``(env, company, memberships)``
    """
    from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create
    company = env["res.company"].create(dict({
        "name": "Bench %s %s" % (label, time.time()), "country_id": env.ref("base.ml").id},
        **values))
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    partners = bulk_create(env["res.partner"], [
        {"name": "Membre %06d" % n, "active": True, "type": "contact",
         "village": "Village %d" % (n % 40)} for n in range(members)],
        computed_by_caller=("complete_name",))
    numbers = company._coup_next_member_numbers(len(partners))
    memberships = bulk_create(env["coup.membership"], [
        {"partner_id": pid, "company_id": company.id, "member_number": number,
         "membership_type": "principal", "state": "active", "active": True,
         "join_date": "2020-01-01"} for pid, number in zip(partners.ids, numbers)])
    env.flush_all()
    return env, company, memberships


@contextlib.contextmanager
def odoo_in_browser(config_file, database):
    """Odoo served on a free port from ``config_file`` and a headless Chromium (playwright)
    logged in as admin (password ``admin``); yields ``(page, base_url)``."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([sys.executable, "-c", "import odoo.cli; odoo.cli.main()", "-c",
                               config_file, "-d", database, "--http-port", str(port),
                               "--log-level=warn", "--max-cron-threads=0"])
    try:
        for __ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            # the first page after an install builds the assets: slow on a busy machine
            page.set_default_timeout(180000)
            base = "http://127.0.0.1:%s" % port
            page.goto(base + "/web/login")
            page.fill("input[name=login]", "admin")
            page.fill("input[name=password]", "admin")
            page.click(".oe_login_form button[type=submit]")
            page.wait_for_load_state("load")
            try:
                yield page, base
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait()
