#!/usr/bin/env python3
"""Benchmark of activities: inviting a 20,000-member segment, a member's portal page, SMS replies.

    python3 tests/bench_activities.py -c .coup/demo.conf -d coup_demo [--members 20000]

The database must have coup_activities installed. Everything runs in one transaction that is
rolled back: a cooperative with ``--members`` members (inserted with the registry's
bulk_create), an activity, the invite wizard on a segment of all of them (timed); then one
member with 200 past invitations and the rendering of their "My Invitations" page (timed,
server side: the search, the values and the QWeb rendering); with coup_activities_sms
installed, 5,000 replies "OUI <code>" received through a gateway and applied (timed).
Targets: under 10 s, 300 ms and 30 s.
"""
import argparse
import datetime
import statistics
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=20000)
    args = parser.parse_args()

    import odoo
    from odoo import fields
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    from odoo.addons.coup_activities.controllers.portal import CoupActivitiesPortal
    from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env["res.company"].create({
            "name": "Bench activities %s" % time.time(), "country_id": env.ref("base.ml").id})
        env.user.company_ids |= company
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        start = time.perf_counter()
        partners = bulk_create(env["res.partner"], [
            {"name": "Membre %06d" % n, "active": True, "type": "contact"}
            for n in range(args.members)], computed_by_caller=("complete_name",))
        numbers = company._coup_next_member_numbers(len(partners))
        bulk_create(env["coup.membership"], [
            {"partner_id": pid, "company_id": company.id, "member_number": number,
             "membership_type": "principal", "state": "active", "active": True,
             "join_date": "2020-01-01"} for pid, number in zip(partners.ids, numbers)])
        env.flush_all()
        print("%d members inserted in %.1f s" % (args.members, time.perf_counter() - start))
        segment = env["coup.member.segment"].create({"name": "All", "company_id": company.id})
        begin = fields.Datetime.now() + datetime.timedelta(days=10)
        event = env["event.event"].create({
            "name": "Bench AG", "company_id": company.id, "coup_kind": "general_assembly",
            "date_begin": begin, "date_end": begin + datetime.timedelta(hours=3)})
        start = time.perf_counter()
        wizard = env["coup.activity.invite"].create(
            {"event_id": event.id, "segment_ids": [fields.Command.set(segment.ids)]})
        count = wizard.new_count
        counted = time.perf_counter() - start
        wizard.action_invite()
        env.flush_all()
        invited = time.perf_counter() - start
        print("invite a %d-member segment: count shown in %.2f s, %d invitations created in "
              "%.2f s (target < 10 s)" % (args.members, counted, count, invited))

        # one member with 200 past invitations (past ones: their cards have no form to answer)
        member = env["res.partner"].create({"name": "Membre du portail"})
        env["coup.membership"].create({"partner_id": member.id, "company_id": company.id})
        events = env["event.event"].create([{
            "name": "Réunion %d" % n, "company_id": company.id, "coup_kind": "board_meeting",
            "date_begin": fields.Datetime.now() - datetime.timedelta(days=n + 2),
            "date_end": fields.Datetime.now() - datetime.timedelta(days=n + 1)}
            for n in range(200)])
        membership = env["coup.membership"].search([("partner_id", "=", member.id)])
        Registration = env["event.registration"]
        Registration.create([vals for e in events
                             for vals in Registration._coup_invitation_vals(e, membership)])
        user = env["res.users"].create({
            "name": member.name, "login": "bench_member_%s" % time.time(),
            "partner_id": member.id, "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
            "company_id": company.id, "company_ids": [(6, 0, company.ids)]})
        env.flush_all()
        user_env = env(user=user)
        timings = []
        for __ in range(7):
            env.invalidate_all()
            start = time.perf_counter()
            invitations = user_env["event.registration"].sudo().search(
                [("partner_id", "=", member.id), ("coup_membership_id", "!=", False)],
                order="coup_event_begin desc, id desc", limit=80)
            rows = CoupActivitiesPortal._coup_invitation_values(invitations)
            html = "".join(
                str(user_env["ir.qweb"]._render("coup_activities.portal_invitation_card",
                                                {"row": row, "action_url": "/x"}))
                for row in rows)
            timings.append(time.perf_counter() - start)
        print("portal page of a member with 200 past invitations (80 shown): %.0f ms median of "
              "7 (target < 300 ms), %d bytes" % (statistics.median(timings) * 1000, len(html)))
        if "coup_reply_code" in env["event.event"]._fields:
            bench_sms_replies(env, company, event, partners[:5000])
        cr.rollback()


def bench_sms_replies(env, company, event, partners):
    """5,000 members answer the invitation SMS: each reply is stored, matched and applied."""
    from odoo.addons.coup_sms.tools.gateway_clients import Inbound
    gateway = env["coup.sms.gateway"].create({
        "name": "Bench gateway", "company_id": company.id, "provider": "africastalking",
        "base_url": "http://127.0.0.1:9", "at_username": "bench", "api_key": "bench",
        "sender": "BENCH"})
    numbers = ["+2236%07d" % n for n in range(len(partners))]
    for partner, number in zip(partners, numbers):
        partner.mobile = number
    env.flush_all()
    Inbound_ = env["coup.sms.inbound"]
    start = time.perf_counter()
    for n, number in enumerate(numbers):
        Inbound_._coup_receive(gateway, Inbound(provider_id="bench-%d" % n, sender=number,
                                                text="OUI %s" % event.coup_reply_code))
    env.flush_all()
    elapsed = time.perf_counter() - start
    accepted = env["event.registration"].search_count(
        [("event_id", "=", event.id), ("coup_answer_channel", "=", "sms")])
    print("%d SMS replies applied in %.1f s, %d invitations answered by SMS (target < 30 s)" % (
        len(numbers), elapsed, accepted))


if __name__ == "__main__":
    main()
