#!/usr/bin/env python3
"""Take the screenshots of docs/ from a running demo (./coup demo) with headless Chromium.

    pip install playwright   # the Python driver only; it uses the system's Chromium
    python3 docs/screenshots.py [http://localhost:8069]
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8069"
OUT = pathlib.Path(__file__).parent
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


def login(page, login, password):
    page.goto(BASE + "/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click(".oe_login_form button[type=submit]")
    page.wait_for_load_state("load")


def shoot(page, name, path):
    page.goto(BASE + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(3000)
    page.screenshot(path=str(OUT / ("%s.png" % name)))


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    login(page, "admin", "admin")
    for name, path in BACKEND:
        shoot(page, name, path)
    manager = browser.new_page(viewport={"width": 1440, "height": 900})
    login(manager, "manager.klela", "manager.klela")
    for name, path in MANAGER:
        shoot(manager, name, path)
    page = manager
    for name, path, row in RECORDS:
        page.goto(BASE + path)
        page.wait_for_load_state("load")
        page.wait_for_selector(".o_data_row")
        page.locator(".o_data_row", has_text=row).first.click()
        page.wait_for_timeout(3000)
        page.screenshot(path=str(OUT / ("%s.png" % name)))
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    login(phone, "member.klela", "member.klela")
    for name, path in PORTAL:
        shoot(phone, name, path)
    browser.close()
