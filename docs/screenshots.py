#!/usr/bin/env python3
"""Take the screenshots of docs/ from a running demo (./coup demo) with headless Chromium.

    pip install playwright   # the Python driver only; it uses the system's Chromium
    python3 docs/screenshots.py [http://localhost:8069] [--lang en,fr,es] [--db coup_demo]

English screenshots go to docs/, the others to docs/<lang>/ (docs/fr/, docs/es/): the demo
users are switched to the language for the shots (through the server's JSON-RPC, as admin)
and given their own language back afterwards.
"""
import argparse
import json
import pathlib
import urllib.request

from playwright.sync_api import sync_playwright

PARSER = argparse.ArgumentParser(description=__doc__.splitlines()[0])
PARSER.add_argument("base", nargs="?", default="http://localhost:8069")
PARSER.add_argument("--lang", default="en,fr,es",
                    help="languages to shoot, comma-separated (en, fr, es)")
PARSER.add_argument("--db", default="coup_demo", help="the demo database")
ARGS = PARSER.parse_args()
BASE = ARGS.base
DOCS = pathlib.Path(__file__).parent
LANGS = {"en": "en_US", "fr": "fr_FR", "es": "es_ES"}
USERS = ("admin", "manager.klela", "member.klela")
BACKEND = [
    ("dashboard", "/odoo/action-coup_member_registry.coup_dashboard_action"),
    ("members", "/odoo/action-coup_member_registry.coup_membership_action"),
    ("member_form", "/odoo/action-coup_member_registry.coup_membership_action/2"),
    ("imports", "/odoo/action-coup_member_registry.coup_member_import_action/1"),
    ("segments", "/odoo/action-coup_member_registry.coup_member_segment_action"),
    ("settings", "/odoo/action-coup_member_registry.coup_settings_action"),
    ("sms_campaigns", "/odoo/action-coup_sms.coup_sms_campaign_action/new"),
    ("sms_gateways", "/odoo/action-coup_sms.coup_sms_gateway_action/new"),
    ]
# Kléla's manager: the cooperative's own activities
MANAGER = [
    ("activities", "/odoo/action-coup_activities.coup_activity_action"),
    ("invitations", "/odoo/action-coup_activities.coup_activity_invitation_action"),
]
# a record opened from its list: (name, list path, text of the row to open)
RECORDS = [
    ("general_assembly", "/odoo/action-coup_activities.coup_activity_action",
     "Assemblée générale"),
]
PORTAL = [("portal", "/my/coop"), ("portal_invitations", "/my/invitations")]


def rpc(service, method, *args):
    data = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                       "params": {"service": service, "method": method, "args": args}})
    request = urllib.request.Request(BASE + "/jsonrpc", data.encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    if answer.get("error"):
        raise RuntimeError(answer["error"]["data"]["message"])
    return answer["result"]


def execute(model, method, *args):
    return rpc("object", "execute_kw", ARGS.db, UID, "admin", model, method, list(args))


def set_langs(langs):
    """{login: lang} given to the demo users; returns what they had."""
    users = execute("res.users", "search_read", [("login", "in", list(langs))], ["login", "lang"])
    for user in users:
        execute("res.users", "write", [user["id"]], {"lang": langs[user["login"]]})
    return {user["login"]: user["lang"] for user in users}


def login(page, login, password):
    page.goto(BASE + "/web/login", timeout=120000)
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click(".oe_login_form button[type=submit]")
    page.wait_for_load_state("load", timeout=120000)


def settle(page):
    """Wait until the page has drawn: a view (or the portal's page), no "Loading…" indicator
    (the web client's bus keeps the network busy: no waiting for it to fall silent)."""
    page.wait_for_load_state("load", timeout=120000)
    page.wait_for_selector(".o_view_controller, .o_action, #wrap", timeout=120000)
    page.wait_for_selector(".o_loading_indicator", state="detached", timeout=120000)
    page.wait_for_timeout(2000)


def shoot(page, out, name, path):
    page.goto(BASE + path, timeout=120000)
    settle(page)
    page.screenshot(path=str(out / ("%s.png" % name)))


def shoot_all(browser, out, lang):
    out.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    login(page, "admin", "admin")
    for name, path in BACKEND:
        shoot(page, out, name, path)
    manager = browser.new_page(viewport={"width": 1440, "height": 900})
    login(manager, "manager.klela", "manager.klela")
    for name, path in MANAGER:
        shoot(manager, out, name, path)
    for name, path, row in RECORDS:
        manager.goto(BASE + path, timeout=120000)
        manager.wait_for_selector(".o_data_row", timeout=120000)
        manager.locator(".o_data_row", has_text=row).first.click()
        settle(manager)
        manager.screenshot(path=str(out / ("%s.png" % name)))
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    # the portal speaks the language of its frontend_lang cookie, which the login page sets
    phone.context.add_cookies([{"name": "frontend_lang", "value": lang, "url": BASE}])
    login(phone, "member.klela", "member.klela")
    for name, path in PORTAL:
        shoot(phone, out, name, path)
    for tab in (page, manager, phone):
        tab.close()


UID = rpc("common", "login", ARGS.db, "admin", "admin")
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])
    for code in ARGS.lang.split(","):
        before = set_langs(dict.fromkeys(USERS, LANGS[code]))
        try:
            shoot_all(browser, DOCS if code == "en" else DOCS / code, LANGS[code])
        finally:
            set_langs(before)
    browser.close()
