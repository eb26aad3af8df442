#!/usr/bin/env python3
"""The season's cast, made once in a database the load harness then runs against.

    python3 tests/load/setup_season.py -c CONF -d DB [--tills 20] [--portal 300]
        [--members 2000] [--register-rows 20000] [--past-deliveries 2]

In the demo cooperative Kléla (the database needs coup_suite with demo data, as ``./coup
demo`` makes it): ``--members`` members with a mobile (the first ``--portal`` of them with a
portal login, each with past deliveries and an invitation to a general assembly whose reply
code they can answer by SMS); ``--tills`` collection-point tills, each with its own POS user;
a shop till with an open session and a cash payment method; an office user of the registry; an
SMS gateway whose webhooks are the load's (its address is set by faults.py, which runs the
stand-in gateway); sent SMS waiting for their delivery reports; a ``--register-rows`` register
file for the office to import. Everything is committed (use a throwaway copy of the database)
and written to tests/load/out/season.json (COUP_LOAD_OUT) for the locustfile and the checker.
Every login's password is ``--password``.
"""
import argparse
import csv
import datetime
import json
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import OUT  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--tills", type=int, default=20)
    parser.add_argument("--portal", type=int, default=300)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--register-rows", type=int, default=20000)
    parser.add_argument("--past-deliveries", type=int, default=2)
    parser.add_argument("--sent-sms", type=int, default=2000,
                        help="SMS already sent, waiting for a delivery report")
    parser.add_argument("--password", default="season-load")
    args = parser.parse_args()

    import odoo
    from odoo import fields
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create

    started = time.perf_counter()
    tag = "L%s" % int(time.time())
    OUT.mkdir(parents=True, exist_ok=True)
    # a new season: the journals of the last one go
    for name in ("tickets.jsonl", "sms.jsonl", "imports.jsonl", "sales.jsonl", "errors.jsonl",
                 "faults.jsonl", "gateway.jsonl"):
        (OUT / name).unlink(missing_ok=True)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env.ref("coup_member_registry.company_coop_klela")
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        cashew = env.ref("coup_marketplace.product_cashew_raw")

        # the members: principal, active, a mobile each (the SMS replies come from them)
        partners = bulk_create(env["res.partner"], [{
            "name": "Membre %s %05d" % (tag, n), "active": True, "type": "contact",
            "mobile": "+2237%d%06d" % (n % 10, n), "phone_sanitized": "+2237%d%06d" % (n % 10, n),
            "sms_consent": True, "country_id": company.country_id.id, "company_id": False,
        } for n in range(args.members)], computed_by_caller=("complete_name",))
        numbers = company._coup_next_member_numbers(len(partners))
        memberships = bulk_create(env["coup.membership"], [{
            "partner_id": pid, "company_id": company.id, "member_number": number,
            "membership_type": "principal", "state": "active", "active": True,
            "join_date": "2020-01-01"} for pid, number in zip(partners.ids, numbers)])
        env.invalidate_all()
        print("members: %d in %.1f s" % (len(partners), time.perf_counter() - started))

        # users: one hash for every login (hashing 300 passwords one by one takes minutes)
        portal = env.ref("base.group_portal")
        pos_user = env.ref("point_of_sale.group_pos_user")
        Users = env["res.users"].with_context(no_reset_password=True)
        portal_users = Users.create([{
            "name": p.name, "login": "%s-member-%d" % (tag, n), "partner_id": p.id,
            "groups_id": [(6, 0, portal.ids)], "company_id": company.id,
            "company_ids": [(6, 0, company.ids)]}
            for n, p in enumerate(partners[:args.portal])])
        internal = Users.create([{
            "name": "%s till %d" % (tag, n), "login": "%s-till-%d" % (tag, n),
            "groups_id": [(6, 0, (env.ref("base.group_user") | pos_user).ids)],
            "company_id": company.id, "company_ids": [(6, 0, company.ids)]}
            for n in range(args.tills)] + [{
            "name": "%s shop" % tag, "login": "%s-shop" % tag,
            "groups_id": [(6, 0, (env.ref("base.group_user") | pos_user).ids)],
            "company_id": company.id, "company_ids": [(6, 0, company.ids)]}, {
            "name": "%s office" % tag, "login": "%s-office" % tag,
            "groups_id": [(6, 0, (env.ref("base.group_user")
                                  | env.ref("coup_member_registry.group_coup_manager")).ids)],
            "company_id": company.id, "company_ids": [(6, 0, company.ids)]}])
        till_users, shop_user, office_user = internal[:args.tills], internal[-2], internal[-1]
        hashed = Users._crypt_context().hash(args.password)
        cr.execute("UPDATE res_users SET password = %s WHERE id = ANY(%s)",
                   [hashed, (portal_users | internal).ids])
        print("users: %d portal, %d tills, shop, office (%.1f s)"
              % (len(portal_users), len(till_users), time.perf_counter() - started))

        # the collection points, one till each
        tills = env["pos.config"].create([{
            "name": "%s collection point %d" % (tag, n), "company_id": company.id,
            "coup_collection": True, "payment_method_ids": [(6, 0, [])]}
            for n in range(args.tills)])

        # the shop till: a few products, cash, a session open as the shop's user
        # a cash journal of the season's own (Odoo allows one cash payment method a journal)
        cash_journal = env["account.journal"].create({
            "name": "%s cash" % tag, "type": "cash", "code": "C%s" % tag[-4:],
            "company_id": company.id})
        cash = env["pos.payment.method"].create({
            "name": "%s cash" % tag, "journal_id": cash_journal.id, "company_id": company.id})
        goods = env["product.product"].create([{
            "name": "%s article %d" % (tag, n), "available_in_pos": True, "list_price": 500 + n,
            "taxes_id": [(6, 0, [])], "company_id": company.id} for n in range(20)])
        shop = env["pos.config"].create({
            "name": "%s shop" % tag, "company_id": company.id,
            "payment_method_ids": [(6, 0, cash.ids)]})
        shop.with_user(shop_user).with_company(company).open_ui()
        session = shop.current_session_id

        # past deliveries for the portal's pages, confirmed as a collection point does
        Purchase = env["coup.purchase"].with_company(company)
        past = Purchase.create([{
            "company_id": company.id, "membership_id": m.id,
            "client_ref": "%s-past-%d-%d" % (tag, m.id, k),
            "line_ids": [(0, 0, {"product_id": cashew.id, "gross_kg": 40 + k, "tare_kg": 0.5,
                                 "moisture": 8, "grade": "A", "bags": 1})]}
            for m in memberships[:args.portal] for k in range(args.past_deliveries)])
        past.action_confirm()
        print("past deliveries: %d confirmed (%.1f s)" % (len(past),
                                                          time.perf_counter() - started))

        # a general assembly in ten days, every load member invited (SMS reply code)
        segment = env["coup.member.segment"].create({"name": "%s all" % tag,
                                                     "company_id": company.id})
        begin = fields.Datetime.now() + datetime.timedelta(days=10)
        event = env["event.event"].create({
            "name": "%s general assembly" % tag, "company_id": company.id,
            "coup_kind": "general_assembly", "date_begin": begin,
            "date_end": begin + datetime.timedelta(hours=3)})
        wizard = env["coup.activity.invite"].create(
            {"event_id": event.id, "segment_ids": [fields.Command.set(segment.ids)]})
        wizard.action_invite()
        event.invalidate_recordset()
        reply_code = event.coup_reply_code if "coup_reply_code" in event._fields else None

        # the load's SMS gateway, first of the cooperative: faults.py sets its address
        secret = secrets.token_urlsafe(16)
        gateway = env["coup.sms.gateway"].create({
            "name": "%s gateway" % tag, "company_id": company.id, "provider": "africastalking",
            "sequence": 0, "base_url": "http://127.0.0.1:9", "at_username": "load",
            "api_key": "load-key", "sender": "KLELA", "webhook_secret": secret,
            "rate_per_second": 200, "timeout": 2, "retry_attempts": 5, "retry_backoff": 0.5})
        sent = env["sms.sms"].create([{
            "number": p.mobile, "body": "%s message %d" % (tag, n), "partner_id": p.id,
            "state": "pending", "coup_gateway_id": gateway.id, "coup_company_id": company.id,
            "coup_provider_message_id": "%s-SENT-%06d" % (tag, n)}
            for n, p in enumerate([partners[k % len(partners)] for k in range(args.sent_sms)])])

        # the register the office imports: new people, member numbers of this run's own
        register = OUT / ("register-%s.csv" % tag)
        with open(register, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["N° membre", "Nom", "Prénom", "Sexe", "Téléphone", "Village"])
            for n in range(args.register_rows):
                writer.writerow(["%s-R%06d" % (tag, n), "Traoré%s" % tag, "Imp%06d" % n,
                                 "F" if n % 2 else "M", "+2236%07d" % n, "Village %d" % (n % 40)])
        cr.commit()
        data = {
            "tag": tag, "database": args.database, "company_id": company.id,
            "password": args.password, "product_id": cashew.id,
            "tills": [{"login": u.login, "config_id": c.id} for u, c in zip(till_users, tills)],
            "members": [{"partner_id": p.id, "mobile": p.mobile} for p in partners],
            "portal": [u.login for u in portal_users],
            "event_id": event.id, "reply_code": reply_code,
            "gateway_id": gateway.id, "webhook_secret": secret,
            "sent_sms": sent.mapped("coup_provider_message_id"),
            "shop": {"login": shop_user.login, "config_id": shop.id, "session_id": session.id,
                     "user_id": shop_user.id, "pricelist_id": shop.pricelist_id.id,
                     "payment_method_id": cash.id,
                     "products": [{"id": g.id, "price": g.lst_price} for g in goods]},
            "office": office_user.login, "register": str(register),
            "register_rows": args.register_rows,
        }
    with open(OUT / "season.json", "w") as f:
        json.dump(data, f)
    print("season %s ready in %.1f s: %s" % (tag, time.perf_counter() - started,
                                             OUT / "season.json"))


if __name__ == "__main__":
    main()
